"""Babel formatting for guests: money, dates and numbers in the guest's locale."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency

LOCALES = {"en": "en_GB", "pt": "pt_PT"}


def babel_locale(locale: str) -> str:
    return LOCALES.get(locale, "en_GB")


def money(amount: Any, currency: str, locale: str) -> str:
    return format_currency(Decimal(str(amount)), currency, locale=babel_locale(locale))


def day(value: date | str, locale: str, fmt: str = "medium") -> str:
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return format_date(value, format=fmt, locale=babel_locale(locale))
