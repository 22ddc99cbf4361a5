"""The registration card taken at check-in: nationality, birth date, ID document, address, consent.

One record per stay, shared with online check-in (core.site.models.OnlineCheckIn): whatever the
guest gave on the site is what the desk sees and completes, never a second copy.
"""

from __future__ import annotations

import re
import uuid
from datetime import date

from pydantic import BaseModel
from sqlmodel import select

from core import audit
from core.db.uow import UnitOfWork
from core.errors import ValidationFailed
from core.properties.models import get_settings_row
from core.reservations.queries import get_reservation
from core.site.models import OnlineCheckIn
from core.site.portal import DOCUMENT_TYPES
from core.timeutil import local_today, utcnow

PERMISSION = "reservations.check_in"
# Before arrival or while in house; a cancelled or departed stay's card is history.
OPEN_STATUSES = ("hold", "confirmed", "checked_in")
DOCUMENT_NUMBER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./-]{2,29}$")
MAX_AGE_YEARS = 125


class RegistrationCard(BaseModel):
    """What the guest fills in (or the desk, from the guest's document)."""

    nationality: str = ""
    date_of_birth: date | None = None
    document_type: str = ""
    document_number: str = ""
    address: str = ""
    consent: bool = False


def check_card(card: RegistrationCard, today: date) -> RegistrationCard:
    """Trim and check every field; one error naming each bad field (pure)."""
    errors: dict[str, str] = {}
    nationality = card.nationality.strip().upper()
    number = card.document_number.strip()
    address = card.address.strip()
    if not re.fullmatch(r"[A-Z]{2}", nationality):
        errors["nationality"] = "a two-letter country code, e.g. PT"
    dob = card.date_of_birth
    if dob is None:
        errors["date_of_birth"] = "is required"
    elif dob >= today:
        errors["date_of_birth"] = "must be in the past"
    elif dob.year < today.year - MAX_AGE_YEARS:
        errors["date_of_birth"] = "is too far in the past"
    if card.document_type not in DOCUMENT_TYPES:
        errors["document_type"] = "passport, ID card or driving licence"
    if not 3 <= len(number) <= 30:
        errors["document_number"] = "must be 3 to 30 characters"
    elif not DOCUMENT_NUMBER_RE.match(number):
        errors["document_number"] = "letters, digits, spaces, '.', '/' or '-' only"
    if not 5 <= len(address) <= 300:
        errors["address"] = "the guest's home address (5 to 300 characters)"
    if not card.consent:
        errors["consent"] = "the guest must accept the registration terms"
    if errors:
        raise ValidationFailed("The registration card is incomplete: " + ", ".join(
            f"{k.replace('_', ' ')} {v}" for k, v in errors.items()) + ".", fields=errors,
            code="invalid_registration")
    return RegistrationCard(nationality=nationality, date_of_birth=dob,
                            document_type=card.document_type, document_number=number,
                            address=address, consent=True)


def get_registration(uow: UnitOfWork, reservation_id: uuid.UUID) -> OnlineCheckIn | None:
    """The stay's card (online or at the desk), or None; personal data, so the desk only."""
    uow.actor.require(PERMISSION)
    return uow.session.exec(select(OnlineCheckIn).where(
        OnlineCheckIn.reservation_id == reservation_id)).first()


def record_registration(uow: UnitOfWork, reservation_id: uuid.UUID,
                        data: RegistrationCard | dict) -> OnlineCheckIn:
    """Save the stay's registration card (creating or completing it); nothing is stored if any
    field is refused. Audited and announced without the personal details themselves."""
    uow.actor.require(PERMISSION)
    card = data if isinstance(data, RegistrationCard) else _parse(data)
    res = get_reservation(uow, reservation_id)
    if res.status not in OPEN_STATUSES:
        raise ValidationFailed(f"A {res.status.replace('_', ' ')} stay takes no registration.",
                               fields={"reservation_id": res.status},
                               code="registration_not_open")
    clean = check_card(card, local_today(get_settings_row(uow.session).timezone))
    row = get_registration(uow, res.id)
    created = row is None
    if row is None:  # arrival time is the online check-in's question; the guest is here
        row = OnlineCheckIn(reservation_id=res.id, address="", nationality="",
                            document_type="", arrival_time="")
    changed = sorted(k for k in ("nationality", "date_of_birth", "document_type",
                                 "document_number", "address")
                     if getattr(row, k) != getattr(clean, k))
    row.nationality, row.date_of_birth = clean.nationality, clean.date_of_birth
    row.document_type, row.document_number = clean.document_type, clean.document_number
    row.address, row.consent_at, row.updated_at = clean.address, utcnow(), utcnow()
    uow.session.add(row)
    uow.session.flush()
    # Field names only: the audit log and event streams must not carry ID or address details.
    audit.record(uow, "reservations.registration", "reservation", res.id,
                 summary=f"Registration card {'taken' if created else 'updated'} (arrival "
                         f"{res.arrival.isoformat()})", changes={"fields": changed})
    uow.record_event("reservations", "reservation.registration_recorded", res.id,
                     {"guest_id": res.guest_id, "consent": True})
    return row


def _parse(data: dict) -> RegistrationCard:
    """A form's strings: a blank or malformed date is named, not a crash."""
    raw = {k: data.get(k) for k in RegistrationCard.model_fields if data.get(k) is not None}
    dob = raw.pop("date_of_birth", None)
    if isinstance(dob, str):
        try:
            dob = date.fromisoformat(dob.strip()) if dob.strip() else None
        except ValueError:
            raise ValidationFailed("The date of birth is not a date.",
                                   fields={"date_of_birth": "use YYYY-MM-DD"},
                                   code="invalid_registration") from None
    consent = raw.pop("consent", False)
    if isinstance(consent, str):
        consent = consent.strip().lower() in {"on", "true", "yes", "1"}
    return RegistrationCard(**{k: str(v) for k, v in raw.items()}, date_of_birth=dob,
                            consent=bool(consent))
