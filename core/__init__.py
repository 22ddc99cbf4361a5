"""Guest Journey core: the shared domain package (tables, rules, services, tenancy, events)."""
