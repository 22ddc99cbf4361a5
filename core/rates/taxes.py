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


NightTaxes = tuple[tuple[int, Decimal], ...]  # (index of the rule, the night's amount)


def compute_taxes(nights: Sequence[tuple[date, Decimal]], rules: Sequence[TaxRule], *,
                  adults: int, children_ages: Sequence[int], arrival: date,
                  memo: dict | None = None) -> tuple[list[TaxLine], dict[date, Decimal]]:
    """Tax lines for the stay, and each night's exclusive tax.

    Inclusive percentages are carved out of the gross night (net = gross / (1 + Σ rates)), so
    they never change what the guest pays; exclusive ones are added on the night's amount.
    `memo` may be shared by calls with the same rules (a search prices many plans alike).
    """
    memo = {} if memo is None else memo
    per_night: dict[date, Decimal] = {}
    parts = []
    for day, amount in nights:
        night = night_taxes(day, amount, rules, adults=adults, children_ages=children_ages,
                            memo=memo)
        parts.append(night)
        per_night[day] = exclusive_part(night, rules)
    return stay_tax_lines(rules, parts, arrival), per_night


def night_taxes(day: date, amount: Decimal, rules: Sequence[TaxRule], *, adults: int,
                children_ages: Sequence[int], memo: dict) -> NightTaxes:
    """Each per-night rule's tax on one night of `amount` (per-stay fees are not nightly)."""
    # Which rules apply on a day is the same for every plan a search prices: memoised too.
    found = memo.get(("active", day))
    if found is None:
        active = [i for i, r in enumerate(rules) if r.kind != "per_stay" and r.applies_on(day)]
        found = memo[("active", day)] = (active, sum(
            (rules[i].value for i in active
             if rules[i].kind == "percent" and rules[i].inclusive), ZERO))
    active, inclusive_rate = found
    ages = tuple(children_ages)
    out = []
    for i in active:
        key = (i, amount, inclusive_rate, adults, ages)
        part = memo.get(key)
        if part is None:
            part = memo[key] = _night_tax(rules[i], amount, inclusive_rate, adults, ages)
        out.append((i, part))
    return tuple(out)


def exclusive_part(night: NightTaxes, rules: Sequence[TaxRule]) -> Decimal:
    """What a night's exclusive taxes add to what the guest pays for it."""
    return sum((part for i, part in night if not rules[i].inclusive), ZERO)


def stay_tax_lines(rules: Sequence[TaxRule], nights: Sequence[NightTaxes],
                   arrival: date) -> list[TaxLine]:
    """One line per rule with a non-zero total: its nightly parts summed, or its per-stay fee."""
    totals = [ZERO] * len(rules)
    for night in nights:
        for i, part in night:
            totals[i] += part
    lines = []
    for i, rule in enumerate(rules):
        total = totals[i]
        if rule.kind == "per_stay" and rule.applies_on(arrival):
            total = _q(rule.value)
        if total != ZERO:
            lines.append(TaxLine(rule.code, rule.name, rule.kind, total, rule.inclusive))
    return lines


def _night_tax(rule: TaxRule, amount: Decimal, inclusive_rate: Decimal, adults: int,
               children_ages: Sequence[int]) -> Decimal:
    if rule.kind == "percent":
        if not rule.inclusive:
            return _q(amount * rule.value / Decimal(100))
        net = amount / (Decimal(1) + inclusive_rate / Decimal(100))
        return _q(net * rule.value / Decimal(100))
    if rule.kind == "per_night":
        return _q(rule.value)
    if rule.kind == "per_person_night":
        exempt = rule.exempt_below_age
        persons = adults + sum(1 for a in children_ages if exempt is None or a >= exempt)
        return _q(rule.value * persons)
    raise ValueError(f"unknown tax kind {rule.kind!r}")
