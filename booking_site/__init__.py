"""The public booking site guests use to find a hotel of the chain, book and manage stays."""
