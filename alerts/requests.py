"""E-mails a subscriber asks for: a test of a subscription, and the confirmation link to an address other than
the account's. Both go the way every alert goes (a ``Delivery`` row, the send task, ``delivery.deliver``: the
same claim, transport, retries and record), and both are rate-limited, because each one makes the app write to
an address: one per subscription per ``SLOTWATCH_ALERT_REQUEST_INTERVAL_SECONDS`` and at most
``SLOTWATCH_ALERT_REQUESTS_PER_HOUR`` per account.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from alerts import tasks
from alerts.models import ON_REQUEST, Delivery, DeliveryKind, Subscription

__all__ = ["Refused", "request_confirmation", "request_test"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Refused(Exception):
    """The e-mail was not queued; ``reason`` says why, in the subscriber's words."""

    reason: str

    def __str__(self):
        return self.reason


# An address that unsubscribed hears from us at most once a day, even to be asked whether it wants to opt in.
UNSUBSCRIBED_INTERVAL_SECONDS = 24 * 3600


def _check_rate(subscription: Subscription, now: dt.datetime) -> None:
    interval = settings.SLOTWATCH_ALERT_REQUEST_INTERVAL_SECONDS
    if not subscription.active:
        interval = max(interval, UNSUBSCRIBED_INTERVAL_SECONDS)
    recent = Delivery.objects.filter(kind__in=ON_REQUEST)
    last = recent.filter(subscription=subscription).order_by("-created_at").values_list("created_at", flat=True).first()
    if last is not None and (now - last).total_seconds() < interval:
        wait = int(interval - (now - last).total_seconds()) + 1
        raise Refused(f"An e-mail for this subscription was sent moments ago; try again in {_duration(wait)}.")
    hour = recent.filter(subscription__user_id=subscription.user_id, created_at__gt=now - dt.timedelta(hours=1))
    if hour.count() >= settings.SLOTWATCH_ALERT_REQUESTS_PER_HOUR:
        raise Refused(f"You asked for {settings.SLOTWATCH_ALERT_REQUESTS_PER_HOUR} test or confirmation e-mails "
                      "in the last hour, the most allowed; try again later.")


def _duration(seconds: int) -> str:
    return f"{seconds} seconds" if seconds < 120 else f"{round(seconds / 60)} minutes"


def _queue(subscription: Subscription, kind: str) -> Delivery:
    now = timezone.now()
    with transaction.atomic():
        # Rows of one user in order, so two presses at once cannot both pass the rate check.
        Subscription.objects.select_for_update().filter(pk=subscription.pk).first()
        _check_rate(subscription, now)
        delivery = Delivery.objects.create(
            key=f"{kind}:{subscription.pk}:{uuid.uuid4().hex}", subscription=subscription, kind=kind,
            created_at=now, next_attempt_at=now, dispatched_at=now,
        )
    try:
        tasks.deliver.delay(delivery.pk)
    except BrokerError as exc:  # the sweep sends it once the broker is back
        Delivery.objects.filter(pk=delivery.pk).update(dispatched_at=None)
        log.warning("broker unavailable, %s e-mail %s left for the sweep: %s", kind, delivery.pk, exc)
    return delivery


def request_test(subscription: Subscription) -> Delivery:
    """Queue a test e-mail to the subscription's recipient (even while paused)."""
    if not subscription.active:
        raise Refused("This address unsubscribed; opt in again (Resume) before sending a test.")
    if subscription.needs_confirmation:
        raise Refused(f"{subscription.email} has not confirmed yet; a test goes out once its owner confirms.")
    return _queue(subscription, DeliveryKind.TEST)


def request_confirmation(subscription: Subscription) -> Delivery:
    """Queue the signed confirmation link to an address other than the account's (also the way an address that
    unsubscribed opts in again: its owner follows the link)."""
    if not subscription.needs_confirmation:
        raise Refused("This address needs no confirmation.")
    return _queue(subscription, DeliveryKind.CONFIRM)
