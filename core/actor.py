"""Who is acting: the identity and permissions every service checks before it changes data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from core.errors import PermissionDenied


@dataclass(frozen=True)
class Actor:
    """The caller of a service, resolved by the identity layer from a session or a token.

    `permissions` are the caller's permissions at `property_id` (or chain-wide for operators).
    Services call `actor.require("reservations.create")`; the UI only hides what this refuses.
    """

    kind: str  # "staff" | "guest" | "system" | "api"
    user_id: uuid.UUID | None = None
    name: str = ""
    property_id: uuid.UUID | None = None
    chain_id: uuid.UUID | None = None
    permissions: frozenset[str] = field(default_factory=frozenset)
    session_id: str | None = None
    ip: str | None = None
    user_agent: str | None = None
    is_superuser: bool = False

    def can(self, permission: str) -> bool:
        return self.is_superuser or permission in self.permissions

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise PermissionDenied(
                f"You do not have permission to do this ({permission}).",
                code="forbidden",
            )

    @classmethod
    def system(cls, name: str = "system") -> Actor:
        """Background jobs, migrations and demo seeding: everything is allowed, and audited as such."""
        return cls(kind="system", name=name, is_superuser=True)
