"""Pure folio rules: money, card-number refusal, routing, invoice lines and taxes, aging."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from core.folio.errors import CardNumberRefused, CurrencyMismatch, InvalidAmount

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_AMOUNT = Decimal("999999999999.99")  # Numeric(14, 2)

# Runs of digit groups joined by single spaces or dashes ("4242 4242-4242 4242").
_DIGIT_RUN = re.compile(r"\d+(?:[ -]\d+)*")


def money(value: Any, field: str = "amount") -> Decimal:
    """A Decimal with 2 places, or InvalidAmount naming `field` (floats are refused: inexact)."""
    if isinstance(value, float | bool):
        raise InvalidAmount(f"{field} must be a decimal amount, not {type(value).__name__}.",
                            fields={field: "must be a decimal string or Decimal"})
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvalidAmount(f"{field} is not a number.", fields={field: "is not a number"}) from None
    if not amount.is_finite():
        raise InvalidAmount(f"{field} is not a number.", fields={field: "is not a number"})
    if amount != amount.quantize(CENT):
        raise InvalidAmount(f"{field} has more than 2 decimal places.",
                            fields={field: "at most 2 decimal places"})
    if abs(amount) > MAX_AMOUNT:
        raise InvalidAmount(f"{field} is too large.", fields={field: "is too large"})
    return amount.quantize(CENT)


def positive_money(value: Any, field: str = "amount") -> Decimal:
    amount = money(value, field)
    if amount <= 0:
        raise InvalidAmount(f"{field} must be greater than zero.", fields={field: "must be > 0"})
    return amount


def round_money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def same_currency(expected: str, given: str, field: str = "currency") -> None:
    if expected.upper() != (given or "").upper():
        raise CurrencyMismatch(
            f"This folio is in {expected}; an amount in {given} cannot be posted to it.",
            fields={field: f"must be {expected}"})


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def contains_card_number(text: str | None) -> bool:
    """True if `text` holds a Luhn-valid 13-19 digit sequence (spaces or dashes allowed).

    Within a run of digit groups, every span of whole groups is tried, so a card number typed
    next to an amount or a date ("4242 4242 4242 4242 12/29") is still caught, while a long
    reference number is not split into arbitrary windows (that would refuse innocent text).
    """
    if not text:
        return False
    for run in _DIGIT_RUN.finditer(text):
        groups = re.split(r"[ -]", run.group())
        for i in range(len(groups)):
            digits = ""
            for group in groups[i:]:
                digits += group
                if len(digits) > 19:
                    break
                if len(digits) >= 13 and luhn_valid(digits):
                    return True
    return False


def refuse_card_numbers(**fields: str | None) -> None:
    """Refuse free text that holds a card number: it must never be stored or logged."""
    bad = {name: "looks like a card number; never type card numbers here"
           for name, text in fields.items() if contains_card_number(text)}
    if bad:
        raise CardNumberRefused(
            "A card number was typed into " + ", ".join(sorted(bad)) + "; it was not saved. "
            "Take card payments through the card terminal or the payment form.", fields=bad)


def route_target(charge_type: str, default_folio: Any,
                 rules: Iterable[tuple[Sequence[str], Any]]) -> Any:
    """The folio a charge lands on: the first rule naming its type, else the default."""
    for types, target in rules:
        if charge_type in types:
            return target
    return default_folio


@dataclass(frozen=True)
class LineView:
    """What the invoice rules need of a posting."""

    id: Any
    charge_type: str
    description: str
    amount: Decimal
    business_date: date
    tax_code: str | None
    included_tax: Decimal
    voids_id: Any


def invoice_lines(postings: Sequence[LineView], settlement_types: frozenset[str]) -> list[LineView]:
    """Sales lines of a folio: settlements and cancelled pairs (reversals, transfers out) drop."""
    voided = {p.voids_id for p in postings if p.voids_id is not None}
    return [p for p in postings
            if p.charge_type not in settlement_types and p.voids_id is None and p.id not in voided]


def tax_breakdown(lines: Sequence[LineView], tax_names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Per tax code: the tax charged (exclusive tax lines plus tax inside inclusive prices)."""
    totals: dict[str, Decimal] = {}
    for line in lines:
        if line.charge_type == "tax" and line.tax_code:
            totals[line.tax_code] = totals.get(line.tax_code, ZERO) + line.amount
        if line.included_tax and line.tax_code:
            totals[line.tax_code] = totals.get(line.tax_code, ZERO) + line.included_tax
    return [{"code": code, "name": tax_names.get(code, code), "amount": str(amount)}
            for code, amount in sorted(totals.items())]


AGING_BUCKETS = (("current", None, 0), ("1_30", 1, 30), ("31_60", 31, 60), ("61_90", 61, 90),
                 ("over_90", 91, None))


def aging(charges: Sequence[tuple[date, Decimal]], credits_total: Decimal,
          as_of: date) -> dict[str, Decimal]:
    """Open receivables by days past due; payments settle the oldest charges first (FIFO)."""
    buckets = {name: ZERO for name, _, _ in AGING_BUCKETS}
    remaining_credit = credits_total
    for due_on, amount in sorted(charges, key=lambda c: c[0]):
        settled = min(amount, max(remaining_credit, ZERO))
        remaining_credit -= settled
        open_amount = amount - settled
        if open_amount <= 0:
            continue
        overdue = (as_of - due_on).days
        for name, low, high in AGING_BUCKETS:
            if (low is None or overdue >= low) and (high is None or overdue <= high):
                buckets[name] += open_amount
                break
    if remaining_credit > 0:  # paid in advance: a credit on the account
        buckets["current"] -= remaining_credit
    return buckets
