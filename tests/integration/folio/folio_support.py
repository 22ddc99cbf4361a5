"""Shared by the folio, payments, night-audit and notification tests: one property per module.

Provisioning a Postgres database costs seconds, so a module shares one property on each backend;
tests stay independent by working on their own folios, reservations and accounts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest


def _root_conftest():
    """tests/conftest.py as a module (the name "conftest" is shared by every folder's conftest)."""
    import importlib.util
    import sys
    from pathlib import Path

    if "gj_tests_root_conftest" not in sys.modules:
        path = Path(__file__).resolve().parents[2] / "conftest.py"
        spec = importlib.util.spec_from_file_location("gj_tests_root_conftest", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["gj_tests_root_conftest"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules["gj_tests_root_conftest"]


def module_property(request, tmp_path_factory) -> Iterator[uuid.UUID]:
    """Yield a provisioned property on request.param's backend for the requesting module."""
    root = _root_conftest()
    backend = request.param
    with pytest.MonkeyPatch.context() as mp:
        gen = root._tenant_on(backend, mp, tmp_path_factory.mktemp(f"prop-{backend}"))
        tenant = next(gen)
        try:
            yield tenant.make_property()
        finally:
            try:
                next(gen)
            except StopIteration:
                pass


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
