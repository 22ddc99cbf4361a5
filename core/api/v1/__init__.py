"""REST API v1 for mobile apps and integrators: property-scoped routers under /api/v1."""
