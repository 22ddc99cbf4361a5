"""The property audit log refuses UPDATE and DELETE at the database level.

Revision ID: 0003_audit_append_only
Revises: 0002_room_stays
"""

from alembic import op
from core.audit.append_only import install, remove

revision = "0003_audit_append_only"
down_revision = "0002_room_stays"
branch_labels = None
depends_on = None


def upgrade() -> None:
    install(op.execute, op.get_bind().dialect.name, "audit_log")


def downgrade() -> None:
    remove(op.execute, op.get_bind().dialect.name, "audit_log")
