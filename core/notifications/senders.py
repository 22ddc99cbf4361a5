"""Message senders: SMTP for email, and an SMS/push interface with a Twilio-shaped HTTP adapter."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr
from typing import Protocol

import httpx


class SendFailed(Exception):
    """The message was not accepted. `permanent` failures are not retried (bad address)."""

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime: str = "application/pdf"


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 587
    user: str | None = None
    password: str | None = None
    sender: str = "Guest Journey <no-reply@localhost>"
    starttls: bool = False
    timeout: float = 10.0


def build_email(*, sender: str, to: str, subject: str, text: str, html: str | None,
                reply_to: str | None = None, attachments: tuple[Attachment, ...] = ()
                ) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Message-ID"] = make_msgid(domain=(parseaddr(sender)[1].partition("@")[2] or "localhost"))
    if reply_to:
        msg["Reply-To"] = reply_to
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    for a in attachments:
        maintype, _, subtype = a.mime.partition("/")
        msg.add_attachment(a.content, maintype=maintype, subtype=subtype, filename=a.filename)
    return msg


def sender_address(config: SmtpConfig, display_name: str | None) -> str:
    name, address = parseaddr(config.sender)
    return formataddr((display_name or name, address))


class SmtpSender:
    def __init__(self, config: SmtpConfig):
        self.config = config

    def send(self, msg: EmailMessage) -> str:
        """Hand the message to the SMTP server; returns its Message-ID."""
        c = self.config
        try:
            with smtplib.SMTP(c.host, c.port, timeout=c.timeout) as smtp:
                if c.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if c.user:
                    smtp.login(c.user, c.password or "")
                smtp.send_message(msg)
        except smtplib.SMTPRecipientsRefused as exc:
            raise SendFailed(f"the server refused the address: {exc.recipients}",
                             permanent=True) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise SendFailed(f"SMTP server {c.host}:{c.port} unavailable: "
                             f"{exc.__class__.__name__}: {exc}") from None
        return str(msg["Message-ID"])


class TextSender(Protocol):
    """SMS or push: send `body` to `to` and return the provider's message id."""

    def send(self, to: str, body: str) -> str: ...


class TwilioSmsSender:
    """Twilio's Messages REST shape (any compatible provider): form POST with basic auth."""

    def __init__(self, base_url: str, account_sid: str, auth_token: str, sender: str,
                 *, timeout: float = 10.0, transport: httpx.BaseTransport | None = None):
        self.url = f"{base_url.rstrip('/')}/2010-04-01/Accounts/{account_sid}/Messages.json"
        self.auth = (account_sid, auth_token)
        self.sender = sender
        self.client = httpx.Client(timeout=timeout, transport=transport)

    def send(self, to: str, body: str) -> str:
        try:
            response = self.client.post(self.url, auth=self.auth,
                                        data={"To": to, "From": self.sender, "Body": body})
        except httpx.HTTPError as exc:
            raise SendFailed(f"SMS provider unreachable: {exc.__class__.__name__}") from None
        if response.status_code >= 500 or response.status_code == 429:
            raise SendFailed(f"SMS provider error {response.status_code}")
        if response.status_code >= 400:
            detail = response.json().get("message", "") if response.headers.get(
                "content-type", "").startswith("application/json") else response.text[:200]
            raise SendFailed(f"SMS refused ({response.status_code}): {detail}", permanent=True)
        return str(response.json().get("sid", ""))


def smtp_sender_from_settings() -> SmtpSender | None:
    from core.config import get_settings

    s = get_settings()
    if not s.smtp_host:
        return None
    return SmtpSender(SmtpConfig(host=s.smtp_host, port=s.smtp_port, user=s.smtp_user,
                                 password=s.smtp_password, sender=s.smtp_from,
                                 starttls=s.smtp_starttls))


def sms_sender_from_settings() -> TextSender | None:
    from core.config import get_settings

    s = get_settings()
    if not (s.sms_api_url and s.sms_account_sid and s.sms_auth_token and s.sms_from):
        return None
    return TwilioSmsSender(s.sms_api_url, s.sms_account_sid, s.sms_auth_token, s.sms_from)
