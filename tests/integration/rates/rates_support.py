"""Shared set-up for the rates integration tests: one hotel per module and backend."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from core.actor import Actor


@dataclass
class Hotel:
    backend: str
    property_id: uuid.UUID


def hotel_fixture(request, tmp_path_factory) -> Iterator[Hotel]:
    """A provisioned property for a whole module (provisioning per test would be slow)."""
    from tenant_fixtures import _tenant_on

    mp = pytest.MonkeyPatch()
    gen = _tenant_on(request.param, mp, tmp_path_factory.mktemp(f"rates-{request.param}"))
    tenant = next(gen)
    try:
        yield Hotel(request.param, tenant.make_property("Rates Hotel"))
    finally:
        try:
            next(gen)
        except StopIteration:
            pass
        mp.undo()


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]

MANAGER = Actor(kind="staff", name="Rita Revenue",
                permissions=frozenset({"setup.manage", "rates.manage"}))
CLERK = Actor(kind="staff", name="Fred Frontdesk", permissions=frozenset({"reservations.create"}))


def code() -> str:
    return "T" + uuid.uuid4().hex[:8].upper()
