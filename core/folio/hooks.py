"""Registers the folio's rules with the stay life cycle (imported by core.folio's __init__)."""

from __future__ import annotations

from core.db.uow import UnitOfWork


def _settled_before_check_out(uow: UnitOfWork, reservation) -> None:
    from core.folio.services import assert_settled_for_checkout

    assert_settled_for_checkout(uow, reservation.id)


def register() -> None:
    from core.reservations.lifecycle import on_check_out

    on_check_out(_settled_before_check_out)


register()
