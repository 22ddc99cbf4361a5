"""Turning core read models into the flat string rows the PMS tables render."""

from __future__ import annotations

from core.reservations.lists import ReservationListItem

STATUS_LABELS = {"hold": "On hold", "confirmed": "Confirmed", "checked_in": "In house",
                 "checked_out": "Checked out", "cancelled": "Cancelled", "no_show": "No-show",
                 "expired": "Expired"}


def reservation_row(item: ReservationListItem) -> dict[str, str]:
    return {
        "id": str(item.id),
        "reference": item.reference,
        "guest": item.guest_name,
        "arrival": item.arrival.strftime("%d %b"),
        "departure": item.departure.strftime("%d %b"),
        "nights": str((item.departure - item.arrival).days),
        "room": item.room_number or "",
        "status": item.status,
        "status_label": STATUS_LABELS.get(item.status, item.status),
        "channel": item.channel,
        "total": f"{item.total:,.2f} {item.currency}",
        "adults": str(item.adults),
    }


def matches(row: dict[str, str], text: str) -> bool:
    """The quick filter over a Today list: guest, reference or room."""
    text = text.strip().lower()
    return not text or any(text in row[k].lower() for k in ("guest", "reference", "room"))
