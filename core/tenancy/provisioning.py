"""Provisioning a property: register it, create its database, migrate it, mark it active.

Idempotent by slug: calling again for a property that is active returns it; one left in
`provisioning` by a crash is resumed. A failure removes the registry row and the database it
created, so no half-registered property is ever visible.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from zoneinfo import available_timezones

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from core.config import get_settings
from core.db import migrate
from core.db.engines import control_engine, engines, is_sqlite, make_admin_engine, normalise_url
from core.errors import Conflict, DomainError, NotFound, ValidationFailed
from core.tenancy.models import Chain, Property, PropertyStatus
from core.timeutil import utcnow

log = logging.getLogger(__name__)

Progress = Callable[[str, float], None]
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")

# Hooks run after a property's database is migrated and before it is marked active, e.g. to
# write the property's own settings row. They receive the property and must be
# idempotent. Domain packages register themselves; provisioning knows none of them.
_post_migrate_hooks: list[Callable[[Property], None]] = []


def on_property_provisioned(hook: Callable[[Property], None]) -> None:
    if hook not in _post_migrate_hooks:
        _post_migrate_hooks.append(hook)


class ProvisioningFailed(DomainError):
    code = "provisioning_failed"
    http_status = 500


def validate_property_fields(*, name: str, slug: str, timezone: str, currency: str) -> None:
    fields: dict[str, str] = {}
    if not name or not name.strip():
        fields["name"] = "is required"
    if not SLUG_RE.match(slug or ""):
        fields["slug"] = "use 1-64 lowercase letters, digits and dashes, not starting or ending with a dash"
    if timezone not in available_timezones():
        fields["timezone"] = f"'{timezone}' is not an IANA time zone (e.g. Europe/Lisbon)"
    if not re.fullmatch(r"[A-Z]{3}", currency or ""):
        fields["currency"] = "must be a 3-letter ISO 4217 code such as EUR"
    if fields:
        raise ValidationFailed("The property details are not valid.", fields=fields)


def create_chain(name: str, slug: str, chain_id: uuid.UUID | None = None) -> Chain:
    if not SLUG_RE.match(slug or ""):
        raise ValidationFailed("The chain details are not valid.",
                               fields={"slug": "use lowercase letters, digits and dashes"})
    with Session(control_engine()) as session:
        existing = session.exec(select(Chain).where(Chain.slug == slug)).first()
        if existing:
            return existing
        chain = Chain(id=chain_id or uuid.uuid4(), name=name.strip(), slug=slug)
        session.add(chain)
        session.commit()
        session.refresh(chain)
        return chain


def _database_url_for(prop_id: uuid.UUID, slug: str) -> str:
    settings = get_settings()
    if settings.database_url is None:
        return f"sqlite:///{settings.properties_dir / f'{slug}-{prop_id.hex[:8]}.db'}"
    name = f"{settings.property_database_prefix}{slug.replace('-', '_')}_{prop_id.hex[:8]}"[:63]
    return make_url(normalise_url(settings.database_url)).set(database=name).render_as_string(
        hide_password=False)


def _create_database(url: str) -> bool:
    """Create the property's database if it does not exist. Returns True if it was created here."""
    if is_sqlite(url):
        return False  # the file appears on first connect
    parsed = make_url(url)
    admin = make_admin_engine(url)
    try:
        with admin.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                  {"n": parsed.database}).first()
            if exists:
                return False
            conn.exec_driver_sql(f'CREATE DATABASE "{parsed.database}"')
            return True
    finally:
        admin.dispose()


def drop_database(url: str) -> None:
    """Remove a property's database (used to undo a failed provisioning, and by tests)."""
    if is_sqlite(url):
        path = make_url(url).database
        if path:
            from pathlib import Path

            for suffix in ("", "-wal", "-shm"):
                Path(path + suffix).unlink(missing_ok=True)
        return
    name = make_url(url).database
    admin = make_admin_engine(url)
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


def provision_property(
    *,
    chain_id: uuid.UUID,
    name: str,
    slug: str,
    timezone: str = "UTC",
    currency: str = "EUR",
    country: str | None = None,
    address: str | None = None,
    database_url: str | None = None,
    property_id: uuid.UUID | None = None,
    progress: Progress | None = None,
) -> Property:
    report = progress or (lambda step, fraction: None)
    validate_property_fields(name=name, slug=slug, timezone=timezone, currency=currency)

    with Session(control_engine()) as session:
        if session.get(Chain, chain_id) is None:
            raise NotFound("Chain not found.", fields={"chain_id": "no such chain"})
        prop = session.exec(select(Property).where(Property.slug == slug)).first()
        if prop is not None and prop.chain_id != chain_id:
            raise Conflict(f"The slug '{slug}' is already used by another property.",
                           fields={"slug": "already taken"})
        if prop is not None and prop.status == PropertyStatus.active:
            report("already provisioned", 1.0)
            return prop
        if prop is None:
            pid = property_id or uuid.uuid4()
            prop = Property(
                id=pid, chain_id=chain_id, name=name.strip(), slug=slug, timezone=timezone,
                currency=currency, country=country, address=address,
                database_url=normalise_url(database_url) if database_url
                else _database_url_for(pid, slug),
                status=PropertyStatus.provisioning,
            )
            session.add(prop)
            session.commit()
            session.refresh(prop)
        report("registered", 0.1)

    created_here = False
    try:
        created_here = _create_database(prop.database_url)
        report("database created", 0.3)
        migrate.upgrade("property", prop.database_url)
        report("database migrated", 0.8)
        for hook in list(_post_migrate_hooks):
            hook(prop)
        report("property set up", 0.9)
    except Exception as exc:
        log.exception("provisioning %s failed", slug)
        engines.forget(prop.id)
        if created_here or is_sqlite(prop.database_url):
            try:
                drop_database(prop.database_url)
            except Exception:
                log.exception("could not drop the database of failed property %s", slug)
        with Session(control_engine()) as session:
            row = session.get(Property, prop.id)
            if row is not None:
                session.delete(row)
                session.commit()
        raise ProvisioningFailed(f"Provisioning '{name}' failed: {exc}") from exc

    with Session(control_engine()) as session:
        row = session.get(Property, prop.id)
        assert row is not None
        row.status = PropertyStatus.active
        row.status_detail = None
        row.provisioned_at = utcnow()
        session.add(row)
        session.commit()
        session.refresh(row)
    report("active", 1.0)
    return row


def deprovision_property(property_id: uuid.UUID) -> None:
    """Drop a property's database and remove it from the registry (tests, and failed wizards)."""
    with Session(control_engine()) as session:
        prop = session.get(Property, property_id)
        if prop is None:
            return
        url = prop.database_url
        engines.forget(property_id)
        drop_database(url)
        session.delete(prop)
        session.commit()
