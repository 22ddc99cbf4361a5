"""Guest email over real SMTP (aiosmtpd) and SMS over a local Twilio-shaped HTTP stand-in:
languages, branding, invoice attachments, delivery logs, SMTP down, jobs run twice."""

from __future__ import annotations

import email
import json
import os
import socket
import sys
import threading
import uuid
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reservations"))
from res_support import BACKENDS, booking, make_hotel  # noqa: E402

from core.actor import Actor  # noqa: E402
from core.config import reset_settings  # noqa: E402
from core.errors import ValidationFailed  # noqa: E402
from core.jobs.notifications import retry_messages_job, send_message_job  # noqa: E402
from core.notifications import services as messages  # noqa: E402
from core.notifications.models import Delivery, MessageBranding  # noqa: E402
from core.reservations.services import create_booking  # noqa: E402

STAFF = Actor(kind="staff", user_id=uuid.uuid4(), name="Desk",
              permissions=frozenset({"reservations.view", "content.edit"}))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


@pytest.fixture
def smtp(monkeypatch):
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(port))
    monkeypatch.setenv("SMTP_FROM", "Reservations <stay@hotel.example>")
    reset_settings()
    yield inbox
    controller.stop()
    reset_settings()


def _reservation(hotel, rt, *, language="pt", phone=None):
    # A fresh address per test: a returning guest (same email) keeps their first language.
    email_address = f"ana-{uuid.uuid4().hex[:8]}@example.com"
    guest = {"first_name": "Ana", "last_name": "Silva", "email": email_address,
             "language": language, "phone": phone}
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, *hotel.stay(2), guest=guest)).reservations[0]
        uow.commit()
    return res.id


def _delivery(hotel, delivery_id) -> Delivery:
    with hotel.uow(write=False) as uow:
        row = uow.session.get(Delivery, delivery_id)
        uow.session.expunge(row)
        return row


def test_a_confirmation_reaches_the_guest_in_their_language_with_the_hotels_branding(hotel, smtp):
    rt = hotel.room_type(rooms=2)
    rid = _reservation(hotel, rt)
    with hotel.uow(Actor.system()) as uow:
        uow.session.merge(MessageBranding(id=1, sender_name="Casa Azul", primary_color="#0a7",
                                          reply_to="desk@hotel.example"))
        delivery = messages.queue_guest_message(uow, rid, "confirmation")
        uow.commit()  # the job runs after commit (inline in tests)
    assert len(smtp.messages) == 1
    msg = smtp.messages[0]
    assert msg["To"].startswith("ana-") and "Casa Azul" in msg["From"]
    assert msg["Subject"].startswith("A sua reserva") and msg["Reply-To"] == "desk@hotel.example"
    html = msg.get_body(("html",)).get_content()
    assert "#0a7" in html and "Ana" in html
    assert "confirmada" in msg.get_body(("plain",)).get_content()
    # The job delivered at least once; running it again sends nothing more.
    assert send_message_job(hotel.property_id, delivery.id) == "sent"
    assert send_message_job(hotel.property_id, delivery.id) == "sent"
    assert len(smtp.messages) == 1
    with hotel.uow(STAFF, write=False) as uow:
        log = messages.deliveries_for(uow, rid)
        assert [(d.kind, d.status, d.language) for d in log] == [("confirmation", "sent", "pt")]
    with hotel.uow() as uow:  # the same business fact queues nothing new
        assert messages.queue_guest_message(uow, rid, "confirmation").id == delivery.id
        uow.commit()
    assert len(smtp.messages) == 1


def test_when_smtp_is_down_the_message_waits_and_is_sent_by_the_retry(hotel, smtp, monkeypatch):
    rt = hotel.room_type(rooms=2)
    rid = _reservation(hotel, rt, language="de")
    good_port = os.environ["SMTP_PORT"]
    monkeypatch.setenv("SMTP_PORT", str(_free_port()))  # nothing listens there
    reset_settings()
    with hotel.uow() as uow:
        delivery = messages.queue_guest_message(uow, rid, "cancellation")
        uow.commit()
    waiting = _delivery(hotel, delivery.id)
    assert waiting.status == "retrying" and "unavailable" in waiting.last_error
    assert smtp.messages == []
    monkeypatch.setenv("SMTP_PORT", good_port)
    reset_settings()
    with hotel.uow() as uow:  # the wait is over
        row = uow.session.get(Delivery, delivery.id)
        row.next_attempt_at = None
        uow.session.add(row)
        uow.commit()
    from core.jobs.notifications import retry_all_messages_job

    assert retry_all_messages_job() >= 1  # the cron sweep over every property
    assert retry_messages_job(hotel.property_id) == 0  # again: nothing more to do
    assert _delivery(hotel, delivery.id).status == "sent"
    assert len(smtp.messages) == 1 and "storniert" in smtp.messages[0]["Subject"]


def test_an_invoice_email_carries_the_pdf(hotel, smtp):
    from core.folio import services as folios
    from core.folio.invoices import issue_invoice
    from core.payments import manual

    rt = hotel.room_type(rooms=1)
    rid = _reservation(hotel, rt, language="en")
    with hotel.uow(Actor.system()) as uow:
        folio = folios.ensure_guest_folio(uow, rid)
        folios.post_charge(uow, folio.id, charge_type="fnb", amount="25.00", description="Dinner")
        manual.take_payment(uow, folio.id, "25.00", method="cash")
        invoice = issue_invoice(uow, folio.id)
        messages.queue_guest_message(uow, rid, "invoice", invoice_id=invoice.id,
                                     dedupe_key=f"invoice:{invoice.id}")
        uow.commit()
    msg = smtp.messages[-1]
    attachment = next(msg.iter_attachments())
    assert attachment.get_filename() == f"{invoice.display_number}.pdf"
    assert attachment.get_content().startswith(b"%PDF")
    assert invoice.display_number in msg["Subject"]


