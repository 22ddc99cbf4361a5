"""My stay: online check-in (details, private ID scan, arrival time, consent), service requests
that reach the desk live, and the folio, for a guest who proved the booking is theirs."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

from core.db.uow import UnitOfWork, property_uow
from core.errors import ValidationFailed
from core.folio.services import reservation_folios
from core.guest_requests.models import GuestRequest, RequestCategory
from core.guest_requests.schemas import GuestRequestCreate
from core.guest_requests.services import create_request
from core.media.storage import store_upload
from core.reservations import rules as res_rules
from core.reservations.models import Reservation
from core.site.actors import booking_owner_actor
from core.site.formatting import day, money
from core.site.manage import OwnerProof, own_reservation, verify
from core.site.models import OnlineCheckIn
from core.timeutil import utcnow

ID_OWNER_TYPE = "guest_id_document"  # the desk's ID documents list reads this owner type
ID_VIEW_PERMISSION = "reservations.check_in"
DOCUMENT_TYPES = ("passport", "id_card", "driving_licence")
GUEST_CATEGORIES = tuple(c.value for c in RequestCategory)
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
CHECK_IN_STATUSES = ("confirmed",)


@dataclass(frozen=True)
class CheckInDetails:
    address: str
    nationality: str
    document_type: str
    arrival_time: str
    consent: bool


def check_details(d: CheckInDetails) -> CheckInDetails:
    errors: dict[str, str] = {}
    if not 5 <= len(d.address.strip()) <= 300:
        errors["address"] = "give your home address"
    if not re.fullmatch(r"[A-Za-z]{2}", d.nationality.strip()):
        errors["nationality"] = "a two-letter country code, e.g. PT"
    if d.document_type not in DOCUMENT_TYPES:
        errors["document_type"] = "passport, ID card or driving licence"
    if not TIME_RE.match(d.arrival_time.strip()):
        errors["arrival_time"] = "a time such as 16:30"
    if not d.consent:
        errors["consent"] = "please accept to check in online"
    if errors:
        raise ValidationFailed("Please check your details: " + "; ".join(
            f"{k.replace('_', ' ')} {v}" for k, v in errors.items()) + ".", fields=errors,
            code="invalid_check_in")
    return CheckInDetails(d.address.strip(), d.nationality.strip().upper(), d.document_type,
                          d.arrival_time.strip(), True)


def stay_view(property_id: uuid.UUID, proof: OwnerProof, locale: str) -> list[dict[str, Any]]:
    """Each room of the booking with its online check-in state, requests and folio."""
    with property_uow(property_id, booking_owner_actor(property_id, proof.reference,
                                                        ip=proof.ip), write=False) as uow:
        return _stay_view(uow, proof, locale)


def _stay_view(uow: UnitOfWork, proof: OwnerProof, locale: str) -> list[dict[str, Any]]:
    booking = verify(uow, proof)
    rows = uow.session.exec(select(Reservation).where(Reservation.booking_id == booking.id)
                            .order_by(col(Reservation.arrival))).all()
    done = {c.reservation_id for c in uow.session.exec(select(OnlineCheckIn).where(
        col(OnlineCheckIn.reservation_id).in_([r.id for r in rows])))} if rows else set()
    out = []
    for r in rows:
        requests = uow.session.exec(select(GuestRequest).where(GuestRequest.reservation_id == r.id)
                                    .order_by(col(GuestRequest.created_at))).all()
        folios = reservation_folios(uow, r.id)
        lines = [{"date": day(p.business_date, locale), "description": p.description,
                  "amount": money(p.amount, p.currency, locale)}
                 for f in folios for p in f.postings]
        balance = sum((f.balance for f in folios), 0)
        out.append({
            "id": str(r.id), "status": r.status, "arrival": day(r.arrival, locale),
            "departure": day(r.departure, locale),
            "can_check_in": r.status in CHECK_IN_STATUSES and r.id not in done,
            "checked_in_online": r.id in done,
            "requests": [{"category": q.category, "description": q.description,
                          "status": q.status} for q in requests],
            "folio": lines, "balance": money(balance, r.currency, locale),
        })
    return out


def check_in_online(property_id: uuid.UUID, proof: OwnerProof, reservation_id: uuid.UUID,
                    details: CheckInDetails, id_document: bytes | None = None,
                    filename: str | None = None) -> None:
    """Record the guest's registration and their ID scan (stored privately for the desk)."""
    clean = check_details(details)
    with property_uow(property_id, booking_owner_actor(property_id, proof.reference,
                                                        ip=proof.ip)) as uow:
        res = own_reservation(uow, proof, reservation_id)
        if not res_rules.can_transition(res.status, "checked_in"):
            raise ValidationFailed("This stay cannot be checked in online.",
                                   fields={"reservation_id": res.status},
                                   code="check_in_not_open")
        existing = uow.session.exec(select(OnlineCheckIn).where(
            OnlineCheckIn.reservation_id == res.id)).first()
        row = existing or OnlineCheckIn(reservation_id=res.id, address="", nationality="",
                                        document_type="", arrival_time="")
        media_id = row.id_media_id
        if id_document:
            media_id = store_upload(uow, id_document, filename=filename,
                                    view_permission=ID_VIEW_PERMISSION,
                                    owner_type=ID_OWNER_TYPE, owner_id=res.guest_id).id
        row.address, row.nationality = clean.address, clean.nationality
        row.document_type, row.arrival_time = clean.document_type, clean.arrival_time
        row.id_media_id, row.consent_at, row.updated_at = media_id, utcnow(), utcnow()
        uow.session.add(row)
        uow.session.flush()
        # No address or document details in the event: streams and webhooks must not carry them.
        uow.record_event("reservations", "reservation.checked_in_online", res.id,
                         {"arrival_time": clean.arrival_time, "id_document": bool(media_id)})
        uow.commit()


def request_service(property_id: uuid.UUID, proof: OwnerProof, reservation_id: uuid.UUID, *,
                    category: str, description: str, idempotency_key: str | None = None
                    ) -> None:
    """A guest's request (towels, late check-out, ...): the desk sees it live."""
    if category not in GUEST_CATEGORIES:
        raise ValidationFailed("Choose what the request is about.",
                               fields={"category": ", ".join(GUEST_CATEGORIES)},
                               code="invalid_guest_request")
    with property_uow(property_id, booking_owner_actor(property_id, proof.reference,
                                                        ip=proof.ip)) as uow:
        res = own_reservation(uow, proof, reservation_id)
        create_request(uow, GuestRequestCreate(
            reservation_id=res.id, category=category, description=description[:4000]),
            idempotency_key=idempotency_key)
        uow.commit()
