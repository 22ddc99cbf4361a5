"""Brand page: the chain's name, colour, logo and support address that the booking site uses."""

from __future__ import annotations

import reflex as rx

from core.identity.chain_settings import BRAND_FIELDS, BRAND_FONTS, get_settings_row, update_brand
from tenant_admin.state.base import AdminState

NAMES = [f.removeprefix("brand_") for f in BRAND_FIELDS]


class BrandState(AdminState):
    brand: dict[str, str] = {}
    loaded: bool = False
    fonts: list[dict[str, str]] = [{"key": k, "stack": v} for k, v in BRAND_FONTS.items()]

    @rx.var
    def font_stack(self) -> str:
        return BRAND_FONTS.get(self.brand.get("font", ""), "")

    @rx.event
    def load(self):
        redirect = self._check_session()
        if redirect:
            return redirect
        self._fill()
        return None

    def _fill(self) -> None:
        actor = self._chain_actor()
        row = self._read(get_settings_row, actor.chain_id)
        self.brand = {name: getattr(row, f"brand_{name}") or "" for name in NAMES}
        self.loaded = True

    @rx.event
    def save(self, form: dict):
        actor = self._chain_actor()
        values = {name: form.get(name, "") for name in NAMES}
        if self._run(update_brand, actor.chain_id, notice="Brand settings saved.",
                     **values) is not None:
            self._fill()
        else:
            self.brand = values  # keep what was typed next to the messages
