"""State of the tenant admin overview: every chain with its properties and their status."""

from __future__ import annotations

import reflex as rx

from core.tenancy.registry import list_chains, list_properties


class OverviewState(rx.State):
    chains: list[dict] = []
    property_count: int = 0
    loaded: bool = False
    error: str = ""

    @rx.event
    def load(self):
        try:
            chains = list_chains()
            props = list_properties()
        except Exception:  # noqa: BLE001 - an operator must see the registry is down
            self.error = "The control-plane database cannot be reached."
            self.loaded = True
            return
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
        self.error = ""
        self.loaded = True
