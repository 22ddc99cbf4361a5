"""Demo staff: one login per role at each property, a chain operator, and a multi-property agent."""

from __future__ import annotations

from core.actor import Actor
from core.db.uow import control_uow
from core.demo.catalog import CHAIN_ID, HOTELS
from core.identity.chain_settings import update_security
from core.identity.grants import ensure_user
from core.identity.permissions import CHAIN_ROLES, ROLES

# One password for every demo login, listed in the README. Never used outside the demo chain.
DEMO_PASSWORD = "harbour-lights-2026"
DOMAIN = "atlantic-hotels.example"

SHORT = {"chain_operator": "operator", "general_manager": "gm", "front_desk": "desk",
         "night_auditor": "audit", "housekeeping_supervisor": "hk-supervisor",
         "housekeeper": "housekeeper", "maintenance": "maintenance",
         "guest_services": "concierge", "revenue_manager": "revenue", "marketing": "marketing",
         "accountant": "accounts", "owner": "owner"}


def staff_accounts() -> list[tuple[str, str, str, str | None]]:
    """(email, name, role, property key or None for chain roles), in a stable order."""
    rows: list[tuple[str, str, str, str | None]] = [
        (f"operator@{DOMAIN}", "Olga Operator", "chain_operator", None)]
    for hotel in HOTELS:
        for role in ROLES:
            if role in CHAIN_ROLES:
                continue
            title = role.replace("_", " ").title()
            rows.append((f"{SHORT[role]}.{hotel.key}@{DOMAIN}", f"{title} ({hotel.name})",
                         role, hotel.key))
    return rows


def seed_staff() -> int:
    """Create every demo login. The demo chain does not require MFA, so a newcomer can sign in
    with just the listed password; real chains keep the default (MFA for operators, owners,
    general managers and accountants)."""
    with control_uow(Actor.system("demo-seed")) as uow:
        update_security(uow, CHAIN_ID, mfa_required_roles=[])
        uow.commit()
    hotel_ids = {h.key: h.id for h in HOTELS}
    for email, name, role, key in staff_accounts():
        grant = (role, None, CHAIN_ID) if key is None else (role, hotel_ids[key], None)
        ensure_user(email, name, DEMO_PASSWORD, [grant], chain_id=CHAIN_ID)
    # One agent who works the desk at both hotels (shows the property switcher).
    ensure_user(f"desk@{DOMAIN}", "Dora Desk (both hotels)", DEMO_PASSWORD,
                [("front_desk", h.id, None) for h in HOTELS], chain_id=CHAIN_ID)
    return len(staff_accounts()) + 1


def demo_logins() -> list[str]:
    lines = [f"Demo logins (password for all: {DEMO_PASSWORD}):",
             f"  operator@{DOMAIN}        chain operator (tenant admin)",
             f"  desk@{DOMAIN}            front desk at both hotels"]
    for hotel in HOTELS:
        lines.append(f"  <role>.{hotel.key}@{DOMAIN}   {hotel.name}: desk, gm, audit, "
                     "hk-supervisor, housekeeper, maintenance, concierge, revenue, marketing, "
                     "accounts, owner")
    return lines
