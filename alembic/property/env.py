"""Alembic environment for the property database (one per property)."""

from core.db.alembic_env import run
from core.db.tables import property_metadata

run("property", property_metadata(), None)
