"""My stay: online check-in with an ID scan, service requests and the folio for a booking."""

from __future__ import annotations

import uuid
from typing import Any

import reflex as rx

from booking_site.state.site import SiteState
from core.errors import DomainError
from core.site.manage import OwnerProof
from core.site.portal import CheckInDetails, check_in_online, request_service, stay_view

MAX_UPLOAD = 10 * 1024 * 1024


class MyStayState(SiteState):
    reference: str = ""
    proof_text: str = ""
    rooms: list[dict[str, Any]] = []
    error: str = ""
    field_errors: dict[str, str] = {}
    message: str = ""
    ci: dict[str, str] = {"address": "", "nationality": "", "document_type": "passport",
                          "arrival_time": "", "consent": ""}
    request_category: str = "housekeeping"
    request_text: str = ""

    def _proof(self) -> OwnerProof:
        return OwnerProof(self.reference, self.proof_text,
                          ip=self.router.session.client_ip or None)

    def _refresh(self) -> None:
        self.rooms = stay_view(self._site().property_id, self._proof(), self.lang)

    def _fail(self, err: DomainError) -> None:
        self.error, self.field_errors = err.message, {k: str(v) for k, v in
                                                      (err.fields or {}).items()}

    @rx.event
    def load(self):
        self.error, self.message, self.field_errors = "", "", {}
        if self._load_site() is None:
            return
        if self.reference and self.proof_text:
            try:
                self._refresh()
            except DomainError:
                self.rooms = []

    @rx.event
    def lookup(self, form: dict[str, Any]):
        self.reference = str(form.get("reference", "")).strip()
        self.proof_text = str(form.get("proof", "")).strip()
        self.error, self.message, self.field_errors = "", "", {}
        try:
            self._refresh()
        except DomainError as err:
            self.rooms, self.proof_text = [], ""
            self._fail(err)

    @rx.event
    def set_ci(self, name: str, value: Any):
        self.ci[name] = "yes" if value is True else ("" if value is False else str(value))

    @rx.event
    def set_consent(self, value: Any):
        # A checkbox's change event carries its value attribute ("on"), not its state: toggle.
        self.ci["consent"] = "" if self.ci["consent"] == "yes" else "yes"

    @rx.event
    def set_request_category(self, value: str):
        self.request_category = value

    @rx.event
    def set_request_text(self, value: str):
        self.request_text = value

    @rx.event
    async def check_in(self, files: list[rx.UploadFile]):
        self.error, self.message, self.field_errors = "", "", {}
        room = next((r for r in self.rooms if r["can_check_in"]), None)
        if room is None:
            return
        data, name = None, None
        for f in files or []:
            data = await f.read(MAX_UPLOAD + 1)
            name = f.name
            if len(data) > MAX_UPLOAD:
                self.error, self.field_errors = "The file is larger than 10 MB.", {
                    "id_document": "at most 10 MB"}
                return rx.clear_selected_files("id-document")
        details = CheckInDetails(address=self.ci["address"], nationality=self.ci["nationality"],
                                 document_type=self.ci["document_type"],
                                 arrival_time=self.ci["arrival_time"],
                                 consent=self.ci["consent"] == "yes")
        try:
            check_in_online(self._site().property_id, self._proof(), uuid.UUID(room["id"]),
                            details, data, name)
            self._refresh()
        except DomainError as err:
            self._fail(err)
            return
        self.message = self.t["checked_in_online"]
        return rx.clear_selected_files("id-document")

    @rx.event
    def send_request(self):
        self.error, self.message, self.field_errors = "", "", {}
        if not self.rooms:
            return
        text = self.request_text.strip()
        if not text:
            self.field_errors = {"description": "required"}
            self.error = self.t["request_needs_text"]
            return
        try:
            request_service(self._site().property_id, self._proof(),
                            uuid.UUID(self.rooms[0]["id"]), category=self.request_category,
                            description=text)
            self._refresh()
        except DomainError as err:
            self._fail(err)
            return
        self.request_text, self.message = "", self.t["request_sent"]
