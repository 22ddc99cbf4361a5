"""`gj relay`: run the outbox relay (live updates, Redis pub/sub, webhook dispatch) in the foreground."""

from __future__ import annotations

import logging
import signal
import uuid

import click


def dispatch_webhook(property_id: uuid.UUID, delivery_id: uuid.UUID) -> None:
    """Hand one webhook delivery to the job queue (RQ with Redis, else this process's pool)."""
    from core.jobs import enqueue

    # One job id per delivery: enqueueing again while it waits replaces it instead of doubling.
    enqueue("core.webhooks.delivery.deliver_webhook", str(property_id), str(delivery_id),
            job_id=f"webhook-{delivery_id}")


@click.command()
@click.option("--holder", default=None,
              help="Lease holder name; a restarted relay with the same name resumes at once.")
@click.option("--poll", type=float, default=0.2, show_default=True,
              help="Seconds between looks at the outbox when no commit woke the relay.")
@click.option("--lease-ttl", type=float, default=10.0, show_default=True,
              help="Seconds before another relay may take over a property from a dead one.")
@click.option("--property", "property_ids", multiple=True, type=click.UUID,
              help="Only these properties (default: every active property).")
def relay(holder: str | None, poll: float, lease_ttl: float,
          property_ids: tuple[uuid.UUID, ...]) -> None:
    """Publish committed events in order (Redis pub/sub when REDIS_URL is set) and send webhooks.

    Safe to run more than one: each property is published by one relay at a time.
    """
    from core.events.relay import Relay

    logging.basicConfig(level=logging.INFO, format="%(asctime)s relay %(levelname)s %(message)s")
    runner = Relay(holder=holder, poll_interval=poll, lease_ttl=lease_ttl,
                   property_ids=list(property_ids) or None, dispatch=dispatch_webhook)
    signal.signal(signal.SIGTERM, lambda *_: runner.stop())
    signal.signal(signal.SIGINT, lambda *_: runner.stop())
    runner.run_forever()
