"""The actors the public booking site acts as: never staff, never a superuser."""

from __future__ import annotations

import uuid

from core.actor import Actor

# What an anonymous visitor may do through the booking site: book, and nothing else.
PUBLIC_BOOKING_PERMISSIONS = frozenset({"reservations.create"})
# What a guest may do to their own booking once they proved they own it (reference + last
# name or email): read it, change it, cancel it, check in online and ask for services.
BOOKING_OWNER_PERMISSIONS = frozenset({"reservations.view", "reservations.modify",
                                       "reservations.cancel", "guest_services.manage",
                                       "folio.view"})


def public_booking_actor(property_id: uuid.UUID, *, ip: str | None = None,
                         user_agent: str | None = None) -> Actor:
    return Actor(kind="guest", name="Booking site", property_id=property_id,
                 permissions=PUBLIC_BOOKING_PERMISSIONS, ip=ip, user_agent=user_agent)


def booking_owner_actor(property_id: uuid.UUID, reference: str, *, ip: str | None = None) -> Actor:
    """Only for use after core.site.manage verified the guest owns `reference`."""
    return Actor(kind="guest", name=f"Guest (booking {reference})", property_id=property_id,
                 permissions=BOOKING_OWNER_PERMISSIONS, ip=ip)
