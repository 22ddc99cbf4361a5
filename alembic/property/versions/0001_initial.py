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
    op.create_table('audit_log',
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
    op.create_index(op.f('ix_audit_log_action'), 'audit_log', ['action'], unique=False)
    op.create_index(op.f('ix_audit_log_chain_id'), 'audit_log', ['chain_id'], unique=False)
    op.create_index(op.f('ix_audit_log_entity_id'), 'audit_log', ['entity_id'], unique=False)
    op.create_index(op.f('ix_audit_log_entity_type'), 'audit_log', ['entity_type'], unique=False)
    op.create_index(op.f('ix_audit_log_user_id'), 'audit_log', ['user_id'], unique=False)
    op.create_table('chat_channels',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('topic', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('archived_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('city_ledger_accounts',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('tax_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('credit_limit', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('payment_terms_days', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_table('cms_pages',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('default_locale', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('draft', sa.JSON(), nullable=False),
    sa.Column('draft_dirty', sa.Boolean(), nullable=False),
    sa.Column('published_number', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slug')
    )
    op.create_table('deposits',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('reservation_id', sa.Uuid(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('payment_id', sa.Uuid(), nullable=True),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('applied_posting_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('applied_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_deposits_reservation_id'), 'deposits', ['reservation_id'], unique=False)
    op.create_index(op.f('ix_deposits_status'), 'deposits', ['status'], unique=False)
    op.create_table('document_counters',
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('next_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind')
    )
    op.create_table('guests',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('first_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('last_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_guests_email'), 'guests', ['email'], unique=False)
    op.create_table('idempotency_keys',
    sa.Column('operation', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('fingerprint', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('response', sa.JSON(), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('operation', 'key')
    )
    op.create_table('media_files',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('original_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('path', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('thumb_path', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('view_permission', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('owner_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('owner_id', sa.Uuid(), nullable=True),
    sa.Column('uploaded_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_media_files_owner_id'), 'media_files', ['owner_id'], unique=False)
    op.create_index(op.f('ix_media_files_owner_type'), 'media_files', ['owner_type'], unique=False)
    op.create_table('message_branding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sender_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('reply_to', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('primary_color', sqlmodel.sql.sqltypes.AutoString(length=9), nullable=False),
    sa.Column('logo_url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('default_language', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('online_check_in_url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('message_deliveries',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('reservation_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('recipient', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('body_text', sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
    sa.Column('body_html', sqlmodel.sql.sqltypes.AutoString(length=60000), nullable=True),
    sa.Column('invoice_id', sa.Uuid(), nullable=True),
    sa.Column('dedupe_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('provider_message_id', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('next_attempt_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dedupe_key')
    )
    op.create_index(op.f('ix_message_deliveries_next_attempt_at'), 'message_deliveries', ['next_attempt_at'], unique=False)
    op.create_index(op.f('ix_message_deliveries_reservation_id'), 'message_deliveries', ['reservation_id'], unique=False)
    op.create_index(op.f('ix_message_deliveries_status'), 'message_deliveries', ['status'], unique=False)
    op.create_table('message_templates',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('body_text', sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
    sa.Column('body_html', sqlmodel.sql.sqltypes.AutoString(length=50000), nullable=True),
    sa.Column('updated_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kind', 'language', 'channel', name='uq_message_templates')
    )
    op.create_table('night_audit_reports',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('format', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('business_date', 'kind', 'format', name='uq_night_audit_reports')
    )
    op.create_index(op.f('ix_night_audit_reports_business_date'), 'night_audit_reports', ['business_date'], unique=False)
    op.create_table('night_audit_runs',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.Column('run_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('started_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('business_date')
    )
    op.create_table('night_audit_schedule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_at', sa.Time(), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('online_check_ins',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('reservation_id', sa.Uuid(), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('nationality', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('document_type', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('arrival_time', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('document_number', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
    sa.Column('id_media_id', sa.Uuid(), nullable=True),
    sa.Column('consent_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_online_check_ins_reservation_id'), 'online_check_ins', ['reservation_id'], unique=True)
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
    op.create_index(op.f('ix_outbox_events_entity_id'), 'outbox_events', ['entity_id'], unique=False)
    op.create_index(op.f('ix_outbox_events_published_at'), 'outbox_events', ['published_at'], unique=False)
    op.create_index(op.f('ix_outbox_events_topic'), 'outbox_events', ['topic'], unique=False)
    op.create_table('payments',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('reservation_id', sa.Uuid(), nullable=True),
    sa.Column('folio_id', sa.Uuid(), nullable=True),
    sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('amount_captured', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('amount_refunded', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('provider_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('customer_token', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('payment_method_token', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('card_brand', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('card_last4', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
    sa.Column('failure_message', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('authorized_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('expires_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('provider_id')
    )
    op.create_index(op.f('ix_payments_folio_id'), 'payments', ['folio_id'], unique=False)
    op.create_index(op.f('ix_payments_reservation_id'), 'payments', ['reservation_id'], unique=False)
    op.create_index(op.f('ix_payments_status'), 'payments', ['status'], unique=False)
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
    sa.Column('tax_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
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
    sa.Column('catalogue_stamp', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('updated_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('property_id')
    )
    op.create_table('relay_state',
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('holder', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('lease_expires_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('position', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('name')
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
    op.create_table('stripe_events',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('received_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
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
    op.create_table('webhook_subscriptions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('secret', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('bookings',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('guest_id', sa.Uuid(), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['guest_id'], ['guests.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_bookings_guest_id'), 'bookings', ['guest_id'], unique=False)
    op.create_index(op.f('ix_bookings_reference'), 'bookings', ['reference'], unique=True)
    op.create_table('chat_messages',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('channel_id', sa.Uuid(), nullable=False),
    sa.Column('author_id', sa.Uuid(), nullable=True),
    sa.Column('author_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['channel_id'], ['chat_channels.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_chat_messages_channel_id'), 'chat_messages', ['channel_id'], unique=False)
    op.create_table('city_ledger_entries',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('account_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('folio_id', sa.Uuid(), nullable=True),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('source_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['city_ledger_accounts.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('source_key')
    )
    op.create_index(op.f('ix_city_ledger_entries_account_id'), 'city_ledger_entries', ['account_id'], unique=False)
    op.create_table('cms_page_versions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('page_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('published_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['page_id'], ['cms_pages.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('page_id', 'number', name='uq_cms_version_number')
    )
    op.create_index(op.f('ix_cms_page_versions_page_id'), 'cms_page_versions', ['page_id'], unique=False)
    op.create_table('folios',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('reservation_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('city_ledger_account_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['city_ledger_account_id'], ['city_ledger_accounts.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_folios_reservation_id'), 'folios', ['reservation_id'], unique=False)
    op.create_index(op.f('ix_folios_status'), 'folios', ['status'], unique=False)
    op.create_table('inventory_nights',
    sa.Column('room_type_id', sa.Uuid(), nullable=False),
    sa.Column('night', sa.Date(), nullable=False),
    sa.Column('physical', sa.Integer(), nullable=False),
    sa.Column('out_of_order', sa.Integer(), nullable=False),
    sa.Column('sold', sa.Integer(), nullable=False),
    sa.Column('day_use', sa.Integer(), nullable=False),
    sa.Column('blocked', sa.Integer(), nullable=False),
    sa.Column('overbooking', sa.Integer(), nullable=False),
    sa.CheckConstraint('sold >= 0 AND day_use >= 0 AND blocked >= 0 AND out_of_order >= 0 AND physical >= 0 AND overbooking >= 0', name='ck_inventory_nonnegative'),
    sa.ForeignKeyConstraint(['room_type_id'], ['room_types.id'], ),
    sa.PrimaryKeyConstraint('room_type_id', 'night')
    )
    op.create_table('payment_refunds',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('payment_id', sa.Uuid(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('provider_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('failure_message', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('provider_id')
    )
    op.create_index(op.f('ix_payment_refunds_payment_id'), 'payment_refunds', ['payment_id'], unique=False)
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
    op.create_table('waitlist_entries',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('guest_id', sa.Uuid(), nullable=False),
    sa.Column('room_type_id', sa.Uuid(), nullable=False),
    sa.Column('arrival', sa.Date(), nullable=False),
    sa.Column('departure', sa.Date(), nullable=False),
    sa.Column('adults', sa.Integer(), nullable=False),
    sa.Column('children_ages', sa.JSON(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('offered_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['guest_id'], ['guests.id'], ),
    sa.ForeignKeyConstraint(['room_type_id'], ['room_types.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_waitlist_entries_arrival'), 'waitlist_entries', ['arrival'], unique=False)
    op.create_index(op.f('ix_waitlist_entries_guest_id'), 'waitlist_entries', ['guest_id'], unique=False)
    op.create_index(op.f('ix_waitlist_entries_room_type_id'), 'waitlist_entries', ['room_type_id'], unique=False)
    op.create_index(op.f('ix_waitlist_entries_status'), 'waitlist_entries', ['status'], unique=False)
    op.create_table('webhook_deliveries',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('subscription_id', sa.Uuid(), nullable=False),
    sa.Column('event_id', sa.BigInteger(), nullable=False),
    sa.Column('topic', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('event_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('status', sa.Enum('pending', 'sending', 'succeeded', 'failed', name='deliverystatus', native_enum=False, length=32), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('dispatched_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('locked_until', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('last_attempt_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('last_status_code', sa.Integer(), nullable=True),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('response_excerpt', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['subscription_id'], ['webhook_subscriptions.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('subscription_id', 'event_id', name='uq_webhook_delivery_event')
    )
    op.create_index('ix_webhook_deliveries_due', 'webhook_deliveries', ['status', 'next_attempt_at'], unique=False)
    op.create_index(op.f('ix_webhook_deliveries_subscription_id'), 'webhook_deliveries', ['subscription_id'], unique=False)
    op.create_table('blocks',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('release_date', sa.Date(), nullable=False),
    sa.Column('rate_plan_id', sa.Uuid(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('contact_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('contact_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('released_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['rate_plan_id'], ['rate_plans.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_index(op.f('ix_blocks_release_date'), 'blocks', ['release_date'], unique=False)
    op.create_index(op.f('ix_blocks_status'), 'blocks', ['status'], unique=False)
    op.create_table('cleaning_tasks',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('room_id', sa.Uuid(), nullable=False),
    sa.Column('work_date', sa.Date(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('attendant_id', sa.Uuid(), nullable=True),
    sa.Column('attendant_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('started_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('finished_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('inspected_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('inspected_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('inspection_note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('failed_inspections', sa.Integer(), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('room_id', 'work_date', 'kind', name='uq_cleaning_task')
    )
    op.create_index(op.f('ix_cleaning_tasks_attendant_id'), 'cleaning_tasks', ['attendant_id'], unique=False)
    op.create_index(op.f('ix_cleaning_tasks_room_id'), 'cleaning_tasks', ['room_id'], unique=False)
    op.create_index(op.f('ix_cleaning_tasks_work_date'), 'cleaning_tasks', ['work_date'], unique=False)
    op.create_table('folio_routing_rules',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('reservation_id', sa.Uuid(), nullable=False),
    sa.Column('charge_types', sa.JSON(), nullable=False),
    sa.Column('target_folio_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['target_folio_id'], ['folios.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_folio_routing_rules_reservation_id'), 'folio_routing_rules', ['reservation_id'], unique=False)
    op.create_table('invoices',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('display_number', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('folio_id', sa.Uuid(), nullable=False),
    sa.Column('reservation_id', sa.Uuid(), nullable=True),
    sa.Column('corrects_invoice_id', sa.Uuid(), nullable=True),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('seller', sa.JSON(), nullable=False),
    sa.Column('buyer', sa.JSON(), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=False),
    sa.Column('tax_breakdown', sa.JSON(), nullable=False),
    sa.Column('net_total', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('tax_total', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('total', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('issued_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['corrects_invoice_id'], ['invoices.id'], ),
    sa.ForeignKeyConstraint(['folio_id'], ['folios.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('corrects_invoice_id'),
    sa.UniqueConstraint('display_number'),
    sa.UniqueConstraint('kind', 'number', name='uq_invoices_kind_number')
    )
    op.create_index(op.f('ix_invoices_folio_id'), 'invoices', ['folio_id'], unique=False)
    op.create_index(op.f('ix_invoices_reservation_id'), 'invoices', ['reservation_id'], unique=False)
    op.create_table('postings',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('folio_id', sa.Uuid(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('charge_type', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('tax_code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('included_tax', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('voids_posting_id', sa.Uuid(), nullable=True),
    sa.Column('transfer_id', sa.Uuid(), nullable=True),
    sa.Column('payment_id', sa.Uuid(), nullable=True),
    sa.Column('reservation_id', sa.Uuid(), nullable=True),
    sa.Column('source_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('created_by_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['folio_id'], ['folios.id'], ),
    sa.ForeignKeyConstraint(['voids_posting_id'], ['postings.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('folio_id', 'line_no', name='uq_postings_folio_line'),
    sa.UniqueConstraint('source_key'),
    sa.UniqueConstraint('voids_posting_id')
    )
    op.create_index('ix_postings_business_date', 'postings', ['business_date'], unique=False)
    op.create_index(op.f('ix_postings_folio_id'), 'postings', ['folio_id'], unique=False)
    op.create_index(op.f('ix_postings_payment_id'), 'postings', ['payment_id'], unique=False)
    op.create_index(op.f('ix_postings_reservation_id'), 'postings', ['reservation_id'], unique=False)
    op.create_index(op.f('ix_postings_transfer_id'), 'postings', ['transfer_id'], unique=False)
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
    op.create_table('room_statuses',
    sa.Column('room_id', sa.Uuid(), nullable=False),
    sa.Column('condition', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('out_of_service', sa.Boolean(), nullable=False),
    sa.Column('out_of_service_reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('changed_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('changed_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], ),
    sa.PrimaryKeyConstraint('room_id')
    )
    op.create_table('work_orders',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('room_id', sa.Uuid(), nullable=True),
    sa.Column('area', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('priority', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('assignee_id', sa.Uuid(), nullable=True),
    sa.Column('assignee_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('reported_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('out_of_order_id', sa.Uuid(), nullable=True),
    sa.Column('resolution', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('started_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('done_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('verified_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('verified_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_work_orders_assignee_id'), 'work_orders', ['assignee_id'], unique=False)
    op.create_index(op.f('ix_work_orders_room_id'), 'work_orders', ['room_id'], unique=False)
    op.create_index(op.f('ix_work_orders_status'), 'work_orders', ['status'], unique=False)
    op.create_table('block_nights',
    sa.Column('block_id', sa.Uuid(), nullable=False),
    sa.Column('room_type_id', sa.Uuid(), nullable=False),
    sa.Column('night', sa.Date(), nullable=False),
    sa.Column('held', sa.Integer(), nullable=False),
    sa.Column('picked_up', sa.Integer(), nullable=False),
    sa.CheckConstraint('picked_up >= 0 AND picked_up <= held', name='ck_block_nights_pickup'),
    sa.ForeignKeyConstraint(['block_id'], ['blocks.id'], ),
    sa.ForeignKeyConstraint(['room_type_id'], ['room_types.id'], ),
    sa.PrimaryKeyConstraint('block_id', 'room_type_id', 'night')
    )
    op.create_table('reservations',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('booking_id', sa.Uuid(), nullable=False),
    sa.Column('guest_id', sa.Uuid(), nullable=False),
    sa.Column('room_type_id', sa.Uuid(), nullable=False),
    sa.Column('rate_plan_id', sa.Uuid(), nullable=False),
    sa.Column('block_id', sa.Uuid(), nullable=True),
    sa.Column('arrival', sa.Date(), nullable=False),
    sa.Column('departure', sa.Date(), nullable=False),
    sa.Column('day_use', sa.Boolean(), nullable=False),
    sa.Column('adults', sa.Integer(), nullable=False),
    sa.Column('children_ages', sa.JSON(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('promo_code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('requests', sa.JSON(), nullable=False),
    sa.Column('price', sa.JSON(), nullable=False),
    sa.Column('total', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('guarantee_type', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('cancellation_policy', sa.JSON(), nullable=False),
    sa.Column('hold_expires_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('cancellation_fee', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('no_show_fee', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('cancel_reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('cancelled_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('checked_in_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('checked_out_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['block_id'], ['blocks.id'], ),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], ),
    sa.ForeignKeyConstraint(['guest_id'], ['guests.id'], ),
    sa.ForeignKeyConstraint(['rate_plan_id'], ['rate_plans.id'], ),
    sa.ForeignKeyConstraint(['room_type_id'], ['room_types.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_reservations_arrival_status', 'reservations', ['arrival', 'status'], unique=False)
    op.create_index(op.f('ix_reservations_block_id'), 'reservations', ['block_id'], unique=False)
    op.create_index(op.f('ix_reservations_booking_id'), 'reservations', ['booking_id'], unique=False)
    op.create_index('ix_reservations_departure', 'reservations', ['departure'], unique=False)
    op.create_index(op.f('ix_reservations_guest_id'), 'reservations', ['guest_id'], unique=False)
    op.create_index(op.f('ix_reservations_hold_expires_at'), 'reservations', ['hold_expires_at'], unique=False)
    op.create_index(op.f('ix_reservations_room_type_id'), 'reservations', ['room_type_id'], unique=False)
    op.create_index(op.f('ix_reservations_status'), 'reservations', ['status'], unique=False)
    op.create_table('work_order_photos',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('work_order_id', sa.Uuid(), nullable=False),
    sa.Column('media_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['media_id'], ['media_files.id'], ),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_orders.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_work_order_photos_work_order_id'), 'work_order_photos', ['work_order_id'], unique=False)
    op.create_table('guest_requests',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('reservation_id', sa.Uuid(), nullable=True),
    sa.Column('room_id', sa.Uuid(), nullable=True),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('priority', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('assignee_id', sa.Uuid(), nullable=True),
    sa.Column('assignee_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('due_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('done_at', core.db.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['reservation_id'], ['reservations.id'], ),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_guest_requests_assignee_id'), 'guest_requests', ['assignee_id'], unique=False)
    op.create_index(op.f('ix_guest_requests_reservation_id'), 'guest_requests', ['reservation_id'], unique=False)
    op.create_index(op.f('ix_guest_requests_room_id'), 'guest_requests', ['room_id'], unique=False)
    op.create_index(op.f('ix_guest_requests_status'), 'guest_requests', ['status'], unique=False)
    op.create_table('room_stays',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('room_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('reservation_id', sa.Uuid(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('created_at', core.db.types.AwareDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('end_date > start_date', name='ck_room_stays_range'),
    sa.ForeignKeyConstraint(['reservation_id'], ['reservations.id'], ),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_room_stays_reservation_id'), 'room_stays', ['reservation_id'], unique=False)
    op.create_index('ix_room_stays_room_dates', 'room_stays', ['room_id', 'start_date', 'end_date'], unique=False)

def downgrade() -> None:
    op.drop_index('ix_room_stays_room_dates', table_name='room_stays')
    op.drop_index(op.f('ix_room_stays_reservation_id'), table_name='room_stays')
    op.drop_table('room_stays')
    op.drop_index(op.f('ix_guest_requests_status'), table_name='guest_requests')
    op.drop_index(op.f('ix_guest_requests_room_id'), table_name='guest_requests')
    op.drop_index(op.f('ix_guest_requests_reservation_id'), table_name='guest_requests')
    op.drop_index(op.f('ix_guest_requests_assignee_id'), table_name='guest_requests')
    op.drop_table('guest_requests')
    op.drop_index(op.f('ix_work_order_photos_work_order_id'), table_name='work_order_photos')
    op.drop_table('work_order_photos')
    op.drop_index(op.f('ix_reservations_status'), table_name='reservations')
    op.drop_index(op.f('ix_reservations_room_type_id'), table_name='reservations')
    op.drop_index(op.f('ix_reservations_hold_expires_at'), table_name='reservations')
    op.drop_index(op.f('ix_reservations_guest_id'), table_name='reservations')
    op.drop_index('ix_reservations_departure', table_name='reservations')
    op.drop_index(op.f('ix_reservations_booking_id'), table_name='reservations')
    op.drop_index(op.f('ix_reservations_block_id'), table_name='reservations')
    op.drop_index('ix_reservations_arrival_status', table_name='reservations')
    op.drop_table('reservations')
    op.drop_table('block_nights')
    op.drop_index(op.f('ix_work_orders_status'), table_name='work_orders')
    op.drop_index(op.f('ix_work_orders_room_id'), table_name='work_orders')
    op.drop_index(op.f('ix_work_orders_assignee_id'), table_name='work_orders')
    op.drop_table('work_orders')
    op.drop_table('room_statuses')
    op.drop_table('rate_days')
    op.drop_index(op.f('ix_postings_transfer_id'), table_name='postings')
    op.drop_index(op.f('ix_postings_reservation_id'), table_name='postings')
    op.drop_index(op.f('ix_postings_payment_id'), table_name='postings')
    op.drop_index(op.f('ix_postings_folio_id'), table_name='postings')
    op.drop_index('ix_postings_business_date', table_name='postings')
    op.drop_table('postings')
    op.drop_index(op.f('ix_invoices_reservation_id'), table_name='invoices')
    op.drop_index(op.f('ix_invoices_folio_id'), table_name='invoices')
    op.drop_table('invoices')
    op.drop_index(op.f('ix_folio_routing_rules_reservation_id'), table_name='folio_routing_rules')
    op.drop_table('folio_routing_rules')
    op.drop_index(op.f('ix_cleaning_tasks_work_date'), table_name='cleaning_tasks')
    op.drop_index(op.f('ix_cleaning_tasks_room_id'), table_name='cleaning_tasks')
    op.drop_index(op.f('ix_cleaning_tasks_attendant_id'), table_name='cleaning_tasks')
    op.drop_table('cleaning_tasks')
    op.drop_index(op.f('ix_blocks_status'), table_name='blocks')
    op.drop_index(op.f('ix_blocks_release_date'), table_name='blocks')
    op.drop_table('blocks')
    op.drop_index(op.f('ix_webhook_deliveries_subscription_id'), table_name='webhook_deliveries')
    op.drop_index('ix_webhook_deliveries_due', table_name='webhook_deliveries')
    op.drop_table('webhook_deliveries')
    op.drop_index(op.f('ix_waitlist_entries_status'), table_name='waitlist_entries')
    op.drop_index(op.f('ix_waitlist_entries_room_type_id'), table_name='waitlist_entries')
    op.drop_index(op.f('ix_waitlist_entries_guest_id'), table_name='waitlist_entries')
    op.drop_index(op.f('ix_waitlist_entries_arrival'), table_name='waitlist_entries')
    op.drop_table('waitlist_entries')
    op.drop_index(op.f('ix_rooms_room_type_id'), table_name='rooms')
    op.drop_table('rooms')
    op.drop_index(op.f('ix_rate_plans_room_type_id'), table_name='rate_plans')
    op.drop_table('rate_plans')
    op.drop_index(op.f('ix_payment_refunds_payment_id'), table_name='payment_refunds')
    op.drop_table('payment_refunds')
    op.drop_table('inventory_nights')
    op.drop_index(op.f('ix_folios_status'), table_name='folios')
    op.drop_index(op.f('ix_folios_reservation_id'), table_name='folios')
    op.drop_table('folios')
    op.drop_index(op.f('ix_cms_page_versions_page_id'), table_name='cms_page_versions')
    op.drop_table('cms_page_versions')
    op.drop_index(op.f('ix_city_ledger_entries_account_id'), table_name='city_ledger_entries')
    op.drop_table('city_ledger_entries')
    op.drop_index(op.f('ix_chat_messages_channel_id'), table_name='chat_messages')
    op.drop_table('chat_messages')
    op.drop_index(op.f('ix_bookings_reference'), table_name='bookings')
    op.drop_index(op.f('ix_bookings_guest_id'), table_name='bookings')
    op.drop_table('bookings')
    op.drop_table('webhook_subscriptions')
    op.drop_table('taxes')
    op.drop_table('stripe_events')
    op.drop_table('room_types')
    op.drop_table('relay_state')
    op.drop_table('property_settings')
    op.drop_table('promo_codes')
    op.drop_table('policies')
    op.drop_index(op.f('ix_payments_status'), table_name='payments')
    op.drop_index(op.f('ix_payments_reservation_id'), table_name='payments')
    op.drop_index(op.f('ix_payments_folio_id'), table_name='payments')
    op.drop_table('payments')
    op.drop_index(op.f('ix_outbox_events_topic'), table_name='outbox_events')
    op.drop_index(op.f('ix_outbox_events_published_at'), table_name='outbox_events')
    op.drop_index(op.f('ix_outbox_events_entity_id'), table_name='outbox_events')
    op.drop_table('outbox_events')
    op.drop_index(op.f('ix_online_check_ins_reservation_id'), table_name='online_check_ins')
    op.drop_table('online_check_ins')
    op.drop_table('night_audit_schedule')
    op.drop_table('night_audit_runs')
    op.drop_index(op.f('ix_night_audit_reports_business_date'), table_name='night_audit_reports')
    op.drop_table('night_audit_reports')
    op.drop_table('message_templates')
    op.drop_index(op.f('ix_message_deliveries_status'), table_name='message_deliveries')
    op.drop_index(op.f('ix_message_deliveries_reservation_id'), table_name='message_deliveries')
    op.drop_index(op.f('ix_message_deliveries_next_attempt_at'), table_name='message_deliveries')
    op.drop_table('message_deliveries')
    op.drop_table('message_branding')
    op.drop_index(op.f('ix_media_files_owner_type'), table_name='media_files')
    op.drop_index(op.f('ix_media_files_owner_id'), table_name='media_files')
    op.drop_table('media_files')
    op.drop_table('idempotency_keys')
    op.drop_index(op.f('ix_guests_email'), table_name='guests')
    op.drop_table('guests')
    op.drop_table('document_counters')
    op.drop_index(op.f('ix_deposits_status'), table_name='deposits')
    op.drop_index(op.f('ix_deposits_reservation_id'), table_name='deposits')
    op.drop_table('deposits')
    op.drop_table('cms_pages')
    op.drop_table('city_ledger_accounts')
    op.drop_table('chat_channels')
    op.drop_index(op.f('ix_audit_log_user_id'), table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_entity_type'), table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_entity_id'), table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_chain_id'), table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_action'), table_name='audit_log')
    op.drop_table('audit_log')
