"""Folio tests share one property per module and backend (see folio_support)."""

import pytest
from folio_support import BACKENDS, module_property


@pytest.fixture(scope="module", params=BACKENDS)
def prop(request, tmp_path_factory):
    yield from module_property(request, tmp_path_factory)
