"""Per-chain settings: who must use MFA, session timeouts, single sign-on, and brand."""

from __future__ import annotations

import re
import uuid
from typing import Any

from core import audit
from core.db.uow import UnitOfWork
from core.errors import NotFound, ValidationFailed
from core.identity.crypto import encrypt
from core.identity.models import ChainSettings
from core.identity.permissions import DEFAULT_MFA_REQUIRED_ROLES, ROLES
from core.tenancy.models import Chain
from core.timeutil import utcnow

BRAND_FIELDS = ("brand_display_name", "brand_primary_color", "brand_accent_color", "brand_font",
                "brand_logo_url", "brand_support_email")
# Fonts a brand may choose, as CSS stacks of fonts every device has: the suite runs offline and a
# guest's browser must not fetch fonts from a third party to show a hotel's site.
BRAND_FONTS = {
    "modern": "Inter, ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    "classic": "Georgia, Cambria, 'Times New Roman', Times, serif",
    "elegant": "'Palatino Linotype', Palatino, 'Book Antiqua', Georgia, serif",
    "rounded": "'Trebuchet MS', 'Segoe UI', Verdana, system-ui, sans-serif",
    "compact": "'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
}
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def _chain_in_scope(uow: UnitOfWork, chain_id: uuid.UUID) -> None:
    actor = uow.actor
    if uow.session.get(Chain, chain_id) is None or not (
            actor.is_superuser or actor.chain_id == chain_id):
        raise NotFound("Chain not found.", fields={"chain_id": "no such chain"})


def get_settings_row(uow: UnitOfWork, chain_id: uuid.UUID) -> ChainSettings:
    """The chain's settings (unsaved defaults when it has none yet). Readable by its own staff."""
    _chain_in_scope(uow, chain_id)
    row = uow.session.get(ChainSettings, chain_id)
    return row or ChainSettings(chain_id=chain_id,
                                mfa_required_roles=sorted(DEFAULT_MFA_REQUIRED_ROLES))


def _save(uow: UnitOfWork, row: ChainSettings, action: str, changes: dict[str, Any]) -> None:
    row.updated_at = utcnow()
    uow.session.add(row)
    audit.record(uow, action, "chain", row.chain_id, f"Changed {', '.join(changes)}", changes)


def update_security(uow: UnitOfWork, chain_id: uuid.UUID, *,
                    mfa_required_roles: list[str] | None = None,
                    browser_idle_minutes: int | None = None,
                    browser_absolute_hours: int | None = None) -> ChainSettings:
    uow.actor.require("users.manage")
    row = get_settings_row(uow, chain_id)
    fields: dict[str, str] = {}
    changes: dict[str, Any] = {}
    if mfa_required_roles is not None:
        unknown = sorted(set(mfa_required_roles) - set(ROLES))
        if unknown:
            fields["mfa_required_roles"] = f"not roles: {', '.join(unknown)}"
        changes["mfa_required_roles"] = [row.mfa_required_roles, sorted(set(mfa_required_roles))]
        row.mfa_required_roles = sorted(set(mfa_required_roles))
    if browser_idle_minutes is not None:
        if not 5 <= browser_idle_minutes <= 24 * 60:
            fields["browser_idle_minutes"] = "must be between 5 and 1440"
        changes["browser_idle_minutes"] = [row.browser_idle_minutes, browser_idle_minutes]
        row.browser_idle_minutes = browser_idle_minutes
    if browser_absolute_hours is not None:
        if not 1 <= browser_absolute_hours <= 24 * 30:
            fields["browser_absolute_hours"] = "must be between 1 and 720"
        changes["browser_absolute_hours"] = [row.browser_absolute_hours, browser_absolute_hours]
        row.browser_absolute_hours = browser_absolute_hours
    if fields:
        raise ValidationFailed("The security settings are not valid.", fields=fields)
    _save(uow, row, "chain.update_security", changes)
    return row


def update_oidc(uow: UnitOfWork, chain_id: uuid.UUID, *, enabled: bool, issuer: str | None,
                client_id: str | None, client_secret: str | None = None) -> ChainSettings:
    """Configure single sign-on. The secret is stored encrypted; None keeps the current one."""
    uow.actor.require("users.manage")
    row = get_settings_row(uow, chain_id)
    fields = {}
    if enabled and not (issuer or "").startswith(("https://", "http://")):
        fields["issuer"] = "enter the provider's issuer URL"
    if enabled and not client_id:
        fields["client_id"] = "is required"
    if enabled and not (client_secret or row.oidc_client_secret):
        fields["client_secret"] = "is required"
    if fields:
        raise ValidationFailed("The single sign-on settings are not valid.", fields=fields)
    row.oidc_enabled, row.oidc_issuer, row.oidc_client_id = enabled, issuer, client_id
    if client_secret:
        row.oidc_client_secret = encrypt(client_secret)
    _save(uow, row, "chain.update_sso", {"enabled": enabled, "issuer": issuer,
                                         "client_id": client_id})
    return row


def update_brand(uow: UnitOfWork, chain_id: uuid.UUID, **brand: str | None) -> ChainSettings:
    """Change brand fields (display name, #rrggbb colours, font key, logo URL, support email)."""
    uow.actor.require("brand.manage")
    row = get_settings_row(uow, chain_id)
    fields = {}
    unknown = set(brand) - {f.removeprefix("brand_") for f in BRAND_FIELDS}
    for name in unknown:
        fields[name] = "is not a brand setting"
    for name in ("primary_color", "accent_color"):
        color = brand.get(name)
        if color and not COLOR_RE.match(color):
            fields[name] = "use a colour like #1a2b3c"
    font = brand.get("font")
    if font and font not in BRAND_FONTS:
        fields["font"] = f"choose one of: {', '.join(BRAND_FONTS)}"
    logo = brand.get("logo_url")
    if logo and not logo.startswith(("https://", "http://", "/")):
        fields["logo_url"] = "must be a web address"
    email = brand.get("support_email")
    if email and "@" not in email:
        fields["support_email"] = "enter an address like help@example.com"
    if fields:
        raise ValidationFailed("The brand settings are not valid.", fields=fields)
    changes = {}
    for name, value in brand.items():
        attr = f"brand_{name}"
        value = (value or "").strip() or None
        changes[name] = [getattr(row, attr), value]
        setattr(row, attr, value)
    _save(uow, row, "chain.update_brand", changes)
    return row
