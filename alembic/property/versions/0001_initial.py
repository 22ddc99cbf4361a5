"""Initial property schema (generated from the models by `gj makemigrations`).

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import core.db.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outbox_events',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('topic', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('published_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('event_uuid', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_uuid')
    )
    op.create_index(op.f('ix_outbox_events_published_at'), 'outbox_events', ['published_at'], unique=False)
    op.create_index(op.f('ix_outbox_events_topic'), 'outbox_events', ['topic'], unique=False)
    op.create_table('policies',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('free_cancellation_hours', sa.Integer(), nullable=True),
    sa.Column('cancellation_fee_kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('cancellation_fee_value', sa.Numeric(precision=14, scale=4), nullable=False),
    sa.Column('no_show_fee_kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('no_show_fee_value', sa.Numeric(precision=14, scale=4), nullable=False),
    sa.Column('deposit_kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('deposit_value', sa.Numeric(precision=14, scale=4), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_table('promo_codes',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('value', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('stay_from', sa.Date(), nullable=True),
    sa.Column('stay_to', sa.Date(), nullable=True),
    sa.Column('book_from', sa.Date(), nullable=True),
    sa.Column('book_to', sa.Date(), nullable=True),
    sa.Column('min_nights', sa.Integer(), nullable=False),
    sa.Column('max_uses', sa.Integer(), nullable=True),
    sa.Column('uses', sa.Integer(), nullable=False),
    sa.Column('rate_plan_ids', sa.JSON(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_table('property_settings',
    sa.Column('property_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('legal_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('timezone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('check_in_time', sa.Time(), nullable=False),
    sa.Column('check_out_time', sa.Time(), nullable=False),
    sa.Column('day_use_start', sa.Time(), nullable=False),
    sa.Column('day_use_end', sa.Time(), nullable=False),
    sa.Column('child_max_age', sa.Integer(), nullable=False),
    sa.Column('infant_max_age', sa.Integer(), nullable=False),
    sa.Column('overbooking_allowance', sa.Integer(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=True),
    sa.Column('updated_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('property_id')
    )
    op.create_table('room_types',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('base_occupancy', sa.Integer(), nullable=False),
    sa.Column('max_occupancy', sa.Integer(), nullable=False),
    sa.Column('max_adults', sa.Integer(), nullable=False),
    sa.Column('max_children', sa.Integer(), nullable=False),
    sa.Column('bed_types', sa.JSON(), nullable=False),
    sa.Column('size_sqm', sa.Numeric(precision=14, scale=1), nullable=True),
    sa.Column('amenities', sa.JSON(), nullable=False),
    sa.Column('photos', sa.JSON(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_table('taxes',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('value', sa.Numeric(precision=14, scale=4), nullable=False),
    sa.Column('inclusive', sa.Boolean(), nullable=False),
    sa.Column('exempt_below_age', sa.Integer(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_table('rate_plans',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('room_type_id', sa.Uuid(), nullable=False),
    sa.Column('parent_id', sa.Uuid(), nullable=True),
    sa.Column('derive_kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('derive_value', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('inherit_restrictions', sa.Boolean(), nullable=False),
    sa.Column('meal_plan', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('meal_price_adult', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('meal_price_child', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('adult_prices', sa.JSON(), nullable=False),
    sa.Column('extra_adult', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('child_bands', sa.JSON(), nullable=False),
    sa.Column('policy_id', sa.Uuid(), nullable=True),
    sa.Column('guarantee_type', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('channels', sa.JSON(), nullable=False),
    sa.Column('min_advance_days', sa.Integer(), nullable=True),
    sa.Column('max_advance_days', sa.Integer(), nullable=True),
    sa.Column('day_use', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['rate_plans.id'], ),
    sa.ForeignKeyConstraint(['policy_id'], ['policies.id'], ),
    sa.ForeignKeyConstraint(['room_type_id'], ['room_types.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('room_type_id', 'code')
    )
    op.create_index(op.f('ix_rate_plans_room_type_id'), 'rate_plans', ['room_type_id'], unique=False)
    op.create_table('rooms',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('floor', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('room_type_id', sa.Uuid(), nullable=False),
    sa.Column('features', sa.JSON(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['room_type_id'], ['room_types.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    op.create_index(op.f('ix_rooms_room_type_id'), 'rooms', ['room_type_id'], unique=False)
    op.create_table('rate_days',
    sa.Column('rate_plan_id', sa.Uuid(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('price', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('min_los', sa.Integer(), nullable=True),
    sa.Column('max_los', sa.Integer(), nullable=True),
    sa.Column('closed_to_arrival', sa.Boolean(), nullable=False),
    sa.Column('closed_to_departure', sa.Boolean(), nullable=False),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['rate_plan_id'], ['rate_plans.id'], ),
    sa.PrimaryKeyConstraint('rate_plan_id', 'day')
    )

def downgrade() -> None:
    op.drop_table('rate_days')
    op.drop_index(op.f('ix_rooms_room_type_id'), table_name='rooms')
    op.drop_table('rooms')
    op.drop_index(op.f('ix_rate_plans_room_type_id'), table_name='rate_plans')
    op.drop_table('rate_plans')
    op.drop_table('taxes')
    op.drop_table('room_types')
    op.drop_table('property_settings')
    op.drop_table('promo_codes')
    op.drop_table('policies')
    op.drop_index(op.f('ix_outbox_events_topic'), table_name='outbox_events')
    op.drop_index(op.f('ix_outbox_events_published_at'), table_name='outbox_events')
    op.drop_table('outbox_events')
