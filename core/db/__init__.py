"""Database adapter: engines, control plane vs property databases, units of work, migrations."""
