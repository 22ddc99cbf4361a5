"""Pricing stays: quotes for one rate plan and batch offers for an availability search.

Everything a search needs is loaded in a handful of queries (settings, room types, plans, the
rate days of the stay for all plans at once, taxes, policies, promo), then priced in memory by
the pure rules in `core.rates.rules`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from core.errors import DomainError
from core.rates import rules
from core.rates import taxes as tax_rules
from core.rates.catalogue import SettingsView, load_catalogue, load_settings
from core.rates.days import days_for_stay
from core.rates.errors import NotSellable, PromoNotApplicable, RatePlanNotFound
from core.rates.models import PromoCode, RatePlan
from core.rates.taxes import TaxLine, TaxRule, compute_taxes  # noqa: F401  (TaxLine: API)
from core.timeutil import local_today

ZERO = Decimal("0.00")
MAX_DERIVATION_DEPTH = 5
# Priced nights held per catalogue stamp are keyed by (plan, guests); past this many keys the
# held nights are dropped and built again (guests' mixes are few, so it is rarely reached).
MAX_HELD_NIGHT_KEYS = 4000


@dataclass(frozen=True)
class NightPrice:
    """One night of a stay (for day use: the day itself).

    amount = room + meals − discount: what the night costs before exclusive taxes.
    tax is the night's exclusive per-night taxes (per-stay fees are only in StayQuote.taxes).
    """

    date: date
    amount: Decimal
    room: Decimal = ZERO
    meals: Decimal = ZERO
    discount: Decimal = ZERO
    tax: Decimal = ZERO


@dataclass(frozen=True)
class ExtraLine:
    name: str
    amount: Decimal


@dataclass
class StayQuote:
    room_type_id: uuid.UUID
    rate_plan_id: uuid.UUID
    rate_plan_code: str
    rate_plan_name: str
    meal_plan: str
    arrival: date
    departure: date
    adults: int
    children_ages: tuple[int, ...]
    nights: list[NightPrice]
    room_total: Decimal
    taxes: list[TaxLine]
    extras: list[ExtraLine]
    discount: Decimal
    total: Decimal  # what the guest pays: nightly amounts + exclusive taxes
    currency: str
    guarantee_type: str
    cancellation_policy: dict[str, Any]  # JSON-serialisable snapshot, see rules.policy_snapshot
    promo_code: str | None = None
    day_use: bool = False
    deposit: Decimal = ZERO  # due at booking under the policy's deposit rule
    channel: str = "direct"
    extras_total: Decimal = field(default=ZERO)

    @property
    def taxes_excluded(self) -> Decimal:
        return sum((t.amount for t in self.taxes if not t.inclusive), ZERO)

    @property
    def taxes_included(self) -> Decimal:
        return sum((t.amount for t in self.taxes if t.inclusive), ZERO)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready snapshot (Decimals and dates as strings) to store with a reservation."""
        from core.events.outbox import _jsonable

        return _jsonable(self)


@dataclass(frozen=True)
class Refusal:
    """Why a plan is not offered for a search (for staff screens)."""

    room_type_id: uuid.UUID
    rate_plan_id: uuid.UUID
    code: str
    message: str


@dataclass
class Offers:
    """price_offers' answer: quotes per room type, and why other plans were left out."""

    quotes: dict[uuid.UUID, list[StayQuote]]
    refusals: list[Refusal]


