"""The permission catalogue and which roles hold which permissions (data, not code)."""

from __future__ import annotations

PERMISSIONS: dict[str, str] = {
    "reservations.view": "See reservations, arrivals, departures and the tape chart",
    "reservations.create": "Create reservations and walk-ins",
    "reservations.modify": "Change dates, guests, rates and remarks of a reservation",
    "reservations.notes": "Add notes to a reservation and edit one's own",
    "reservations.cancel": "Cancel a reservation",
    "reservations.check_in": "Check guests in",
    "reservations.check_out": "Check guests out",
    "reservations.assign_room": "Assign, move and upgrade rooms",
    "reservations.no_show": "Mark a reservation as no-show",
    "blocks.manage": "Create and change group blocks and allotments",
    "setup.manage": "Set up room types, rooms, taxes and property details",
    "rates.manage": "Change rate plans, prices, restrictions and promotions",
    "folio.view": "See folios and postings",
    "folio.post_charge": "Post charges to a folio",
    "folio.take_payment": "Take payments and deposits",
    "folio.refund": "Refund payments",
    "folio.transfer": "Move postings between folios and to the city ledger",
    "folio.invoice": "Issue invoices and credit notes",
    "night_audit.run": "Run the night audit and roll the business date",
    "housekeeping.view": "See the room status board and cleaning tasks",
    "housekeeping.update_status": "Change a room's housekeeping status",
    "housekeeping.assign": "Assign cleaning tasks to attendants",
    "housekeeping.inspect": "Inspect cleaned rooms",
    "maintenance.view": "See work orders",
    "maintenance.create": "Report work orders and put rooms out of order",
    "maintenance.update": "Work on, reassign and close work orders",
    "guest_services.manage": "Handle requests, transfers, incidents and lost & found",
    "content.edit": "Edit booking-site pages and media",
    "content.publish": "Publish booking-site content",
    "reports.view": "See reports and KPIs",
    "audit.view": "Read the audit log",
    "users.manage": "Create, disable and unlock users; grant and revoke roles",
    "properties.manage": "Create and configure properties of the chain",
    "brand.manage": "Change the chain's brand settings",
    "jobs.manage": "See and re-run background jobs and backups",
    "webhooks.manage": "Configure webhooks and integrations",
    "chat.use": "Use the team chat",
}

ALL = frozenset(PERMISSIONS)


def _with_prefix(*prefixes: str) -> frozenset[str]:
    return frozenset(p for p in PERMISSIONS if p.startswith(prefixes))


_FRONT_DESK = frozenset({
    "reservations.view", "reservations.create", "reservations.modify", "reservations.notes",
    "reservations.cancel", "reservations.check_in", "reservations.check_out",
    "reservations.assign_room", "reservations.no_show", "folio.view", "folio.post_charge", "folio.take_payment",
    "folio.transfer", "housekeeping.view", "maintenance.view", "maintenance.create",
    "guest_services.manage", "chat.use",
})
_OPERATOR_ONLY = frozenset({"properties.manage", "brand.manage"})

ROLES: dict[str, str] = {
    "chain_operator": "Runs the chain: every property, users, brand and jobs",
    "owner": "Owns the property: everything at it",
    "general_manager": "Runs the property: everything at it",
    "front_desk": "Front office agent",
    "night_auditor": "Runs the night audit and covers the desk at night",
    "housekeeping_supervisor": "Assigns and inspects cleaning",
    "housekeeper": "Cleans rooms and reports problems",
    "maintenance": "Works on maintenance work orders",
    "guest_services": "Concierge and guest requests",
    "revenue_manager": "Rates, restrictions, blocks and reports",
    "marketing": "Booking-site content and reports",
    "accountant": "Folios, invoices and financial reports",
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "chain_operator": ALL,
    "owner": ALL - _OPERATOR_ONLY,
    "general_manager": ALL - _OPERATOR_ONLY,
    "front_desk": _FRONT_DESK,
    "night_auditor": _FRONT_DESK | {"night_audit.run", "folio.invoice", "reports.view"},
    "housekeeping_supervisor": _with_prefix("housekeeping.")
    | {"maintenance.view", "maintenance.create", "reservations.view", "reservations.notes",
       "chat.use"},
    "housekeeper": frozenset({"housekeeping.view", "housekeeping.update_status",
                              "maintenance.create", "chat.use"}),
    "maintenance": _with_prefix("maintenance.") | {"housekeeping.view", "chat.use"},
    "guest_services": frozenset({"guest_services.manage", "reservations.view",
                                 "reservations.notes", "maintenance.create", "housekeeping.view",
                                 "chat.use"}),
    "revenue_manager": frozenset({"rates.manage", "blocks.manage", "reports.view",
                                  "reservations.view", "chat.use"}),
    "marketing": _with_prefix("content.") | {"reports.view", "rates.manage", "chat.use"},
    "accountant": _with_prefix("folio.") | {"reports.view", "night_audit.run",
                                           "reservations.view", "reservations.notes",
                                           "audit.view", "chat.use"},
}

# Roles granted for a whole chain rather than one property.
CHAIN_ROLES = frozenset({"chain_operator"})

# Roles that must use MFA unless a chain's settings say otherwise.
DEFAULT_MFA_REQUIRED_ROLES = frozenset({"chain_operator", "owner", "general_manager", "accountant"})


def permissions_for(roles: set[str] | frozenset[str] | list[str]) -> frozenset[str]:
    """The union of the permissions of `roles` (unknown role names give nothing)."""
    perms: frozenset[str] = frozenset()
    for role in roles:
        perms |= ROLE_PERMISSIONS.get(role, frozenset())
    return perms


assert set(ROLE_PERMISSIONS) == set(ROLES), "every role needs a permission set"
assert all(p <= ALL for p in ROLE_PERMISSIONS.values()), "roles may only hold catalogued permissions"