def test_property_templates_are_sandboxed_and_checked(hotel, smtp):
    rt = hotel.room_type(rooms=1)
    rid = _reservation(hotel, rt, language="en")
    with hotel.uow(STAFF) as uow, pytest.raises(ValidationFailed) as err:
        messages.set_template(uow, kind="confirmation", language="en", subject="{{ broken",
                              body_text="x")
    assert "subject" in err.value.fields
    with hotel.uow(STAFF) as uow:
        messages.set_template(uow, kind="pre_arrival", language="en",
                              subject="Welcome soon, {{ guest.first_name }}",
                              body_text="Room: {{ stay.room_type }}. {{ ''.__class__ }}")
        uow.commit()
    with hotel.uow() as uow, pytest.raises(Exception) as err:
        messages.queue_guest_message(uow, rid, "pre_arrival")
    assert "unsafe" in str(err.value).lower() or "__class__" in str(err.value)


class _SmsStandIn(BaseHTTPRequestHandler):
    received: list[dict] = []
    status = 201

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        type(self).received.append({"path": self.path, "auth": self.headers["Authorization"],
                                    **{k: v[0] for k, v in body.items()}})
        payload = json.dumps({"sid": f"SM{len(self.received)}", "message": "bad number"})
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args):
        return None


def test_sms_goes_through_the_provider_adapter_and_is_logged(hotel, monkeypatch):
    _SmsStandIn.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SmsStandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("SMS_API_URL", f"http://127.0.0.1:{server.server_port}")
        monkeypatch.setenv("SMS_ACCOUNT_SID", "AC123")
        monkeypatch.setenv("SMS_AUTH_TOKEN", "secret")
        monkeypatch.setenv("SMS_FROM", "+351200000000")
        reset_settings()
        rt = hotel.room_type(rooms=2)
        rid = _reservation(hotel, rt, language="en", phone="+351910000000")
        with hotel.uow() as uow:
            sms = messages.queue_guest_message(uow, rid, "pre_arrival", channel="sms")
            uow.commit()
        sent = _delivery(hotel, sms.id)
        assert (sent.status, sent.provider_message_id) == ("sent", "SM1")
        hit = _SmsStandIn.received[0]
        assert hit["path"] == "/2010-04-01/Accounts/AC123/Messages.json"
        assert hit["To"] == "+351910000000" and hit["auth"].startswith("Basic ")
        _SmsStandIn.status = 400  # the provider refuses the number: no endless retries
        other = _reservation(hotel, rt, language="en", phone="+1 555 0100")
        with hotel.uow() as uow:
            refused = messages.queue_guest_message(uow, other, "pre_arrival", channel="sms")
            uow.commit()
        failed = _delivery(hotel, refused.id)
        assert failed.status == "failed" and "bad number" in failed.last_error
    finally:
        _SmsStandIn.status = 201
        server.shutdown()
        reset_settings()


def test_committed_reservation_events_queue_their_guest_message_once(hotel, smtp):
    from sqlmodel import select

    from core.events.models import OutboxEvent

    rt = hotel.room_type(rooms=1)
    rid = _reservation(hotel, rt, language="en")
    with hotel.uow() as uow:
        events = uow.session.exec(select(OutboxEvent).where(
            OutboxEvent.entity_id == str(rid), OutboxEvent.type == "reservation.created")).all()
        first = messages.plan_guest_messages(uow, events)
        again = messages.plan_guest_messages(uow, events)  # a republished batch
        uow.commit()
    assert len(first) == 1 and [d.id for d in again] == [first[0].id]
    assert len(smtp.messages) == 1 and "confirmed" in smtp.messages[0]["Subject"]


def test_a_push_provider_registered_by_the_app_receives_push_messages(hotel):
    from core.notifications.dispatch import register_text_sender

    class FakePush:  # a fake of the TextSender interface (the adapter seam, not a mock of IO)
        def __init__(self):
            self.sent = []

        def send(self, to, body):
            self.sent.append((to, body))
            return f"push-{len(self.sent)}"

    rt = hotel.room_type(rooms=1)
    rid = _reservation(hotel, rt, language="en", phone="+351910000001")
    with hotel.uow() as uow:
        unconfigured = messages.queue_guest_message(uow, rid, "pre_arrival", channel="push")
        uow.commit()
    assert _delivery(hotel, unconfigured.id).status == "failed"
    push = FakePush()
    register_text_sender("push", push)
    try:
        with hotel.uow() as uow:
            delivery = messages.queue_guest_message(uow, rid, "pre_arrival", channel="push",
                                                    dedupe_key=f"push-again:{rid}")
            uow.commit()
    finally:
        register_text_sender("push", None)
    assert _delivery(hotel, delivery.id).provider_message_id == "push-1"
    assert push.sent[0][0] == "+351910000001" and "your arrival" in push.sent[0][1]


def test_the_relay_sends_the_confirmation_email_once_the_booking_is_published(hotel, smtp):
    from core.events.relay import Relay
    from core.guests.services import get_guest
    from core.reservations.queries import get_reservation

    rt = hotel.room_type(rooms=1)
    rid = _reservation(hotel, rt, language="en")
    with hotel.uow(write=False) as uow:
        address = get_guest(uow, get_reservation(uow, rid).guest_id).email
    relay = Relay(property_ids=[hotel.property_id], holder="mail-test")
    assert relay.run_once() >= 1  # (also publishes what earlier tests in this module left)
    relay.run_once()  # nothing new: no second email
    ours = [m for m in smtp.messages if "confirmed" in m["Subject"] and address in m["To"]]
    assert len(ours) == 1
