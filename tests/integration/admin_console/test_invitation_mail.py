"""The invitation email goes out over real SMTP from a background job, with its link."""

from __future__ import annotations

import pytest

from core.config import reset_settings
from core.jobs import enqueue
from core.notifications.staff_mail import invitation_email


def test_the_invitation_job_emails_the_set_password_link(smtp_server):
    link = "https://admin.example/accept-invitation?token=abc123"
    ref = enqueue("core.jobs.identity.send_invitation_job", "ana@example.com", "Ana", link,
                  "Atlantic Hotels", "Olga", "28 Nov 2026")

    assert ref.wait(timeout=10).startswith("<")
    [msg] = smtp_server
    assert msg["To"] == "ana@example.com"
    assert msg["Subject"] == "You are invited to Atlantic Hotels on Guest Journey"
    assert link in msg.get_payload(decode=True).decode()


def test_an_unreachable_smtp_server_fails_the_job_so_it_can_be_retried(monkeypatch):
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", "1")  # nothing listens there
    monkeypatch.delenv("REDIS_URL", raising=False)
    reset_settings()
    try:
        ref = enqueue("core.jobs.identity.send_invitation_job", "ana@example.com", "Ana",
                      "https://x/accept-invitation?token=t", "Atlantic", "Olga", "soon")
        with pytest.raises(RuntimeError, match="invitation to ana@example.com not sent"):
            ref.wait(timeout=10)
    finally:
        reset_settings()


def test_the_email_names_the_chain_the_inviter_and_the_deadline():
    subject, text = invitation_email(to="bo@example.com", name="", link="L", chain="Atlantic",
                                     inviter="Olga", expires="28 Nov 2026")
    assert "Atlantic" in subject
    assert "Hello bo@example.com" in text and "Olga has invited you" in text
    assert "until 28 Nov 2026" in text and "\nL\n" in text
