"""Reservation notes: dated, signed notes staff leave on a reservation.

Revision ID: 0004_reservation_notes
Revises: 0003_audit_append_only
"""

import sqlalchemy as sa
import sqlmodel

import core.db.types
from alembic import op

revision = "0004_reservation_notes"
down_revision = "0003_audit_append_only"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reservation_notes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("reservation_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("author_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", core.db.types.AwareDateTime(timezone=True), nullable=False),
        sa.Column("edited_at", core.db.types.AwareDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["reservation_id"], ["reservations.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_reservation_notes_reservation_id"), "reservation_notes",
                    ["reservation_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_reservation_notes_reservation_id"), table_name="reservation_notes")
    op.drop_table("reservation_notes")
