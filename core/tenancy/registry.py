"""Reading the property registry: resolve ids, slugs and host names to properties."""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from core.db.engines import control_engine
from core.errors import NotFound
from core.tenancy.models import Chain, Property, PropertyDomain, PropertyStatus


def property_database_url(property_id: uuid.UUID) -> str:
    with Session(control_engine()) as session:
        prop = session.get(Property, property_id)
        if prop is None or prop.status in (PropertyStatus.failed,):
            raise NotFound("Property not found.")
        return prop.database_url


_chain_of: dict[uuid.UUID, uuid.UUID] = {}


def property_chain_id(property_id: uuid.UUID) -> uuid.UUID:
    """The chain a property belongs to (cached: a property never changes chain)."""
    chain_id = _chain_of.get(property_id)
    if chain_id is None:
        with Session(control_engine()) as session:
            prop = session.get(Property, property_id)
            if prop is None:
                raise NotFound("Property not found.")
            chain_id = _chain_of[property_id] = prop.chain_id
    return chain_id


def get_property(property_id: uuid.UUID | str) -> Property:
    try:
        pid = property_id if isinstance(property_id, uuid.UUID) else uuid.UUID(str(property_id))
    except ValueError:
        raise NotFound("Property not found.") from None
    with Session(control_engine()) as session:
        prop = session.get(Property, pid)
        if prop is None:
            raise NotFound("Property not found.")
        return prop


def get_property_by_slug(slug: str) -> Property:
    with Session(control_engine()) as session:
        prop = session.exec(select(Property).where(Property.slug == slug)).first()
        if prop is None:
            raise NotFound(f"No property is published at '{slug}'.")
        return prop


def get_property_by_host(host: str) -> Property | None:
    host = host.split(":", 1)[0].lower()
    with Session(control_engine()) as session:
        mapping = session.get(PropertyDomain, host)
        return session.get(Property, mapping.property_id) if mapping else None


def list_properties(chain_id: uuid.UUID | None = None, *, active_only: bool = False) -> list[Property]:
    with Session(control_engine()) as session:
        query = select(Property).order_by(Property.name)
        if chain_id is not None:
            query = query.where(Property.chain_id == chain_id)
        if active_only:
            query = query.where(Property.status == PropertyStatus.active)
        return list(session.exec(query).all())


def list_chains() -> list[Chain]:
    with Session(control_engine()) as session:
        return list(session.exec(select(Chain).order_by(Chain.name)).all())
