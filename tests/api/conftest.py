"""Fixtures of the API tests (see api_support.py)."""

from __future__ import annotations

import pytest
from api_support import api_on


@pytest.fixture(scope="module")
def api(module_tenant):
    """Hotels A and B with signed-in staff, shared by a test module, per backend."""
    with api_on(module_tenant) as value:
        yield value
