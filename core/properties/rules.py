"""Property setup rules: consistency checks on room types, taxes, policies and settings. No I/O."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.properties.errors import InvalidSetup

# Columns that may be cleared (set to None) by an update; every other column needs a value.
NULLABLE = {"size_sqm", "floor", "exempt_below_age", "valid_from", "valid_to",
            "free_cancellation_hours", "legal_name", "address", "country", "email", "phone"}


def merged(row: Any, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The row's values with the changes applied, refusing None for required fields."""
    missing = {k: "is required" for k, v in changes.items() if v is None and k not in NULLABLE}
    if missing:
        raise InvalidSetup("Required fields cannot be cleared: " + ", ".join(missing),
                           fields=missing)
    values = {k: getattr(row, k) for k in changes} if row is not None else {}
    values.update(changes)
    return values


def check_room_type(v: Mapping[str, Any]) -> None:
    fields: dict[str, str] = {}
    if v["max_adults"] > v["max_occupancy"]:
        fields["max_adults"] = f"cannot exceed max_occupancy ({v['max_occupancy']})"
    if v["max_children"] > v["max_occupancy"]:
        fields["max_children"] = f"cannot exceed max_occupancy ({v['max_occupancy']})"
    if v["base_occupancy"] > v["max_occupancy"]:
        fields["base_occupancy"] = f"cannot exceed max_occupancy ({v['max_occupancy']})"
    if fields:
        raise InvalidSetup("The room type's capacities do not fit together: "
                           + "; ".join(f"{k} {m}" for k, m in fields.items()), fields=fields)


def check_tax(v: Mapping[str, Any]) -> None:
    if v.get("valid_from") and v.get("valid_to") and v["valid_to"] < v["valid_from"]:
        raise InvalidSetup("valid_to is before valid_from.", fields={"valid_to": "before valid_from"})
    if v["kind"] == "percent" and v["value"] > 100:
        raise InvalidSetup("A percentage tax is at most 100%.", fields={"value": "at most 100"})
    if v.get("exempt_below_age") is not None and v["kind"] != "per_person_night":
        raise InvalidSetup("Only per-person taxes have an exempt age.",
                           fields={"exempt_below_age": "only for per_person_night taxes"})


def check_policy(v: Mapping[str, Any]) -> None:
    for prefix in ("cancellation_fee", "no_show_fee", "deposit"):
        kind_key = "deposit_kind" if prefix == "deposit" else f"{prefix}_kind"
        value_key = "deposit_value" if prefix == "deposit" else f"{prefix}_value"
        kind, value = v[kind_key], v[value_key]
        if kind == "percent" and value > 100:
            raise InvalidSetup(f"{value_key} is a percentage: at most 100.",
                               fields={value_key: "at most 100"})
        if kind == "nights" and (value < 1 or value != int(value)):
            raise InvalidSetup(f"{value_key} is a number of nights: a whole number from 1.",
                               fields={value_key: "a whole number of nights, 1 or more"})


def check_settings(v: Mapping[str, Any]) -> None:
    if v["infant_max_age"] > v["child_max_age"]:
        raise InvalidSetup("Infants must be younger than the child age limit.",
                           fields={"infant_max_age": f"at most child_max_age ({v['child_max_age']})"})
    if v["day_use_end"] <= v["day_use_start"]:
        raise InvalidSetup("Day use must end after it starts.",
                           fields={"day_use_end": "after day_use_start"})
