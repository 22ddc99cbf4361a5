"""My jobs on the real Redis with a real RQ worker, each enqueued twice: the night-audit cron
sweep and audit, and a guest email (received by a real SMTP server)."""

from __future__ import annotations

import email
import socket
import sys
from datetime import time, timedelta
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reservations"))
from res_support import BACKENDS, booking, make_hotel  # noqa: E402

from core.actor import Actor  # noqa: E402
from core.config import reset_settings  # noqa: E402
from core.jobs import enqueue  # noqa: E402
from core.night_audit.models import NightAuditRun, NightAuditSchedule  # noqa: E402
from core.properties.models import get_settings_row  # noqa: E402

pytestmark = pytest.mark.redis


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


def _work() -> None:
    from core.jobs.rq_backend import connection, make_worker

    make_worker(connection(), simple=True).work(burst=True)


def test_the_cron_sweep_audits_a_due_property_once(hotel, redis_url):
    from core.jobs.night_audit import due_night_audits_job, night_audit_job

    yesterday = hotel.today - timedelta(days=1)
    with hotel.uow(Actor.system()) as uow:
        settings = get_settings_row(uow.session)
        settings.business_date = yesterday
        uow.session.add(settings)
        uow.session.merge(NightAuditSchedule(id=1, run_at=time(0, 0)))
        uow.commit()
    assert due_night_audits_job() == [str(hotel.property_id)]
    assert due_night_audits_job() == [str(hotel.property_id)]  # same job id: queued once
    enqueue(night_audit_job, str(hotel.property_id), yesterday.isoformat())  # and by hand
    _work()
    with hotel.uow(write=False) as uow:
        from sqlmodel import select

        runs = uow.session.exec(select(NightAuditRun)).all()
        assert [r.business_date for r in runs] == [yesterday]
        assert get_settings_row(uow.session).business_date == hotel.today
    assert due_night_audits_job() == []  # today is not over yet


def test_a_guest_email_is_sent_by_the_worker_once(hotel, redis_url, monkeypatch):
    from core.jobs.notifications import send_message_job
    from core.notifications.services import queue_guest_message
    from core.reservations.services import create_booking

    inbox: list = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            inbox.append(email.message_from_bytes(envelope.content, policy=policy.default))
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("SMTP_PORT", str(port))
        reset_settings()
        rt = hotel.room_type(rooms=1)
        with hotel.uow() as uow:
            res = create_booking(uow, booking(rt, *hotel.stay(2), guest={
                "last_name": "Redis", "email": "redis.guest@example.com"})).reservations[0]
            delivery = queue_guest_message(uow, res.id, "confirmation")
            uow.commit()  # enqueued on RQ after commit
        assert inbox == []
        enqueue(send_message_job, str(hotel.property_id), str(delivery.id))  # a duplicate
        _work()
        assert len(inbox) == 1 and inbox[0]["To"] == "redis.guest@example.com"
    finally:
        controller.stop()
        reset_settings()
