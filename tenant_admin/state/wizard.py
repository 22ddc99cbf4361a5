"""The create-property wizard: details and first room types, provisioned with visible progress."""

from __future__ import annotations

import asyncio
import contextlib

import reflex as rx

from core.errors import DomainError
from core.tenancy.services import FirstRoomType, create_property
from tenant_admin.state.base import AdminState, fields_of

MAX_ROWS = 8


def _int(value: str, default: int) -> int:
    try:
        return int(str(value).strip() or default)
    except ValueError:
        return -1  # refused by the service with the row's field named


def room_types_from_form(form: dict, rows: int) -> list[FirstRoomType]:
    """The room-type rows the operator filled in (rows left blank are ignored)."""
    out = []
    for i in range(rows):
        code, name = form.get(f"rt_code_{i}", ""), form.get(f"rt_name_{i}", "")
        rooms = form.get(f"rt_rooms_{i}", "")
        if not (code.strip() or name.strip() or str(rooms).strip()):
            continue
        out.append(FirstRoomType(code=code.strip().upper(), name=name.strip(),
                                 rooms=_int(rooms, 0),
                                 max_occupancy=_int(form.get(f"rt_occupancy_{i}", ""), 2)))
    return out


class WizardState(AdminState):
    rows: list[int] = [0, 1, 2]
    running: bool = False
    steps: list[str] = []
    fraction: int = 0
    created_slug: str = ""

    @rx.event
    def load(self):
        self.running, self.steps, self.fraction, self.created_slug = False, [], 0, ""
        redirect = self._check_session()
        if redirect:
            return redirect
        if not self._can("properties.manage"):
            self.error = "Only chain operators can create properties."
        return None

    @rx.event
    def add_row(self):
        if len(self.rows) < MAX_ROWS:
            self.rows = [*self.rows, len(self.rows)]

    @rx.event(background=True)
    async def create(self, form: dict):
        async with self:
            if self.running:
                return
            self.error, self.notice, self.field_errors = "", "", {}
            try:
                actor = self._chain_actor()
            except DomainError:
                self.signed_in = False
                self.error = "Your session has ended. Please sign in again."
                return
            if actor.chain_id is None:  # a platform superuser works across chains
                self.error = "Sign in with an account of the chain the property belongs to."
                return
            chain_id = actor.chain_id
            self.running, self.steps, self.fraction, self.created_slug = True, [], 0, ""
            rows = len(self.rows)
        loop = asyncio.get_running_loop()
        updates: asyncio.Queue = asyncio.Queue()

        def progress(step: str, fraction: float) -> None:  # runs in the worker thread
            loop.call_soon_threadsafe(updates.put_nowait, (step, fraction))

        call = asyncio.ensure_future(asyncio.to_thread(
            create_property, actor, chain_id=chain_id, name=form.get("name", ""),
            slug=form.get("slug", "").strip(), timezone=form.get("timezone", "").strip(),
            currency=form.get("currency", "").strip().upper(),
            address=form.get("address", ""), room_types=room_types_from_form(form, rows),
            progress=progress))
        while not call.done() or not updates.empty():
            with contextlib.suppress(TimeoutError):
                step, fraction = await asyncio.wait_for(updates.get(), timeout=0.25)
                async with self:
                    self.steps = [*self.steps, step]
                    self.fraction = int(fraction * 100)
        async with self:
            self.running = False
            try:
                prop = call.result()
            except DomainError as exc:
                self.error, self.field_errors = exc.message, fields_of(exc)
                return
            except Exception:  # noqa: BLE001 - logged by provisioning; the operator needs a word
                self.error = "Creating the property failed; see the server log for details."
                return
            self.created_slug = prop.slug
            self.notice = f"{prop.name} is ready."
