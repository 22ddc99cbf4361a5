"""Chat rules: what a channel name and a message may be."""

from __future__ import annotations

import re

from core.messaging.errors import InvalidChannel, InvalidMessage

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
MAX_MESSAGE = 4000
STATUSES = ("active", "archived")


def channel_name(raw: str) -> str:
    """'Front Desk' → 'front-desk'; refused unless 1-60 letters, digits, dashes or underscores."""
    name = re.sub(r"\s+", "-", raw.strip().lower().lstrip("#"))
    if not NAME_RE.match(name):
        raise InvalidChannel("A channel name is 1 to 60 letters, digits, dashes or underscores.",
                             fields={"name": "use 1-60 letters, digits, - or _"})
    return name


def message_body(raw: str) -> str:
    body = raw.strip()
    if not body:
        raise InvalidMessage("A message cannot be empty.", fields={"body": "is required"})
    if len(body) > MAX_MESSAGE:
        raise InvalidMessage(f"A message is at most {MAX_MESSAGE} characters.",
                             fields={"body": f"at most {MAX_MESSAGE} characters"})
    return body


def check_status(status: str) -> None:
    if status not in STATUSES:
        raise InvalidChannel(f"'{status[:40]}' is not a channel status; use active or archived.",
                             fields={"status": "must be active or archived"})
