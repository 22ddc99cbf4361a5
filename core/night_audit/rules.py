"""Pure night-audit rules: a night's charges from the price snapshot, KPIs, when an audit is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class NightCharge:
    charge_type: str  # room | tax
    amount: Decimal
    description: str
    key: str  # unique within (business date, reservation)
    tax_code: str | None = None
    included_tax: Decimal = ZERO


def _split(total: Decimal, weights: list[tuple[str, Decimal]]) -> list[tuple[str, Decimal]]:
    """Share `total` by weight to the cent; the last share takes the rounding remainder."""
    weight_sum = sum((w for _, w in weights), ZERO)
    if not weights or weight_sum == 0:
        return []
    out, given = [], ZERO
    for i, (code, weight) in enumerate(weights):
        share = total - given if i == len(weights) - 1 else (total * weight / weight_sum).quantize(CENT)
        given += share
        out.append((code, share))
    return out


def night_charges(price: dict[str, Any], night: date, *, first_night: bool) -> list[NightCharge]:
    """Room and tax postings for one night of a stay, from the reservation's price snapshot."""
    nights = price.get("nights") or []
    entry = next((n for n in nights if n.get("date") == night.isoformat()), None)
    if entry is None:
        return []
    taxes = price.get("taxes") or []
    stay_nights = max(len(nights), 1)
    inclusive = [(t["code"], Decimal(t["amount"])) for t in taxes if t.get("inclusive")]
    included = sum((a for _, a in inclusive), ZERO)
    included_share = (included / stay_nights).quantize(CENT) if included else ZERO
    charges = [NightCharge("room", Decimal(entry["amount"]), f"Room {night.isoformat()}", "room",
                           tax_code=inclusive[0][0] if inclusive else None,
                           included_tax=included_share)]
    nightly_codes = [(t["code"], Decimal(t["amount"])) for t in taxes
                     if not t.get("inclusive") and t.get("kind") != "per_stay"]
    names = {t["code"]: t.get("name") or t["code"] for t in taxes}
    for code, amount in _split(Decimal(entry.get("tax") or "0"), nightly_codes):
        if amount:
            charges.append(NightCharge("tax", amount, f"{names[code]} {night.isoformat()}",
                                       f"tax:{code}", tax_code=code))
    if first_night:
        for t in taxes:
            if not t.get("inclusive") and t.get("kind") == "per_stay" and Decimal(t["amount"]):
                charges.append(NightCharge("fee", Decimal(t["amount"]), t.get("name") or t["code"],
                                           f"stay:{t['code']}", tax_code=t["code"]))
    return [c for c in charges if c.amount]


def ratio(numerator: Decimal, denominator: Decimal | int) -> Decimal:
    if not denominator:
        return ZERO
    return (Decimal(numerator) / Decimal(denominator)).quantize(CENT)


def kpis(*, rooms_available: int, rooms_sold: int, room_revenue: Decimal,
         total_revenue: Decimal) -> dict[str, Decimal]:
    """Occupancy (%), ADR, RevPAR and TRevPAR as managers read them."""
    return {
        "occupancy_pct": ratio(Decimal(rooms_sold) * 100, rooms_available),
        "adr": ratio(room_revenue, rooms_sold),
        "revpar": ratio(room_revenue, rooms_available),
        "trevpar": ratio(total_revenue, rooms_available),
    }


def audit_due(business_date: date | None, local_now: datetime, run_at: time) -> bool:
    """The day `business_date` may be closed once the local clock passes run_at the next day."""
    if business_date is None:
        return False
    return local_now.replace(tzinfo=None) >= datetime.combine(business_date + timedelta(days=1),
                                                               run_at)
