"""Tenancy: chains, the property registry, and provisioning a database per property."""
