"""Routing: which folio a reservation's charges of each type land on (room and tax to the company)."""

from __future__ import annotations

import uuid

from sqlmodel import col, select

from core import audit
from core.db.uow import UnitOfWork
from core.errors import ValidationFailed
from core.folio.errors import FolioClosed
from core.folio.models import SETTLEMENT_TYPES, ChargeType, FolioStatus, RoutingRule

CHARGE_TYPES = frozenset(c.value for c in ChargeType) - SETTLEMENT_TYPES


def routing_rules(uow: UnitOfWork, reservation_id: uuid.UUID) -> list[tuple[list[str], uuid.UUID]]:
    rows = uow.session.exec(select(RoutingRule).where(RoutingRule.reservation_id == reservation_id)
                            .order_by(col(RoutingRule.created_at))).all()
    return [(list(r.charge_types), r.target_folio_id) for r in rows]


def add_routing_rule(uow: UnitOfWork, reservation_id: uuid.UUID, charge_types: list[str],
                     target_folio_id: uuid.UUID) -> RoutingRule:
    """From now on, charges of these types for the reservation land on `target_folio_id`."""
    uow.actor.require("folio.transfer")
    unknown = sorted(set(charge_types) - CHARGE_TYPES)
    if not charge_types or unknown:
        raise ValidationFailed("Choose charge types to route.",
                               fields={"charge_types": f"unknown: {', '.join(unknown)}" if unknown
                                       else "choose at least one"})
    from core.folio.services import get_folio_row

    target = get_folio_row(uow, target_folio_id)
    if target.status != FolioStatus.open.value:
        raise FolioClosed("The target folio is closed.", fields={"target_folio_id": "is closed"})
    rule = RoutingRule(reservation_id=reservation_id, charge_types=sorted(set(charge_types)),
                       target_folio_id=target.id)
    uow.session.add(rule)
    uow.session.flush()
    audit.record(uow, "folio.routing_added", "reservation", reservation_id,
                 f"Route {', '.join(rule.charge_types)} to folio {target.name}")
    return rule
