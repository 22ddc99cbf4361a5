"""Sign-in upkeep jobs (thin, safe to run twice): forget expired sign-in state."""

from __future__ import annotations

from dataclasses import asdict


def purge_sign_ins_job() -> dict[str, int]:
    """Daily: drop spent one-time tokens, month-old ended sessions and stale throttles."""
    from core.identity.housekeeping import purge_expired

    return asdict(purge_expired())
