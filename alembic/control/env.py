"""Alembic environment for the control databasecontrol."""

from core.config import get_settings
from core.db.alembic_env import run
from core.db.tables import control_metadata

run("control", control_metadata(), get_settings().control_url)
