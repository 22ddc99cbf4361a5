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
    op.create_table('login_throttles',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('consecutive_failures', sa.Integer(), nullable=False),
    sa.Column('window_started_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('window_failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('locked_until', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_index(op.f('ix_login_throttles_locked_until'), 'login_throttles', ['locked_until'], unique=False)
    op.create_table('operator_audit_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('occurred_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('actor_kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('actor_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('session_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('chain_id', sa.Uuid(), nullable=True),
    sa.Column('property_id', sa.Uuid(), nullable=True),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('entity_type', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('ip', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('user_agent', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_operator_audit_log_action'), 'operator_audit_log', ['action'], unique=False)
    op.create_index(op.f('ix_operator_audit_log_chain_id'), 'operator_audit_log', ['chain_id'], unique=False)
    op.create_index(op.f('ix_operator_audit_log_entity_id'), 'operator_audit_log', ['entity_id'], unique=False)
    op.create_index(op.f('ix_operator_audit_log_entity_type'), 'operator_audit_log', ['entity_type'], unique=False)
    op.create_index(op.f('ix_operator_audit_log_user_id'), 'operator_audit_log', ['user_id'], unique=False)
    op.create_table('chain_settings',
    sa.Column('chain_id', sa.Uuid(), nullable=False),
    sa.Column('mfa_required_roles', sa.JSON(), nullable=False),
    sa.Column('browser_idle_minutes', sa.Integer(), nullable=False),
    sa.Column('browser_absolute_hours', sa.Integer(), nullable=False),
    sa.Column('oidc_enabled', sa.Boolean(), nullable=False),
    sa.Column('oidc_issuer', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('oidc_client_id', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('oidc_client_secret', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('brand_display_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('brand_primary_color', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=True),
    sa.Column('brand_accent_color', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=True),
    sa.Column('brand_font', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('brand_logo_url', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('brand_support_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.Column('updated_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['chain_id'], ['chains.id'], ),
    sa.PrimaryKeyConstraint('chain_id')
    )
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
    op.create_table('users',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('chain_id', sa.Uuid(), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('status', sa.Enum('invited', 'active', 'disabled', name='userstatus', native_enum=False, length=32), nullable=False),
    sa.Column('is_superuser', sa.Boolean(), nullable=False),
    sa.Column('totp_secret', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('totp_enabled_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('totp_last_step', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('password_changed_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('last_login_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('disabled_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['chain_id'], ['chains.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_users_chain_id'), 'users', ['chain_id'], unique=False)
    op.create_index(op.f('ix_users_email'), 'users', ['email'], unique=True)
    op.create_table('auth_sessions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('property_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('app', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('idle_expires_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('ip', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('user_agent', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=True),
    sa.Column('revoked_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('revoked_reason', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index(op.f('ix_auth_sessions_property_id'), 'auth_sessions', ['property_id'], unique=False)
    op.create_index(op.f('ix_auth_sessions_user_id'), 'auth_sessions', ['user_id'], unique=False)
    op.create_table('mfa_recovery_codes',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('code_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('used_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code_hash')
    )
    op.create_index(op.f('ix_mfa_recovery_codes_user_id'), 'mfa_recovery_codes', ['user_id'], unique=False)
    op.create_table('one_time_tokens',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('used_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index(op.f('ix_one_time_tokens_purpose'), 'one_time_tokens', ['purpose'], unique=False)
    op.create_index(op.f('ix_one_time_tokens_user_id'), 'one_time_tokens', ['user_id'], unique=False)
    op.create_table('property_domains',
    sa.Column('host', sqlmodel.sql.sqltypes.AutoString(length=253), nullable=False),
    sa.Column('property_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['property_id'], ['properties.id'], ),
    sa.PrimaryKeyConstraint('host')
    )
    op.create_index(op.f('ix_property_domains_property_id'), 'property_domains', ['property_id'], unique=False)
    op.create_table('role_grants',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('property_id', sa.Uuid(), nullable=True),
    sa.Column('chain_id', sa.Uuid(), nullable=True),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('granted_by', sa.Uuid(), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['chain_id'], ['chains.id'], ),
    sa.ForeignKeyConstraint(['property_id'], ['properties.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'role', 'scope', name='uq_role_grant')
    )
    op.create_index(op.f('ix_role_grants_chain_id'), 'role_grants', ['chain_id'], unique=False)
    op.create_index(op.f('ix_role_grants_property_id'), 'role_grants', ['property_id'], unique=False)
    op.create_index(op.f('ix_role_grants_user_id'), 'role_grants', ['user_id'], unique=False)
    op.create_table('refresh_tokens',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('session_id', sa.Uuid(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('used_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['auth_sessions.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index(op.f('ix_refresh_tokens_session_id'), 'refresh_tokens', ['session_id'], unique=False)

def downgrade() -> None:
    op.drop_index(op.f('ix_refresh_tokens_session_id'), table_name='refresh_tokens')
    op.drop_table('refresh_tokens')
    op.drop_index(op.f('ix_role_grants_user_id'), table_name='role_grants')
    op.drop_index(op.f('ix_role_grants_property_id'), table_name='role_grants')
    op.drop_index(op.f('ix_role_grants_chain_id'), table_name='role_grants')
    op.drop_table('role_grants')
    op.drop_index(op.f('ix_property_domains_property_id'), table_name='property_domains')
    op.drop_table('property_domains')
    op.drop_index(op.f('ix_one_time_tokens_user_id'), table_name='one_time_tokens')
    op.drop_index(op.f('ix_one_time_tokens_purpose'), table_name='one_time_tokens')
    op.drop_table('one_time_tokens')
    op.drop_index(op.f('ix_mfa_recovery_codes_user_id'), table_name='mfa_recovery_codes')
    op.drop_table('mfa_recovery_codes')
    op.drop_index(op.f('ix_auth_sessions_user_id'), table_name='auth_sessions')
    op.drop_index(op.f('ix_auth_sessions_property_id'), table_name='auth_sessions')
    op.drop_table('auth_sessions')
    op.drop_index(op.f('ix_users_email'), table_name='users')
    op.drop_index(op.f('ix_users_chain_id'), table_name='users')
    op.drop_table('users')
    op.drop_index(op.f('ix_properties_slug'), table_name='properties')
    op.drop_index(op.f('ix_properties_chain_id'), table_name='properties')
    op.drop_table('properties')
    op.drop_table('chain_settings')
    op.drop_index(op.f('ix_operator_audit_log_user_id'), table_name='operator_audit_log')
    op.drop_index(op.f('ix_operator_audit_log_entity_type'), table_name='operator_audit_log')
    op.drop_index(op.f('ix_operator_audit_log_entity_id'), table_name='operator_audit_log')
    op.drop_index(op.f('ix_operator_audit_log_chain_id'), table_name='operator_audit_log')
    op.drop_index(op.f('ix_operator_audit_log_action'), table_name='operator_audit_log')
    op.drop_table('operator_audit_log')
    op.drop_index(op.f('ix_login_throttles_locked_until'), table_name='login_throttles')
    op.drop_table('login_throttles')
    op.drop_index(op.f('ix_chains_slug'), table_name='chains')
    op.drop_table('chains')