def quote_stay(session: Session, *, room_type_id: uuid.UUID, rate_plan_id: uuid.UUID,
               arrival: date, departure: date, adults: int, children_ages: Iterable[int] = (),
               promo_code: str | None = None, channel: str = "direct",
               today: date | None = None, settings: SettingsView | None = None) -> StayQuote:
    """Price one stay on one rate plan, or raise the domain error that forbids it.

    `today` is the booking day in the property's time zone (defaults to the local today);
    `settings` is the caller's `load_settings` read of this transaction, if it has one.
    """
    ctx = _Context(session, arrival=arrival, departure=departure, adults=adults,
                   children_ages=children_ages, promo_code=promo_code, channel=channel,
                   today=today, plan_id=rate_plan_id, settings=settings)
    plan = ctx.plans.get(rate_plan_id)
    if plan is None or plan.room_type_id != room_type_id or room_type_id not in ctx.room_types:
        raise RatePlanNotFound("This rate plan does not exist for this room type.",
                               fields={"rate_plan_id": "not found"})
    if not plan.active or not ctx.room_types[room_type_id].active:
        raise NotSellable(f"The rate {plan.name} is not on sale.",
                          fields={"rate_plan_id": "not on sale"})
    if plan.day_use != ctx.day_use:
        if plan.day_use:
            raise NotSellable(f"{plan.name} is a day-use rate: arrival and departure are the same day.",
                              fields={"departure": "must equal the arrival date for day use"})
        rules.stay_dates(arrival, departure)  # raises the invalid-dates error for same-day stays
    return ctx.quote(plan, strict_promo=True)


def price_offers(session: Session, *, arrival: date, departure: date, adults: int,
                 children_ages: Iterable[int] = (), promo_code: str | None = None,
                 channel: str = "direct", today: date | None = None,
                 room_type_ids: Iterable[uuid.UUID] | None = None,
                 with_refusals: bool = False, settings: SettingsView | None = None,
                 ) -> dict[uuid.UUID, list[StayQuote]] | Offers:
    """Every sellable (room type, plan) for the stay, cheapest first per room type.

    Same-day stays (arrival == departure) are offered on day-use plans only, other stays on the
    rest. Plans that a restriction forbids are left out (with_refusals=True says why). Errors
    about the search itself (dates, guest numbers, an invalid promo code) are raised.
    """
    ctx = _Context(session, arrival=arrival, departure=departure, adults=adults,
                   children_ages=children_ages, promo_code=promo_code, channel=channel,
                   today=today, room_type_ids=room_type_ids, settings=settings)
    wanted = None if room_type_ids is None else set(room_type_ids)
    quotes: dict[uuid.UUID, list[StayQuote]] = {}
    refusals: list[Refusal] = []
    for rt in ctx.catalogue.room_type_order:
        if not rt.active or (wanted is not None and rt.id not in wanted):
            continue
        for plan in ctx.plans_by_room_type.get(rt.id, []):
            if not plan.active or plan.day_use != ctx.day_use:
                continue
            try:
                quote = ctx.quote(plan, strict_promo=False)
            except DomainError as err:
                refusals.append(Refusal(rt.id, plan.id, err.code, err.message))
                continue
            quotes.setdefault(rt.id, []).append(quote)
        if rt.id in quotes:
            quotes[rt.id].sort(key=lambda q: (q.total, q.rate_plan_name))
    return Offers(quotes, refusals) if with_refusals else quotes


def assemble_nights(dates: list[date], rooms: list[Decimal], discounts: list[Decimal],
                    meals: Decimal, taxes: list[TaxRule], *, adults: int,
                    children_ages: tuple[int, ...], arrival: date, memo: dict | None = None
                    ) -> tuple[list[NightPrice], list[TaxLine], Decimal]:
    """Nightly lines, tax lines and the total from already-rounded parts (pure).

    total = Σ night amounts + Σ exclusive taxes: inclusive taxes are inside the amounts.
    """
    amounts = [r + meals - d for r, d in zip(rooms, discounts, strict=True)]
    tax_lines, night_tax = compute_taxes(list(zip(dates, amounts, strict=True)), taxes,
                                         adults=adults, children_ages=children_ages,
                                         arrival=arrival, memo=memo)
    nights = [NightPrice(d, a, r, meals, disc, night_tax[d])
              for d, a, r, disc in zip(dates, amounts, rooms, discounts, strict=True)]
    excluded = sum((t.amount for t in tax_lines if not t.inclusive), ZERO)
    return nights, tax_lines, sum(amounts, ZERO) + excluded


