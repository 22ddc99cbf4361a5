"""Fixtures for the console's core services: a real SMTP server (aiosmtpd) on a spare port."""

from __future__ import annotations

import pytest

from core.config import reset_settings


@pytest.fixture
def smtp_server(monkeypatch, spare_port):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Keep(Message):
        def handle_message(self, message):
            received.append(message)

    controller = Controller(Keep(), hostname="127.0.0.1", port=spare_port)
    controller.start()
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(spare_port))
    monkeypatch.delenv("REDIS_URL", raising=False)
    reset_settings()
    try:
        yield received
    finally:
        controller.stop()
        reset_settings()


@pytest.fixture
def spare_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
