"""PMS states: thin handlers that call core and keep what the pages show."""
