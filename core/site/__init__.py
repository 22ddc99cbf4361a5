"""The public booking site's domain side: which property a request is for, and what guests may do."""
