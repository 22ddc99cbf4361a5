"""Staff-account jobs (thin, safe to run twice): email an invitation."""

from __future__ import annotations


def send_invitation_job(to: str, name: str, link: str, chain: str, inviter: str,
                        expires: str) -> str:
    """Email the set-password link. A second run sends the same link again, which is harmless:
    the token inside works once whichever copy is used."""
    from core.notifications.staff_mail import send_invitation

    return send_invitation(to=to, name=name, link=link, chain=chain, inviter=inviter,
                           expires=expires)
