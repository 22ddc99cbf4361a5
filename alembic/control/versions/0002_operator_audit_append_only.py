"""The operator audit log refuses UPDATE and DELETE at the database level.

Revision ID: 0002_audit_append_only
Revises: 0001
"""

from alembic import op
from core.audit.append_only import install, remove

revision = "0002_audit_append_only"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    install(op.execute, op.get_bind().dialect.name, "operator_audit_log")


def downgrade() -> None:
    remove(op.execute, op.get_bind().dialect.name, "operator_audit_log")