class _Context:
    """Everything one search needs, loaded in a fixed handful of queries."""

    def __init__(self, session: Session, *, arrival: date, departure: date, adults: int,
                 children_ages: Iterable[int], promo_code: str | None, channel: str,
                 today: date | None, plan_id: uuid.UUID | None = None,
                 room_type_ids: Iterable[uuid.UUID] | None = None,
                 settings: SettingsView | None = None) -> None:
        self._prices: dict[uuid.UUID, list[Decimal]] = {}
        self._policy_snaps: dict[uuid.UUID | None, dict[str, Any]] = {}
        self._tax_memo: dict[Any, Decimal] = {}
        self.settings = settings or load_settings(session)
        self.arrival, self.departure, self.channel = arrival, departure, channel
        self.day_use = arrival == departure
        self.dates = rules.stay_dates(arrival, departure, day_use=self.day_use)
        self.today = today or local_today(self.settings.timezone)
        rules.check_lead_time(arrival, self.today, None, None)
        children_ages = tuple(children_ages)
        self.adults, self.children = rules.split_guests(adults, children_ages,
                                                        self.settings.child_max_age)
        self.asked = (adults, tuple(children_ages))
        # Plans are few (tens); having them all lets derived plans find any parent in memory.
        cat = self.catalogue = load_catalogue(session, self.settings.property_id,
                                              self.settings.catalogue_stamp)
        self.plans, self.plans_by_room_type = cat.plans, cat.plans_by_room_type
        self.room_types, self.taxes, self.policies = cat.room_types, cat.taxes, cat.policies
        table = days_for_stay(session, cat, arrival, departure, self.today,
                              lambda: self._needed_plan_ids(plan_id, room_type_ids))
        self.days, self.own_restrictions = table.prices, table.restrictions
        self.days_held = table.floor is not None  # every plan's days, not only this stay's
        self.promo = self._load_promo(session, promo_code)

    def _needed_plan_ids(self, plan_id, room_type_ids) -> set[uuid.UUID]:
        if plan_id is not None:
            roots = [plan_id] if plan_id in self.plans else []
        elif room_type_ids is not None:
            wanted = set(room_type_ids)
            roots = [p.id for p in self.plans.values() if p.room_type_id in wanted]
        else:
            roots = list(self.plans)
        needed: set[uuid.UUID] = set()
        for pid in roots:
            for _ in range(MAX_DERIVATION_DEPTH + 1):
                if pid is None or pid in needed or pid not in self.plans:
                    break
                needed.add(pid)
                pid = self.plans[pid].parent_id
        return needed

    def _load_promo(self, session: Session, promo_code: str | None) -> rules.Promo | None:
        code = rules.normalise_code(promo_code)
        if code is None:
            return None
        row = session.exec(select(PromoCode).where(PromoCode.code == code)).first()
        if row is None:
            raise PromoNotApplicable(f"Promo code {code} is not valid.",
                                     fields={"promo_code": "unknown code"})
        promo = rules.Promo(code=row.code, kind=row.kind, value=row.value, stay_from=row.stay_from,
                            stay_to=row.stay_to, book_from=row.book_from, book_to=row.book_to,
                            min_nights=row.min_nights, max_uses=row.max_uses, uses=row.uses,
                            rate_plan_ids=frozenset(row.rate_plan_ids or ()), active=row.active)
        # Stay-wide conditions are the guest's to fix, so they fail the whole search.
        rules.check_promo(promo, arrival=self.arrival, dates=self.dates, today=self.today)
        return promo

    # --- pricing one plan ---------------------------------------------------------------------

    def restrictions(self, plan: RatePlan) -> dict[date, rules.DayRestrictions]:
        if plan.parent_id is None:
            return self.own_restrictions.get(plan.id, {})
        merged: dict[date, rules.DayRestrictions] = {}
        chain = self._chain(plan)
        span = [*self.dates, self.departure]  # the days a stay's restrictions are read on
        for depth, p in enumerate(chain):
            if depth > 0 and not chain[depth - 1].inherit_restrictions:
                break
            own = self.own_restrictions.get(p.id, {})
            for day in span:
                restr = own.get(day)
                if restr is not None:
                    merged[day] = restr.merged(merged.get(day))
        return merged

    def _chain(self, plan: RatePlan) -> list[RatePlan]:
        chain = [plan]
        while chain[-1].parent_id is not None:
            parent = self.plans.get(chain[-1].parent_id)
            if parent is None or len(chain) > MAX_DERIVATION_DEPTH:
                raise NotSellable(f"The rate {plan.name} derives from a rate that is missing.",
                                  fields={"rate_plan_id": "broken derivation"})
            chain.append(parent)
        return chain

    def room_prices(self, plan: RatePlan) -> list[Decimal]:
        """Each night's room price for this search's guests (memoised: parents are shared)."""
        cached = self._prices.get(plan.id)
        if cached is not None:
            return cached
        priced = self.prices_on(plan, self.dates)
        if len(priced) < len(self.dates):
            root = self._chain(plan)[-1]
            day = next(d for d in self.dates if d not in priced)
            raise NotSellable(f"The rate {root.name} has no price on {day}.",
                              fields={"arrival": f"no price on {day}"}, code="no_price")
        prices = self._prices[plan.id] = [priced[d] for d in self.dates]
        return prices

    def prices_on(self, plan: RatePlan, dates: Iterable[date]) -> dict[date, Decimal]:
        """The plan's room price on each of `dates` that has one, for this search's guests."""
        if plan.parent_id is not None:
            parent = self._chain(plan)[1]
            kind, value = plan.derive_kind or "amount", Decimal(plan.derive_value or 0)
            derived: dict[Decimal, Decimal] = {}
            out = {}
            for day, price in self.prices_on(parent, dates).items():
                amount = derived.get(price)
                if amount is None:
                    amount = derived[price] = rules.derive_price(price, kind, value)
                out[day] = amount
            return out
        days = self.days.get(plan.id, {})
        rt = self.room_types[plan.room_type_id]
        occ = rules.Occupancy(rt.base_occupancy, plan.adult_prices or {}, plan.extra_adult,
                              plan.child_bands or [])
        # Nights mostly share a few base prices: price each distinct one once.
        by_base: dict[Decimal, Decimal] = {}
        out = {}
        for day in dates:
            base = days.get(day, (None,))[0]
            if base is None:
                continue
            amount = by_base.get(base)
            if amount is None:
                amount = by_base[base] = rules.occupancy_price(
                    Decimal(base), occ, self.adults, self.children)
            out[day] = amount
        return out

    def undiscounted(self, plan: RatePlan, meals: Decimal
                     ) -> tuple[list[NightPrice], list[TaxLine], Decimal]:
        """A stay's nights, tax lines and total with no promo, from nights priced once per
        catalogue stamp.

        Without a discount a night's lines depend only on the plan, the guests and the day,
        and the stamp changes with every rate day, plan, tax or setting that prices it, so a
        night priced once (NightPrice is immutable) serves every later search and booking
        until then. Nights not yet held are priced here by the same rules as any stay.
        """
        held_nights: dict[tuple, dict[date, tuple[NightPrice, tax_rules.NightTaxes]]]
        held_nights = self.catalogue.compiled.get("nights")  # type: ignore[assignment]
        if held_nights is None or len(held_nights) > MAX_HELD_NIGHT_KEYS:
            held_nights = self.catalogue.compiled["nights"] = {}
        key = (plan.id.int, self.adults, self.children)
        held = held_nights.get(key)
        if held is None:
            held = held_nights[key] = {}
        try:
            lines = [held[day] for day in self.dates]
        except KeyError:
            # Price every held day of the plan at once (the first search of these guests
            # after a stamp change pays for it), or only this stay's days when they were read
            # for it alone.
            root = self._chain(plan)[-1]
            days = sorted(self.days.get(root.id, {})) if self.days_held else self.dates
            for day, room in self.prices_on(plan, days).items():
                amount = room + meals - ZERO
                parts = tax_rules.night_taxes(day, amount, self.taxes, adults=self.adults,
                                              children_ages=self.children, memo=self._tax_memo)
                held[day] = (NightPrice(day, amount, room, meals, ZERO,
                                        tax_rules.exclusive_part(parts, self.taxes)), parts)
            self.room_prices(plan)  # raises when a night of the stay has no price
            lines = [held[day] for day in self.dates]
        nights = [night for night, _ in lines]
        tax_lines = tax_rules.stay_tax_lines(self.taxes, [parts for _, parts in lines],
                                             self.arrival)
        excluded = sum([t.amount for t in tax_lines if not t.inclusive], ZERO)
        return nights, tax_lines, sum([n.amount for n in nights], ZERO) + excluded

    def policy(self, plan: RatePlan) -> dict[str, Any]:
        if plan.policy_id not in self._policy_snaps:
            self._policy_snaps[plan.policy_id] = rules.policy_snapshot(
                self.policies.get(plan.policy_id) if plan.policy_id else None,
                check_in_time=self.settings.check_in_time, currency=self.settings.currency)
        # A copy: callers store it with a booking and must not share one dict between quotes.
        return {k: dict(v) if isinstance(v, dict) else v
                for k, v in self._policy_snaps[plan.policy_id].items()}

    def quote(self, plan: RatePlan, *, strict_promo: bool) -> StayQuote:
        rt = self.room_types[plan.room_type_id]
        rules.check_capacity(rules.Capacity(rt.max_occupancy, rt.max_adults, rt.max_children,
                                            rt.name), self.adults, len(self.children))
        rules.check_channel(self.channel, plan.channels or [])
        rules.check_lead_time(self.arrival, self.today, plan.min_advance_days,
                              plan.max_advance_days)
        rules.check_restrictions(self.restrictions(plan), self.arrival, self.departure,
                                 day_use=self.day_use, dates=self.dates)
        promo = self.promo
        if promo is not None and promo.rate_plan_ids and str(plan.id) not in promo.rate_plan_ids:
            if strict_promo:
                self.room_prices(plan)  # a night with no price is reported first, as ever
                rules.check_promo(promo, arrival=self.arrival, dates=self.dates, today=self.today,
                                  rate_plan_id=plan.id)
            promo = None
        meals = rules.meal_amount(plan.meal_price_adult, plan.meal_price_child, self.adults,
                                  len(self.children))
        if promo is None:
            nights, tax_lines, total = self.undiscounted(plan, meals)
            room_total, discount = sum([n.room for n in nights], ZERO), ZERO
        else:
            rooms = self.room_prices(plan)
            discounts = rules.promo_discounts(promo.kind, promo.value, rooms)
            nights, tax_lines, total = assemble_nights(
                self.dates, rooms, discounts, meals, self.taxes, adults=self.adults,
                children_ages=self.children, arrival=self.arrival, memo=self._tax_memo)
            room_total, discount = sum(rooms, ZERO), sum(discounts, ZERO)
        policy = self.policy(plan)
        meals_total = meals * len(self.dates)
        extras = ([ExtraLine(f"Meals ({plan.meal_plan})", meals_total)] if meals_total else [])
        return StayQuote(
            room_type_id=rt.id, rate_plan_id=plan.id, rate_plan_code=plan.code,
            rate_plan_name=plan.name, meal_plan=plan.meal_plan, arrival=self.arrival,
            departure=self.departure, adults=self.asked[0], children_ages=self.asked[1],
            nights=nights, room_total=room_total, taxes=tax_lines, extras=extras,
            discount=discount, total=total, currency=self.settings.currency,
            guarantee_type=plan.guarantee_type, cancellation_policy=policy,
            promo_code=promo.code if promo else None, day_use=self.day_use,
            deposit=rules.deposit_amount(policy, nights, total), channel=self.channel,
            extras_total=meals_total,
        )

