"""Settling a stay at check-out other than by payment: its balance billed to a company account."""

from __future__ import annotations

import uuid

from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.errors import ValidationFailed
from core.folio.city_ledger import transfer_balance_to_city_ledger
from core.folio.ledger_models import CityLedgerAccount
from core.folio.models import Folio
from core.folio.services import folio_balance


def city_ledger_choices(uow: UnitOfWork) -> list[dict[str, str]]:
    """Active company accounts a desk agent may bill a stay to."""
    uow.actor.require("folio.transfer")
    rows = uow.session.exec(select(CityLedgerAccount).where(
        col(CityLedgerAccount.active).is_(True)).order_by(col(CityLedgerAccount.name))).all()
    return [{"id": str(a.id), "label": f"{a.name} ({a.code})"} for a in rows]


def bill_stay_to_account(uow: UnitOfWork, reservation_id: uuid.UUID,
                         account_id: uuid.UUID) -> int:
    """Move every open (positive) folio balance of the stay to the account; how many moved."""
    uow.actor.require("folio.transfer")
    folios = uow.session.exec(select(Folio).where(Folio.reservation_id == reservation_id)
                              .order_by(col(Folio.id))).all()
    moved = 0
    for folio in folios:
        if folio_balance(uow, folio.id) > 0:
            transfer_balance_to_city_ledger(uow, folio.id, account_id)
            moved += 1
    if not moved:
        raise ValidationFailed("This stay has no open balance to bill to an account.",
                               fields={"balance": "nothing open"}, code="nothing_to_bill")
    return moved
