"""Webhook rules without I/O: URL and topic validation, signatures, and the retry schedule."""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import timedelta
from urllib.parse import urlsplit

from core.webhooks.errors import InvalidWebhook

SIGNATURE_HEADER = "X-GuestJourney-Signature"
MAX_ATTEMPTS = 8
FIRST_RETRY_SECONDS = 30
MAX_RETRY_SECONDS = 6 * 3600
SIGNATURE_TOLERANCE_SECONDS = 300


def validate_subscription(url: str, topics: list[str], known_topics: set[str]) -> list[str]:
    """Check a subscription's URL and topics; returns the topics normalised (sorted, unique)."""
    fields: dict[str, str] = {}
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        fields["url"] = "must be an absolute http:// or https:// URL"
    elif parts.username or parts.password:
        fields["url"] = "must not contain credentials; use the signing secret instead"
    clean = sorted({t.strip() for t in topics or [] if t and t.strip()})
    if not clean:
        fields["topics"] = "choose at least one topic"
    else:
        unknown = [t for t in clean if t != "*" and t not in known_topics]
        if unknown:
            fields["topics"] = (f"unknown topic(s): {', '.join(unknown)}; "
                                f"choose from {', '.join(sorted(known_topics))} or *")
    if fields:
        raise InvalidWebhook("The webhook subscription is not valid.", fields=fields)
    return clean


def matches(subscription_topics: list[str], topic: str) -> bool:
    return "*" in subscription_topics or topic in subscription_topics


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The signature header value: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "t.body")>`."""
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def verify(secret: str, body: bytes, header: str, *, now: int | None = None,
           tolerance: int = SIGNATURE_TOLERANCE_SECONDS) -> bool:
    """What a receiver does: recompute the HMAC and refuse stale timestamps (replays)."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        t = int(parts["t"])
    except (ValueError, KeyError):
        return False
    current = int(time.time()) if now is None else now
    if abs(current - t) > tolerance:
        return False
    expected = sign(secret, body, t).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def retry_delay(attempts: int) -> timedelta | None:
    """Wait before the next attempt after `attempts` failures; None once we should give up.

    Exponential: 30 s, 1 min, 2 min, 4 min ... capped at 6 h.
    """
    if attempts >= MAX_ATTEMPTS:
        return None
    seconds = min(FIRST_RETRY_SECONDS * 2 ** (attempts - 1), MAX_RETRY_SECONDS)
    return timedelta(seconds=seconds)


def is_success(status_code: int) -> bool:
    return 200 <= status_code < 300
