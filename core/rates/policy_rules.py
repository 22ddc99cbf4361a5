"""Cancellation, no-show and deposit rules: a policy snapshot in, an amount out. No I/O.

A quote carries a JSON snapshot of the policy, so a booking keeps the terms it was sold under
even if the hotel edits the policy later; these functions work on that snapshot.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
FEE_KINDS = ("none", "first_night", "nights", "percent", "fixed", "full")

_FEE_TEXT = {
    "none": "nothing is charged",
    "first_night": "the first night is charged",
    "nights": "{value} night(s) are charged",
    "percent": "{value}% of the stay is charged",
    "fixed": "{value} {currency} is charged",
    "full": "the whole stay is charged",
}


def _fee(kind: str, value: Any) -> dict[str, str]:
    # "30", not "3E+1": the value is shown to guests inside the policy text.
    return {"kind": kind, "value": format(Decimal(str(value or 0)).normalize(), "f")}


def _fee_text(fee: dict[str, str], currency: str) -> str:
    return _FEE_TEXT[fee["kind"]].format(value=fee["value"], currency=currency)


def policy_snapshot(policy: Any | None, *, check_in_time: time, currency: str) -> dict[str, Any]:
    """The terms a stay is sold under, as plain JSON. No policy: free until check-in time,
    first night charged for a no-show."""
    if policy is None:
        snap = {"code": "DEFAULT", "name": "Flexible", "text": "",
                "free_cancellation_hours": 0,
                "cancellation_fee": _fee("first_night", 0), "no_show_fee": _fee("first_night", 0),
                "deposit": _fee("none", 0)}
    else:
        snap = {"code": policy.code, "name": policy.name, "text": policy.text or "",
                "free_cancellation_hours": policy.free_cancellation_hours,
                "cancellation_fee": _fee(policy.cancellation_fee_kind, policy.cancellation_fee_value),
                "no_show_fee": _fee(policy.no_show_fee_kind, policy.no_show_fee_value),
                "deposit": _fee(policy.deposit_kind, policy.deposit_value)}
    snap["check_in_time"] = check_in_time.strftime("%H:%M")
    snap["currency"] = currency
    snap["summary"] = policy_summary(snap)
    if not snap["text"]:
        snap["text"] = snap["summary"]
    return snap


def policy_summary(snap: dict[str, Any]) -> str:
    """The policy in one plain sentence for the guest."""
    hours, currency = snap["free_cancellation_hours"], snap["currency"]
    cancel = _fee_text(snap["cancellation_fee"], currency)
    if hours is None:
        first = f"Non-refundable: on cancellation {cancel}."
    elif hours == 0:
        first = (f"Free cancellation until {snap['check_in_time']} on the day of arrival; "
                 f"after that {cancel}.")
    else:
        first = (f"Free cancellation until {hours} hours before {snap['check_in_time']} on the day "
                 f"of arrival; after that {cancel}.")
    parts = [first, f"No-show: {_fee_text(snap['no_show_fee'], currency)}."]
    if snap["deposit"]["kind"] != "none":
        deposit = _fee_text(snap["deposit"], currency).replace(" is charged", "").replace(
            " are charged", "")
        parts.append(f"Deposit at booking: {deposit}.")
    return " ".join(parts)


def _amounts(nights: Sequence[Any]) -> list[Decimal]:
    """Nightly amounts from NightPrice objects, {"amount": ...} dicts or plain numbers."""
    out = []
    for n in nights:
        if isinstance(n, dict):
            n = n["amount"]
        elif hasattr(n, "amount"):
            n = n.amount
        out.append(n if type(n) is Decimal else Decimal(str(n)))
    return out


def fee_amount(fee: dict[str, str], nights: Sequence[Any], total: Decimal | None = None) -> Decimal:
    """A fee rule applied to a stay. Percent/full use `total` when given, else the nightly sum."""
    if fee["kind"] == "none":  # most policies: every search prices it for every plan
        return ZERO
    amounts = _amounts(nights)
    stay = sum(amounts, ZERO) if total is None else Decimal(total)
    kind, value = fee["kind"], Decimal(fee["value"])
    if kind == "none" or not amounts:
        result = ZERO
    elif kind == "first_night":
        result = amounts[0]
    elif kind == "nights":
        result = sum(amounts[: int(value)], ZERO)
    elif kind == "percent":
        result = stay * value / Decimal(100)
    elif kind == "fixed":
        result = min(value, stay)
    elif kind == "full":
        result = stay
    else:
        raise ValueError(f"unknown fee kind {kind!r}")
    return max(result, ZERO).quantize(CENT, rounding=ROUND_HALF_UP)


def free_cancellation_deadline(policy: dict[str, Any], *, arrival, tz: str | tzinfo
                               ) -> datetime | None:
    """The last moment (aware) a cancellation is free; None for a non-refundable policy."""
    hours = policy.get("free_cancellation_hours")
    if hours is None:
        return None
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    hh, mm = (int(x) for x in policy.get("check_in_time", "15:00").split(":"))
    check_in = datetime.combine(arrival, time(hh, mm), tzinfo=zone)
    return check_in - timedelta(hours=int(hours))


def cancellation_fee(policy: dict[str, Any], quote_nights: Sequence[Any], *, arrival,
                     cancelled_at: datetime, tz: str | tzinfo) -> Decimal:
    """What a cancellation at `cancelled_at` costs under the policy snapshot."""
    if cancelled_at.tzinfo is None:
        raise ValueError("cancelled_at must be timezone-aware")
    deadline = free_cancellation_deadline(policy, arrival=arrival, tz=tz)
    if deadline is not None and cancelled_at < deadline:
        return ZERO
    return fee_amount(policy["cancellation_fee"], quote_nights)


def no_show_fee(policy: dict[str, Any], quote_nights: Sequence[Any]) -> Decimal:
    return fee_amount(policy["no_show_fee"], quote_nights)


def deposit_amount(policy: dict[str, Any], quote_nights: Sequence[Any], total: Decimal) -> Decimal:
    """The deposit due at booking (percent and full are of the total the guest pays)."""
    return fee_amount(policy["deposit"], quote_nights, total)
