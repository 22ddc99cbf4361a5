"""State of the console's properties page: the operator's chain(s) with their properties."""

from __future__ import annotations

import reflex as rx

from core.tenancy.registry import list_chains, list_properties
from tenant_admin.state.base import AdminState


class OverviewState(AdminState):
    chains: list[dict] = []
    property_count: int = 0
    loaded: bool = False

    @rx.event
    def load(self):
        redirect = self._check_session()
        if redirect:
            return redirect
        actor = self._chain_actor()
        try:
            chains = [c for c in list_chains() if actor.is_superuser or c.id == actor.chain_id]
            props = [p for p in list_properties() if any(c.id == p.chain_id for c in chains)]
        except Exception:  # noqa: BLE001 - an operator must see the registry is down
            self.error = "The control-plane database cannot be reached."
            self.loaded = True
            return None
        by_chain: dict = {c.id: [] for c in chains}
        for p in props:
            by_chain.setdefault(p.chain_id, []).append(
                {"name": p.name, "slug": p.slug, "status": p.status.value,
                 "timezone": p.timezone, "currency": p.currency}
            )
        self.chains = [
            {"name": c.name, "slug": c.slug, "properties": by_chain.get(c.id, [])}
            for c in chains
        ]
        self.property_count = len(props)
        self.loaded = True
        return None
