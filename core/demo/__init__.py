"""Demo data: a chain with a city hotel and a resort, built through the real services."""
