"""The site's media library: public images with resized variants and alt text per language.

Revision ID: 0005_media_assets
Revises: 0004_reservation_notes
"""

import sqlalchemy as sa
import sqlmodel

import core.db.types
from alembic import op

revision = "0005_media_assets"
down_revision = "0004_reservation_notes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "media_assets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("original_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("alt", sa.JSON(), nullable=False),
        sa.Column("variants", sa.JSON(), nullable=False),
        sa.Column("uploaded_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", core.db.types.AwareDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("media_assets")
