"""Property setup input checks: every refusal names the field (pure, no database)."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from types import SimpleNamespace

import pytest

from core.errors import ValidationFailed
from core.properties import rules
from core.properties.schemas import (
    PolicyCreate,
    RoomTypeCreate,
    SettingsUpdate,
    TaxCreate,
    parse,
)


def test_room_type_input_is_normalised():
    rt = parse(RoomTypeCreate, {"code": " dlx-k ", "name": " Deluxe King ",
                                "photos": ["https://cdn.example/1.jpg", "/media/2.jpg"]})
    assert (rt.code, rt.name) == ("DLX-K", "Deluxe King")


def test_bad_room_type_input_names_every_field():
    with pytest.raises(ValidationFailed) as err:
        parse(RoomTypeCreate, {"code": "no spaces", "name": "", "max_occupancy": 0,
                               "photos": ["javascript:alert(1)"], "colour": "red"})
    assert set(err.value.fields) == {"code", "name", "max_occupancy", "photos", "colour"}
    assert err.value.code == "validation_error"


@pytest.mark.parametrize("values,field", [
    ({"max_adults": 3}, "max_adults"), ({"max_children": 3}, "max_children"),
    ({"base_occupancy": 3}, "base_occupancy"),
])
def test_room_type_capacities_must_fit_the_max_occupancy(values, field):
    v = {"base_occupancy": 2, "max_occupancy": 2, "max_adults": 2, "max_children": 0, **values}
    with pytest.raises(ValidationFailed) as err:
        rules.check_room_type(v)
    assert err.value.code == "invalid_setup"
    assert field in err.value.fields


def test_required_fields_cannot_be_cleared_but_optional_ones_can():
    row = SimpleNamespace(name="Double", size_sqm=Decimal("20"))
    assert rules.merged(row, {"size_sqm": None}) == {"size_sqm": None}
    with pytest.raises(ValidationFailed) as err:
        rules.merged(row, {"name": None})
    assert err.value.fields == {"name": "is required"}


def test_tax_kinds_and_ranges_are_checked():
    with pytest.raises(ValidationFailed) as err:
        parse(TaxCreate, {"code": "VAT", "name": "VAT", "kind": "sometimes", "value": "-1"})
    assert set(err.value.fields) == {"kind", "value"}
    ok = parse(TaxCreate, {"code": "VAT", "name": "VAT", "kind": "percent", "value": "6"})
    with pytest.raises(ValidationFailed, match="at most 100%"):
        rules.check_tax({**ok.model_dump(), "value": Decimal("120")})
    with pytest.raises(ValidationFailed) as err:
        rules.check_tax({**ok.model_dump(), "valid_from": "2027-02-01", "valid_to": "2027-01-01"})
    assert "valid_to" in err.value.fields
    with pytest.raises(ValidationFailed) as err:
        rules.check_tax({**ok.model_dump(), "exempt_below_age": 12})
    assert "exempt_below_age" in err.value.fields


def test_policy_fee_values_must_make_sense_for_their_kind():
    p = parse(PolicyCreate, {"code": "NR", "name": "Non-refundable"}).model_dump()
    with pytest.raises(ValidationFailed) as err:
        rules.check_policy({**p, "cancellation_fee_kind": "percent",
                            "cancellation_fee_value": Decimal("150")})
    assert "cancellation_fee_value" in err.value.fields
    with pytest.raises(ValidationFailed) as err:
        rules.check_policy({**p, "no_show_fee_kind": "nights", "no_show_fee_value": Decimal("1.5")})
    assert "no_show_fee_value" in err.value.fields
    with pytest.raises(ValidationFailed) as err:
        parse(PolicyCreate, {"code": "X", "name": "X", "deposit_kind": "lots"})
    assert "deposit_kind" in err.value.fields


def test_settings_refuse_unknown_time_zones_and_bad_currency():
    with pytest.raises(ValidationFailed) as err:
        parse(SettingsUpdate, {"timezone": "Mars/Olympus", "currency": "euro",
                               "email": "not-an-email", "child_max_age": 30})
    assert set(err.value.fields) == {"timezone", "currency", "email", "child_max_age"}


def test_settings_keep_infants_younger_than_children_and_day_use_in_order():
    base = {"child_max_age": 12, "infant_max_age": 2, "day_use_start": time(10),
            "day_use_end": time(18)}
    rules.check_settings(base)
    with pytest.raises(ValidationFailed) as err:
        rules.check_settings({**base, "infant_max_age": 13})
    assert "infant_max_age" in err.value.fields
    with pytest.raises(ValidationFailed) as err:
        rules.check_settings({**base, "day_use_end": time(9)})
    assert "day_use_end" in err.value.fields
