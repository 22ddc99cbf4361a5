"""Fees a stay's life cycle decides (cancellation, no-show) posted to its folio, once each."""

from __future__ import annotations

import uuid

from core.db.uow import UnitOfWork
from core.folio.models import Posting
from core.folio.services import ensure_guest_folio, find_by_source, insert_posting, lock_folio


def post_cancellation_fee(uow: UnitOfWork, reservation_id: uuid.UUID) -> Posting | None:
    """After a cancellation: the fee the sold policy set (none when zero or waived)."""
    from core.reservations.models import Reservation

    res = uow.session.get(Reservation, reservation_id)
    if res is None or not res.cancellation_fee or res.cancellation_fee <= 0:
        return None
    key = f"cancellation:{reservation_id}"
    existing = find_by_source(uow, key)
    if existing is not None:
        return existing
    folio = lock_folio(uow, ensure_guest_folio(uow, reservation_id).id)
    return insert_posting(uow, folio, charge_type="cancellation", amount=res.cancellation_fee,
                          description="Cancellation fee", source_key=key)
