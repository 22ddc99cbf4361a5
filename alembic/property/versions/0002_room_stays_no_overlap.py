"""One room never holds two overlapping stays: a Postgres exclusion constraint on room_stays.

SQLite has no exclusion constraints; there the reservations service checks under the write
lock taken by BEGIN IMMEDIATE (core.inventory.rooms.occupy_room).

Revision ID: 0002_room_stays
Revises: 0001
"""

from alembic import op

revision = "0002_room_stays"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.execute(
        "ALTER TABLE room_stays ADD CONSTRAINT room_stays_no_overlap "
        "EXCLUDE USING gist (room_id WITH =, daterange(start_date, end_date, '[)') WITH &&)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE room_stays DROP CONSTRAINT IF EXISTS room_stays_no_overlap")
