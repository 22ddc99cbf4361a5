"""Hotel staff with their real role permissions, and running a service as one of them against a
res_support hotel: shared by the housekeeping and maintenance tests."""

from __future__ import annotations

import uuid

import pytest

from core.actor import Actor
from core.errors import DomainError
from core.identity.permissions import ROLE_PERMISSIONS


def staff(role: str, name: str) -> Actor:
    """A staff member holding exactly `role`'s permissions from the catalogue."""
    return Actor(kind="staff", user_id=uuid.uuid4(), name=name,
                 permissions=ROLE_PERMISSIONS[role])


DESK = staff("front_desk", "Fran Frontdesk")
SUPERVISOR = staff("housekeeping_supervisor", "Sam Supervisor")
MARIA = staff("housekeeper", "Maria Attendant")
JOAO = staff("housekeeper", "Joao Attendant")
TECH = staff("maintenance", "Tom Technician")
GM = staff("general_manager", "Gil Manager")


def run_as(hotel, actor: Actor, fn, *args, **kwargs):
    """Call the service `fn` as `actor` in one committed unit of work; return what it returns."""
    with hotel.uow(actor) as uow:
        out = fn(uow, *args, **kwargs)
        uow.commit()
    return out


def refusal(hotel, actor: Actor, fn, *args, **kwargs) -> DomainError:
    """Call the service `fn` as `actor`, expecting it to refuse; return the DomainError raised."""
    with hotel.uow(actor) as uow, pytest.raises(DomainError) as err:
        fn(uow, *args, **kwargs)
        uow.commit()
    return err.value
