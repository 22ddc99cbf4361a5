"""Reports: KPIs and other read-only figures computed from the property databases."""
