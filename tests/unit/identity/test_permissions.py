"""The role × permission matrix: what each role may and may not do, and Actor enforcement."""

from __future__ import annotations

import pytest

from core.actor import Actor
from core.errors import PermissionDenied
from core.identity.permissions import (
    ALL,
    CHAIN_ROLES,
    DEFAULT_MFA_REQUIRED_ROLES,
    PERMISSIONS,
    ROLE_PERMISSIONS,
    ROLES,
    permissions_for,
)

ISSUE_ROLES = {"chain_operator", "owner", "general_manager", "front_desk", "night_auditor",
               "housekeeping_supervisor", "housekeeper", "maintenance", "guest_services",
               "revenue_manager", "marketing", "accountant"}
# Names other packages call actor.require() with: renaming one breaks them silently.
REQUIRED = {
    "reservations.view", "reservations.create", "reservations.modify", "reservations.notes",
    "reservations.cancel", "reservations.check_in", "reservations.check_out", "reservations.assign_room",
    "reservations.no_show", "blocks.manage", "setup.manage", "rates.manage", "folio.view",
    "folio.post_charge", "folio.take_payment", "folio.refund", "folio.transfer", "folio.invoice",
    "night_audit.run", "housekeeping.view", "housekeeping.update_status", "housekeeping.assign",
    "housekeeping.inspect", "maintenance.view", "maintenance.create", "maintenance.update",
    "guest_services.manage", "content.edit", "content.publish", "reports.view", "audit.view",
    "users.manage", "properties.manage", "brand.manage", "jobs.manage", "webhooks.manage",
    "chat.use",
}

# (role, permission, allowed): the rules a hotel would notice if they were wrong.
MATRIX = [
    ("front_desk", "reservations.check_in", True),
    ("front_desk", "folio.take_payment", True),
    ("front_desk", "folio.refund", False),
    ("front_desk", "rates.manage", False),
    ("front_desk", "night_audit.run", False),
    ("front_desk", "users.manage", False),
    ("night_auditor", "night_audit.run", True),
    ("night_auditor", "folio.invoice", True),
    ("housekeeper", "housekeeping.update_status", True),
    ("housekeeper", "housekeeping.inspect", False),
    ("housekeeper", "reservations.view", False),
    ("housekeeper", "folio.view", False),
    ("housekeeping_supervisor", "housekeeping.inspect", True),
    ("housekeeping_supervisor", "housekeeping.assign", True),
    ("maintenance", "maintenance.update", True),
    ("maintenance", "reservations.create", False),
    ("guest_services", "guest_services.manage", True),
    ("guest_services", "folio.post_charge", False),
    # Concierge leaves notes on a stay but cannot change its dates or rate.
    ("guest_services", "reservations.notes", True),
    ("guest_services", "reservations.modify", False),
    ("housekeeper", "reservations.notes", False),
    ("revenue_manager", "reservations.notes", False),
    ("revenue_manager", "rates.manage", True),
    ("revenue_manager", "blocks.manage", True),
    ("revenue_manager", "folio.refund", False),
    ("marketing", "content.publish", True),
    ("marketing", "reservations.create", False),
    ("accountant", "folio.refund", True),
    ("accountant", "audit.view", True),
    ("accountant", "reservations.check_in", False),
    ("general_manager", "users.manage", True),
    ("general_manager", "audit.view", True),
    ("general_manager", "properties.manage", False),
    ("owner", "folio.refund", True),
    ("owner", "brand.manage", False),
    ("chain_operator", "properties.manage", True),
    ("chain_operator", "brand.manage", True),
]


def test_the_issue_roles_and_permission_names_all_exist():
    assert set(ROLES) == ISSUE_ROLES
    assert REQUIRED <= set(PERMISSIONS)
    assert all(PERMISSIONS[p] for p in PERMISSIONS)  # every permission is described
    assert CHAIN_ROLES == {"chain_operator"}
    assert DEFAULT_MFA_REQUIRED_ROLES == {"chain_operator", "owner", "general_manager", "accountant"}


@pytest.mark.parametrize(("role", "permission", "allowed"), MATRIX)
def test_role_permission_matrix(role, permission, allowed):
    actor = Actor(kind="staff", permissions=ROLE_PERMISSIONS[role])
    assert actor.can(permission) is allowed
    if allowed:
        actor.require(permission)
    else:
        with pytest.raises(PermissionDenied) as err:
            actor.require(permission)
        assert permission in err.value.message


def test_every_permission_is_held_by_some_property_role_or_the_operator():
    held = set().union(*ROLE_PERMISSIONS.values())
    assert held == ALL
    assert ROLE_PERMISSIONS["chain_operator"] == ALL


def test_a_user_with_two_roles_gets_the_union():
    perms = permissions_for({"housekeeper", "revenue_manager"})
    assert {"housekeeping.update_status", "rates.manage"} <= perms
    assert "folio.refund" not in perms
    assert permissions_for({"no_such_role"}) == frozenset()
