"""Reusable PMS UI pieces (no state logic, no data access)."""
