"""Fees a stay's life cycle decides (cancellation, no-show) posted to its folio, once each."""

from __future__ import annotations

import uuid

from core.db.uow import UnitOfWork
from core.folio.models import Posting
from core.folio.services import ensure_guest_folio, find_by_source, insert_posting, lock_folio


def post_cancellation_fee(uow: UnitOfWork, reservation_id: uuid.UUID) -> Posting | None:
    """After a cancellation: the fee the sold policy set (none when zero or waived)."""
    return _post_stay_fee(uow, reservation_id, "cancellation",
                          lambda res: (res.cancellation_fee, f"cancellation:{res.id}"))


def post_no_show_fee(uow: UnitOfWork, reservation_id: uuid.UUID) -> Posting | None:
    """After a no-show (the desk, the API or the night audit): the fee the sold policy set for
    it (none when zero). The key is the night audit's own, so its no-show run posts it once."""
    return _post_stay_fee(uow, reservation_id, "no_show", lambda res: (
        res.no_show_fee, f"audit:{res.arrival.isoformat()}:{res.id}:no_show"))


_LABELS = {"cancellation": "Cancellation fee", "no_show": "No-show fee"}


def _post_stay_fee(uow: UnitOfWork, reservation_id: uuid.UUID, charge_type: str,
                   fee_and_key) -> Posting | None:
    from core.reservations.models import Reservation

    res = uow.session.get(Reservation, reservation_id)
    fee, key = fee_and_key(res) if res is not None else (None, "")
    if not fee or fee <= 0:
        return None
    existing = find_by_source(uow, key)
    if existing is not None:
        return existing
    folio = lock_folio(uow, ensure_guest_folio(uow, reservation_id).id)
    return insert_posting(uow, folio, charge_type=charge_type, amount=fee,
                          description=_LABELS[charge_type], source_key=key)
