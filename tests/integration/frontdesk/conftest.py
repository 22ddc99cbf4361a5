"""One hotel per module and backend for the front-desk read models."""

from __future__ import annotations

import pytest
from desk_support import make_desk_hotel


@pytest.fixture(scope="module")
def hotel(module_tenant):
    return make_desk_hotel(module_tenant.make_property("Desk Hotel"))
