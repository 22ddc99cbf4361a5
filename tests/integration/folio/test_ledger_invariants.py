"""Property-based: whatever desks do in whatever order, the ledger invariants hold.

Random sequences of charges, discounts, payments, refunds, reversals and transfers over two
folios, against the real database; after each sequence every folio's balance is the sum of its
lines, transfers moved value without creating it, no line changed, and refused operations left
nothing behind.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from core.actor import Actor
from core.db.uow import property_uow
from core.errors import DomainError
from core.folio import services as folios
from core.folio.models import Posting
from core.payments import manual
from core.payments.models import Payment
from core.payments.refunds import refund_payment

D = Decimal
amounts = st.decimals(min_value=D("0.01"), max_value=D("500.00"), places=2)
ops = st.lists(st.one_of(
    st.tuples(st.just("charge"), st.integers(0, 1), amounts),
    st.tuples(st.just("discount"), st.integers(0, 1), amounts),
    st.tuples(st.just("pay"), st.integers(0, 1), amounts),
    st.tuples(st.just("refund"), st.integers(0, 20), amounts),
    st.tuples(st.just("reverse"), st.integers(0, 20), st.none()),
    st.tuples(st.just("transfer"), st.integers(0, 20), st.none()),
), min_size=1, max_size=14)


@pytest.fixture(scope="module")
def sqlite_prop(tmp_path_factory):
    from folio_support import module_property

    class Req:
        param = "sqlite"

    yield from module_property(Req(), tmp_path_factory)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=ops)
def test_the_ledger_balances_whatever_happens(sqlite_prop, sequence):
    pid = sqlite_prop
    with property_uow(pid) as uow:
        ids = [folios.open_folio(uow, name="A").id, folios.open_folio(uow, name="B").id]
        uow.commit()
    expected = {ids[0]: D("0"), ids[1]: D("0")}
    for op, arg, amount in sequence:
        try:
            with property_uow(pid) as uow:
                postings = uow.session.exec(select(Posting).where(
                    Posting.folio_id.in_(ids)).order_by(Posting.created_at)).all()
                payments = uow.session.exec(select(Payment).where(
                    Payment.folio_id.in_(ids))).all()
                if op in ("charge", "discount"):
                    value = amount if op == "charge" else -amount
                    folios.post_charge(uow, ids[arg], charge_type="fnb" if op == "charge"
                                       else "discount", amount=value, description=op)
                    expected[ids[arg]] += value
                elif op == "pay":
                    manual.take_payment(uow, ids[arg], amount, method="cash")
                    expected[ids[arg]] -= amount
                elif op == "refund" and payments:
                    payment = payments[arg % len(payments)]
                    uow.commit()
                    refund_payment(pid, Actor.system(), payment.id, amount, reason="test")
                    expected[payment.folio_id] += amount
                    continue
                elif op in ("reverse", "transfer") and postings:
                    target = postings[arg % len(postings)]
                    if op == "reverse":
                        folios.reverse_posting(uow, target.id, reason="test")
                        expected[target.folio_id] -= target.amount
                    else:
                        other = ids[1] if target.folio_id == ids[0] else ids[0]
                        folios.transfer_posting(uow, target.id, other)
                        expected[target.folio_id] -= target.amount
                        expected[other] += target.amount
                uow.commit()
        except DomainError:
            pass  # refused (refund above paid, reversing a payment, twice...): nothing changed
    with property_uow(pid, write=False) as uow:
        for folio_id in ids:
            view = folios.get_folio(uow, folio_id)
            assert view.balance == sum((p.amount for p in view.postings), D("0"))
            assert folios.folio_balance(uow, folio_id) == expected[folio_id]
            assert [p.line_no for p in view.postings] == list(range(1, len(view.postings) + 1))
        for payment in uow.session.exec(select(Payment).where(Payment.folio_id.in_(ids))).all():
            assert D("0") <= payment.amount_refunded <= payment.amount_captured
