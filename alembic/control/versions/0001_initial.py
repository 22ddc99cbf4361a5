"""Initial control schema (generated from the models by `gj makemigrations`).

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
    op.create_table('chains',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_chains_slug'), 'chains', ['slug'], unique=True)
    op.create_table('properties',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('chain_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('timezone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('database_url', sa.String(length=1000), nullable=False),
    sa.Column('status', sa.Enum('provisioning', 'active', 'failed', 'disabled', name='propertystatus', native_enum=False, length=32), nullable=False),
    sa.Column('status_detail', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('provisioned_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['chain_id'], ['chains.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_properties_chain_id'), 'properties', ['chain_id'], unique=False)
    op.create_index(op.f('ix_properties_slug'), 'properties', ['slug'], unique=True)
    op.create_table('property_domains',
    sa.Column('host', sqlmodel.sql.sqltypes.AutoString(length=253), nullable=False),
    sa.Column('property_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['property_id'], ['properties.id'], ),
    sa.PrimaryKeyConstraint('host')
    )
    op.create_index(op.f('ix_property_domains_property_id'), 'property_domains', ['property_id'], unique=False)

def downgrade() -> None:
    op.drop_index(op.f('ix_property_domains_property_id'), table_name='property_domains')
    op.drop_table('property_domains')
    op.drop_index(op.f('ix_properties_slug'), table_name='properties')
    op.drop_index(op.f('ix_properties_chain_id'), table_name='properties')
    op.drop_table('properties')
    op.drop_index(op.f('ix_chains_slug'), table_name='chains')
    op.drop_table('chains')
