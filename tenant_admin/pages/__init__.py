"""Tenant admin pages (UI only; data comes from the states in tenant_admin.state)."""
