"""Which modules hold the tables of each database. Add a module here when it defines tables."""

from __future__ import annotations

import importlib

from sqlalchemy import MetaData

CONTROL_TABLE_MODULES = [
    "core.tenancy.models",
    "core.identity.models",
    "core.identity.auth_models",
    "core.audit.models",
]

PROPERTY_TABLE_MODULES = [
    "core.events.models",
    "core.webhooks.models",
    "core.audit.models",
    "core.properties.models",
    "core.rates.models",
    "core.guests.models",
    "core.idempotency.models",
    "core.inventory.models",
    "core.blocks.models",
    "core.reservations.models",
    "core.folio.models",
    "core.folio.ledger_models",
    "core.payments.models",
    "core.night_audit.models",
    "core.notifications.models",
    "core.media.models",
    "core.housekeeping.models",
    "core.maintenance.models",
    "core.guest_requests.models",
    "core.messaging.models",
    "core.cms.models",
    "core.site.models",
]


def control_metadata() -> MetaData:
    from core.db.base import ControlModel

    for name in CONTROL_TABLE_MODULES:
        importlib.import_module(name)
    return ControlModel.metadata


def property_metadata() -> MetaData:
    from core.db.base import PropertyModel

    for name in PROPERTY_TABLE_MODULES:
        importlib.import_module(name)
    return PropertyModel.metadata


def load_all() -> None:
    control_metadata()
    property_metadata()
