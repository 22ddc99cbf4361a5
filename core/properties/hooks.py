"""Provisioning hook: every new property database gets its settings row from the registry."""

from __future__ import annotations

from sqlmodel import Session

from core.tenancy.provisioning import on_property_provisioned


def create_settings_row(prop) -> None:
    """Idempotent: an existing row (a resumed provisioning) is left as the hotel edited it."""
    from core.db.engines import engines
    from core.properties.models import PropertySettings

    with Session(engines.get(prop.id)) as session:
        if session.get(PropertySettings, prop.id) is not None:
            return
        session.add(PropertySettings(
            property_id=prop.id, name=prop.name, timezone=prop.timezone, currency=prop.currency,
            country=prop.country, address=prop.address,
        ))
        session.commit()


on_property_provisioned(create_settings_row)
