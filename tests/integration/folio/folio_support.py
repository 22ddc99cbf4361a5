"""Shared by the folio, payments, night-audit and notification tests: one property per module.

Provisioning a Postgres database costs seconds, so a module shares one property on each backend;
tests stay independent by working on their own folios, reservations and accounts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from tenant_fixtures import _tenant_on


def module_property(request, tmp_path_factory) -> Iterator[uuid.UUID]:
    """Yield a provisioned property on request.param's backend for the requesting module."""
    backend = request.param
    with pytest.MonkeyPatch.context() as mp:
        gen = _tenant_on(backend, mp, tmp_path_factory.mktemp(f"prop-{backend}"))
        tenant = next(gen)
        try:
            yield tenant.make_property()
        finally:
            try:
                next(gen)
            except StopIteration:
                pass


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
