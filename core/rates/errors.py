"""Rate and quote errors; each has a stable code the apps and the API show or branch on."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationFailed


class InvalidDates(ValidationFailed):
    code = "invalid_dates"


class TooManyGuests(ValidationFailed):
    code = "too_many_guests"


class Restricted(ValidationFailed):
    """A restriction forbids the stay (CTA, CTD, closed, lead time, channel)."""

    code = "restricted"


class MinStay(Restricted):
    code = "min_stay"


class MaxStay(Restricted):
    code = "max_stay"


class NotSellable(ValidationFailed):
    """The plan cannot be sold for these dates at all (inactive, no price, wrong product)."""

    code = "not_sellable"


class PromoNotApplicable(ValidationFailed):
    code = "promo_not_applicable"


class PromoExhausted(Conflict):
    code = "promo_exhausted"


class RatePlanNotFound(NotFound):
    code = "not_found"


class InvalidRatePlan(ValidationFailed):
    code = "invalid_rate_plan"
