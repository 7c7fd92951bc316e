"""Celery tasks. They take ids and dates, never objects; the database is the source of truth for
"already done", so a task that runs twice, or late, does no harm (see alerts/delivery.py)."""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from kombu.exceptions import OperationalError as BrokerError

from alerts import delivery, pipeline
from alerts.models import Delivery
from alerts.queueing import assemble_digests, assemble_immediate

log = logging.getLogger(__name__)

__all__ = ["deliver", "dispatch", "run_daily", "send_digests", "sweep"]


def dispatch() -> int:
    """Queue one send task per due delivery (duplicates are harmless: only one claim wins).

    If the broker cannot take a task (down, unreachable: publishing gives up within seconds, see the broker
    settings), the rest are not tried and those not queued are marked undispatched, so the next sweep queues
    them as soon as the broker is back. Nothing is lost: the deliveries stay pending in the database.
    """
    pks = delivery.due_for_dispatch()
    for i, pk in enumerate(pks):
        try:
            deliver.delay(pk)
        except BrokerError as exc:
            Delivery.objects.filter(pk__in=pks[i:], status=Delivery.Status.PENDING).update(dispatched_at=None)
            log.warning("broker unavailable, %d delivery task(s) left for the next sweep: %s", len(pks) - i, exc)
            return i
    return len(pks)


@shared_task(name="alerts.tasks.run_daily")
def run_daily(as_of: str | None = None) -> dict:
    summary, _ = pipeline.run_daily(dt.date.fromisoformat(as_of) if as_of else None)
    summary["dispatched"] = dispatch()
    return summary


@shared_task(name="alerts.tasks.sweep")
def sweep() -> dict:
    """Frequent: settle expired claims, wrap stray immediate alerts, queue what is due (retries included)."""
    counts = delivery.reconcile_expired()
    counts["attached"] = assemble_immediate()
    counts["dispatched"] = dispatch()
    return counts


@shared_task(name="alerts.tasks.send_digests")
def send_digests(mode: str) -> dict:
    return {"digests": assemble_digests(mode), "dispatched": dispatch()}


@shared_task(name="alerts.tasks.deliver")
def deliver(pk: int) -> str:
    outcome = delivery.deliver(pk)
    if outcome.retry_at is not None:
        deliver.apply_async((pk,), eta=outcome.retry_at)
    return outcome.status
