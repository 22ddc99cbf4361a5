"""Rules for setting up rate plans, bulk rate changes and promo codes. No I/O."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from core.rates.errors import InvalidRatePlan


def check_plan(v: Mapping[str, Any], *, parent_of: Callable[[Any], Any | None],
               max_depth: int) -> None:
    """A plan is base (own prices) or derived (parent + kind + value), never half of each."""
    if v.get("parent_id") is None:
        if v.get("derive_kind") is not None or v.get("derive_value") is not None:
            raise InvalidRatePlan("A base rate plan has no derivation; choose a parent rate plan.",
                                  fields={"parent_id": "required for a derived plan"})
    else:
        if v.get("derive_kind") is None or v.get("derive_value") is None:
            raise InvalidRatePlan("A derived rate plan needs derive_kind and derive_value.",
                                  fields={"derive_kind": "required", "derive_value": "required"})
        if v["derive_kind"] == "percent" and v["derive_value"] < -100:
            raise InvalidRatePlan("A derived plan cannot be more than 100% below its parent.",
                                  fields={"derive_value": "at least -100"})
        if v.get("adult_prices") or v.get("child_bands") or (v.get("extra_adult") or 0) != 0:
            # One source of occupancy prices per family of plans, so "BAR - 10%" stays true.
            raise InvalidRatePlan("A derived rate plan takes its occupancy prices from its parent.",
                                  fields={"adult_prices": "set these on the parent plan"})
        seen = {v.get("id")}
        pid, depth = v["parent_id"], 0
        while pid is not None:
            if pid in seen:
                raise InvalidRatePlan("A rate plan cannot derive from itself (directly or not).",
                                      fields={"parent_id": "would make a loop"})
            seen.add(pid)
            depth += 1
            if depth > max_depth:
                raise InvalidRatePlan(f"Derived plans can be at most {max_depth} levels deep.",
                                      fields={"parent_id": "derivation chain too long"})
            pid = parent_of(pid)
    lo, hi = v.get("min_advance_days"), v.get("max_advance_days")
    if lo is not None and hi is not None and hi < lo:
        raise InvalidRatePlan("max_advance_days is below min_advance_days.",
                              fields={"max_advance_days": "must not be below min_advance_days"})


def bulk_dates(start: date, end: date, weekdays: Iterable[int] | None) -> list[date]:
    """The dates of [start, end] (inclusive) that fall on the given weekdays (0 = Monday)."""
    days = None if weekdays is None else set(weekdays)
    out = []
    d = start
    while d <= end:
        if days is None or d.weekday() in days:
            out.append(d)
        d += timedelta(days=1)
    return out


def check_promo_setup(v: Mapping[str, Any]) -> None:
    if v["kind"] == "percent" and v["value"] > 100:
        raise InvalidRatePlan("A percentage discount is at most 100.",
                              fields={"value": "at most 100"}, code="invalid_promo")
    for a, b in (("stay_from", "stay_to"), ("book_from", "book_to")):
        if v.get(a) and v.get(b) and v[b] < v[a]:
            raise InvalidRatePlan(f"{b} is before {a}.", fields={b: f"before {a}"},
                                  code="invalid_promo")
