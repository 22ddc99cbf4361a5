"""Folio tests share one property per module and backend (see folio_support)."""

import pytest
from folio_support import BACKENDS, _root_conftest, module_property


@pytest.fixture(scope="module", params=BACKENDS)
def prop(request, tmp_path_factory):
    yield from module_property(request, tmp_path_factory)


# tests/integration/reservations/res_support.py does `from conftest import _tenant_on`, which
# finds whichever folder's conftest was imported last: offer it here too.
_tenant_on = _root_conftest()._tenant_on
