"""Email to staff accounts (not guests): the invitation with its set-password link."""

from __future__ import annotations

import logging

from core.notifications.senders import (
    SendFailed,
    build_email,
    sender_address,
    smtp_sender_from_settings,
)

log = logging.getLogger(__name__)

INVITATION_SUBJECT = "You are invited to {chain} on Guest Journey"
INVITATION_TEXT = """Hello {name},

{inviter} has invited you to work with {chain} on Guest Journey.

Choose your password here (the link works once, until {expires}):

{link}

If you did not expect this email you can ignore it.
"""


def invitation_email(*, to: str, name: str, link: str, chain: str, inviter: str,
                     expires: str) -> tuple[str, str]:
    """(subject, text) of an invitation; pure, so it is tested without a server."""
    values = {"name": name or to, "link": link, "chain": chain or "your team",
              "inviter": inviter or "Your administrator", "expires": expires}
    return INVITATION_SUBJECT.format(**values), INVITATION_TEXT.format(**values)


def send_invitation(*, to: str, name: str, link: str, chain: str, inviter: str,
                    expires: str) -> str:
    """Send it over SMTP and return the Message-ID. Without SMTP_HOST (a laptop demo) the link
    is written to the log instead, so an operator can still pass it on; SMTP errors raise, so the
    job fails visibly and can be retried from the jobs view."""
    subject, text = invitation_email(to=to, name=name, link=link, chain=chain, inviter=inviter,
                                     expires=expires)
    sender = smtp_sender_from_settings()
    if sender is None:
        log.warning("SMTP_HOST is not set: invitation for %s not emailed; link: %s", to, link)
        return "logged"
    msg = build_email(sender=sender_address(sender.config, chain or None), to=to,
                      subject=subject, text=text, html=None)
    try:
        return sender.send(msg)
    except SendFailed as exc:
        raise RuntimeError(f"invitation to {to} not sent: {exc}") from exc
