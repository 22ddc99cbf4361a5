"""Card settlements: the online card payments of a cancelled or no-show stay, settled once.

Revision ID: 0006_card_settlements
Revises: 0005_media_assets
"""

import sqlalchemy as sa
import sqlmodel

import core.db.types
from alembic import op

revision = "0006_card_settlements"
down_revision = "0005_media_assets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "card_settlements",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("reservation_id", sa.Uuid(), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", core.db.types.AwareDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("fee", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("refunded", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("captured", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("released", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("created_at", core.db.types.AwareDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", core.db.types.AwareDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reservation_id"),
    )
    with op.batch_alter_table("card_settlements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_settlements_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("card_settlements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_settlements_status"))
    op.drop_table("card_settlements")
