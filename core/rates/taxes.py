"""Taxes and fees on a priced stay: pure rules, rounded per night (see core.rates.rules)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class TaxLine:
    code: str
    name: str
    kind: str  # core.properties.models.TaxKind value
    amount: Decimal
    inclusive: bool  # True: already inside the nightly amounts; False: added to the total


@dataclass(frozen=True)
class TaxRule:
    code: str
    name: str
    kind: str
    value: Decimal
    inclusive: bool = False
    exempt_below_age: int | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    def applies_on(self, day: date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (
            self.valid_to is None or day <= self.valid_to)


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def compute_taxes(nights: Sequence[tuple[date, Decimal]], rules: Sequence[TaxRule], *,
                  adults: int, children_ages: Sequence[int], arrival: date
                  ) -> tuple[list[TaxLine], dict[date, Decimal]]:
    """Tax lines for the stay, and each night's exclusive tax.

    Inclusive percentages are carved out of the gross night (net = gross / (1 + Σ rates)), so
    they never change what the guest pays; exclusive ones are added on the night's amount.
    """
    per_night = {d: ZERO for d, _ in nights}
    lines: list[TaxLine] = []
    for rule in rules:
        total = ZERO
        if rule.kind == "per_stay":
            if rule.applies_on(arrival):
                total = _q(rule.value)
        else:
            for day, amount in nights:
                if not rule.applies_on(day):
                    continue
                part = _night_tax(rule, day, amount, rules, adults, children_ages)
                total += part
                if not rule.inclusive:
                    per_night[day] += part
        if total != ZERO:
            lines.append(TaxLine(rule.code, rule.name, rule.kind, total, rule.inclusive))
    return lines, per_night


def _night_tax(rule: TaxRule, day: date, amount: Decimal, rules: Sequence[TaxRule], adults: int,
               children_ages: Sequence[int]) -> Decimal:
    if rule.kind == "percent":
        if not rule.inclusive:
            return _q(amount * rule.value / Decimal(100))
        inclusive_rate = sum((r.value for r in rules
                              if r.kind == "percent" and r.inclusive and r.applies_on(day)), ZERO)
        net = amount / (Decimal(1) + inclusive_rate / Decimal(100))
        return _q(net * rule.value / Decimal(100))
    if rule.kind == "per_night":
        return _q(rule.value)
    if rule.kind == "per_person_night":
        exempt = rule.exempt_below_age
        persons = adults + sum(1 for a in children_ages if exempt is None or a >= exempt)
        return _q(rule.value * persons)
    raise ValueError(f"unknown tax kind {rule.kind!r}")
