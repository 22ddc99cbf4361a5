"""Concurrent desks on real Postgres: line numbers stay unique and gap-free, refunds never
exceed what was paid, a night-audit source key posts once."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest

from core.actor import Actor
from core.db.uow import property_uow
from core.errors import DomainError
from core.folio import services as folios
from core.payments import manual
from core.payments.models import Payment
from core.payments.refunds import refund_payment

pytestmark = pytest.mark.postgres


def _race(n, fn):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def run(i):
        barrier.wait()
        try:
            results.append(fn(i))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def test_concurrent_desks_never_overdraw_or_double_post(pg_tenant):
    pid = pg_tenant.make_property()
    with property_uow(pid) as uow:
        folio_id = folios.open_folio(uow, name="Busy folio").id
        uow.commit()

    def charge(i):
        with property_uow(pid) as uow:
            folios.post_charge(uow, folio_id, charge_type="fnb", amount="10.00",
                               description=f"Round {i}")
            uow.commit()

    _, errors = _race(8, charge)
    assert errors == []

    def audit_charge(i):  # the same automatic posting from two workers
        with property_uow(pid) as uow:
            folios.post_charge(uow, folio_id, charge_type="room", amount="100.00",
                               description="Room", source_key="audit:2026-01-01:x:room")
            uow.commit()

    _race(2, audit_charge)
    with property_uow(pid) as uow:
        payment_id = manual.take_payment(uow, folio_id, "100.00", method="cash").id
        uow.commit()

    def refund(i):
        return refund_payment(pid, Actor.system(), payment_id, "60.00", reason=f"desk {i}")

    done, refused = _race(2, refund)
    assert len(done) == 1 and len(refused) == 1 and isinstance(refused[0], DomainError)
    with property_uow(pid, write=False) as uow:
        view = folios.get_folio(uow, folio_id)
        assert [p.line_no for p in view.postings] == list(range(1, 12))
        assert view.balance == Decimal("80.00") + Decimal("100.00") - Decimal("100.00") + Decimal("60.00")
        assert uow.session.get(Payment, payment_id).amount_refunded == Decimal("60.00")
