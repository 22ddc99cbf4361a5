"""Registration card on the reservation page: the guest's details and consent, before or at check-in."""

from __future__ import annotations

import uuid

import reflex as rx

from core.errors import DomainError
from core.guests.registration import OPEN_STATUSES, get_registration, record_registration
from core.reservations.queries import get_reservation
from core.site.portal import DOCUMENT_TYPES
from pms_app.state.base import PmsState

FIELDS = ("nationality", "date_of_birth", "document_type", "document_number", "address")
DOCUMENT_LABELS = {"passport": "Passport", "id_card": "ID card",
                   "driving_licence": "Driving licence"}


def _card(uow, reservation_id: uuid.UUID) -> tuple[str, dict[str, str], bool]:
    """(stay status, the card's fields as text, whether consent was given) in one read."""
    res = get_reservation(uow, reservation_id)
    row = get_registration(uow, reservation_id)
    values = {k: "" for k in FIELDS}
    if row is not None:
        values.update(nationality=row.nationality, document_type=row.document_type,
                      document_number=row.document_number or "", address=row.address,
                      date_of_birth=row.date_of_birth.isoformat() if row.date_of_birth else "")
    return res.status, values, row is not None and bool(row.document_number)


class RegistrationState(PmsState):
    reservation_id: str = ""
    open: bool = False  # the stay can take a card now and this user may take it
    values: dict[str, str] = {k: "" for k in FIELDS}
    complete: bool = False  # the desk has taken the full card (not only the online part)
    card_error: str = ""
    card_errors: dict[str, str] = {}
    card_notice: str = ""
    document_types: list[dict[str, str]] = [
        {"value": t, "label": DOCUMENT_LABELS.get(t, t)} for t in DOCUMENT_TYPES]

    @rx.event
    def load(self):
        redirect, actor = self._session()
        if redirect is not None:
            return redirect
        self.reservation_id = self.rx_router_page.params.get("rid", "")
        self.card_error, self.card_errors, self.card_notice = "", {}, ""
        self.open = False
        if not self._can("reservations.check_in"):
            return None  # personal data: the card is not shown, and the service refuses it
        try:
            status, self.values, self.complete = self._read_as(
                actor, _card, uuid.UUID(self.reservation_id))
        except (DomainError, ValueError):
            return None  # the reservation page itself says the reservation does not exist
        self.open = status in OPEN_STATUSES
        return None

    @rx.event
    def save(self, form: dict):
        data = {k: str(form.get(k, "") or "") for k in FIELDS}
        data["consent"] = str(form.get("consent", "") or "")
        self.values = {k: data[k] for k in FIELDS}
        self.card_error, self.card_errors, self.card_notice = "", {}, ""
        try:
            rid = uuid.UUID(self.reservation_id)
            with self._uow(write=True) as uow:
                record_registration(uow, rid, data)
                uow.commit()
        except ValueError:
            self.card_error = "This reservation does not exist."
            return
        except DomainError as exc:
            self.card_error = exc.message
            self.card_errors = {k: str(v) for k, v in (exc.fields or {}).items()}
            return
        self.complete = True
        self.card_notice = "Registration card saved."
