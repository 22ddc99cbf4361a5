"""Validation of guest details (pure)."""

from __future__ import annotations

import re

from core.errors import ValidationFailed
from core.guests.schemas import GuestCreate

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{5,32}$")


def clean_guest(data: GuestCreate) -> GuestCreate:
    """Trim and check the details; raise one error naming every bad field."""
    errors: dict[str, str] = {}
    first = data.first_name.strip()
    last = data.last_name.strip()
    email = (data.email or "").strip().lower() or None
    phone = (data.phone or "").strip() or None
    if not last:
        errors["last_name"] = "is required"
    elif len(last) > 100:
        errors["last_name"] = "must be at most 100 characters"
    if len(first) > 100:
        errors["first_name"] = "must be at most 100 characters"
    if email is None and phone is None:
        errors["email"] = "an email or a phone number is required"
    if email is not None and (len(email) > 254 or not EMAIL_RE.match(email)):
        errors["email"] = "is not a valid email address"
    if phone is not None and not PHONE_RE.match(phone):
        errors["phone"] = "is not a valid phone number"
    if errors:
        names = ", ".join(f"{k} {v}" for k, v in errors.items())
        raise ValidationFailed(f"Guest details are invalid: {names}.", fields=errors,
                               code="invalid_guest")
    return GuestCreate(first_name=first, last_name=last, email=email, phone=phone,
                       language=data.language)
