"""Console building blocks shared by the tenant admin pages (UI only)."""
