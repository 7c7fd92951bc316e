"""Sending a Delivery: claim it, render it, hand it to SMTP, record what happened.

State machine of a ``Delivery`` (every arrow is one conditional UPDATE that acts only if exactly
one row changed, so any number of workers and sweeps can run at once)::

    pending --claim--> sending --250 after DATA------------------> sent
       ^                  |----4xx / refused / timeout before DATA--> pending (next_attempt_at = backoff)
       |                  |----5xx, or MAX_ATTEMPTS reached---------> failed
       |                  |----subscription gone / unsubscribed-----> cancelled
       |                  '----claim expired (worker died) ...
       |                          ... before DATA began -----------> pending   (resent: safe)
       '--- admin "resend" ------ ... after DATA began ------------> uncertain (not resent)

The claim (``status='sending'``, a random ``claim_token``, ``claimed_until`` = now + lease) is
committed before any SMTP traffic. Right before the DATA command, the sender commits
``handed_over_at`` with a conditional UPDATE on its own token; if that UPDATE changes no row, the
claim was taken from it and it sends nothing.

The guarantee (``SLOTWATCH_ALERT_UNCERTAIN=hold``, the default):

* **Never twice automatically.** A message is transmitted only under a live claim that has
  recorded ``handed_over_at``; a claim that expired after DATA began is never re-claimed but marked
  ``uncertain``. So no alert is handed to SMTP DATA twice unless a person presses "resend".
* **Never lost silently.** A worker that dies before DATA began (connecting, EHLO, MAIL, RCPT) has
  transmitted nothing; its claim expires and the sweep puts the delivery back to ``pending``; it is
  sent later. Temporary SMTP errors (4xx, connection refused, timeouts) retry with exponential
  backoff up to ``SLOTWATCH_ALERT_MAX_ATTEMPTS``; permanent ones (5xx) are marked ``failed``. Both
  ``failed`` and ``uncertain`` show in the admin and on the subscriber's /alerts/ page.
* **The one unknowable case is surfaced, not guessed.** If the worker dies (or the connection
  drops) after the message text went out but before the server's reply was recorded, the server
  may or may not have it (RFC 1047). That delivery becomes ``uncertain`` and is *not* resent. If the
  dying worker's final "sent" UPDATE does land later, it still wins (it matches its own token).
* **Detectable if repeated.** Every send of a delivery carries the same ``Message-ID`` (a hash of
  the delivery key), so a repeat after a manual resend, or under ``SLOTWATCH_ALERT_UNCERTAIN=resend``
  (at least once instead of at most once for the uncertain window), is recognisable downstream.

In short: at most once per alert and delivery key; exactly once whenever the sending worker
survives until the server's reply to DATA, or dies before DATA began.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from alerts import transport
from alerts.emails import build_message, message_id_for
from alerts.models import Delivery, DeliveryAttempt, DeliveryKind

__all__ = ["ClaimLost", "Outcome", "claim", "deliver", "due_for_dispatch", "reconcile_expired", "retry_delay"]

log = logging.getLogger(__name__)
Status = Delivery.Status
Result = DeliveryAttempt.Outcome


class ClaimLost(Exception):
    """Another sender (or the sweep) took this delivery over: send nothing."""


@dataclass(frozen=True)
class Outcome:
    status: str  # a Delivery.Status, or "not_claimed" / "abandoned"
    retry_at: dt.datetime | None = None
    error: str = ""


def retry_delay(attempts: int) -> float:
    """Seconds before try number ``attempts + 1``: base, 2 x base, 4 x base, ... capped."""
    base = settings.SLOTWATCH_ALERT_RETRY_BASE_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), settings.SLOTWATCH_ALERT_RETRY_MAX_SECONDS)


def claim(pk: int, now: dt.datetime | None = None) -> str | None:
    """Take a pending, due delivery; return the claim token, or None if someone else has it (or it is not due)."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    won = Delivery.objects.filter(pk=pk, status=Status.PENDING, next_attempt_at__lte=now).update(
        status=Status.SENDING,
        claim_token=token,
        claimed_until=now + dt.timedelta(seconds=settings.SLOTWATCH_ALERT_CLAIM_SECONDS),
        handed_over_at=None,
        attempts=F("attempts") + 1,
    )
    return token if won == 1 else None


def deliver(pk: int) -> Outcome:
    """Send one delivery if it is due and nobody else is sending it."""
    reconcile_expired(pk=pk)
    token = claim(pk)
    if token is None:
        return Outcome("not_claimed")
    delivery = Delivery.objects.select_related("subscription__user").get(pk=pk)
    attempt = DeliveryAttempt.objects.create(delivery=delivery, claim_token=token, started_at=timezone.now())
    subscription = delivery.subscription
    alerts = list(delivery.alerts.order_by("due_date", "pk"))
    reason = why_not_sent(delivery, subscription, alerts)
    if reason:
        return _finish(delivery, token, attempt, Status.CANCELLED, Result.CANCELLED, error=reason)
    message = build_message(delivery, alerts)
    Delivery.objects.filter(pk=pk, claim_token=token).update(
        to_address=subscription.recipient, subject=message.subject[:300], message_id=message_id_for(delivery.key)
    )
    try:
        transport.send(message, before_data=lambda: _hand_over(pk, token, attempt))
    except ClaimLost:
        _close_attempt(attempt, Result.ABANDONED, error="claim taken over before DATA; nothing sent")
        return Outcome("abandoned")
    except transport.TransportError as exc:
        return _failed(delivery, token, attempt, exc)
    return _finish(delivery, token, attempt, Status.SENT, Result.SENT)


def why_not_sent(delivery, subscription, alerts) -> str:
    """Why this e-mail must not go out now ("" if it may), checked at the moment of sending, so a subscription
    unsubscribed, paused or changed to an unconfirmed address after its alerts were queued sends nothing.

    An address other than the account's gets nothing but its confirmation link until its owner confirms; an
    unsubscribed one gets nothing else, not even a test, until its owner opts in again."""
    if not subscription.recipient:
        return "no e-mail address"
    if delivery.kind == DeliveryKind.CONFIRM:  # the one way an address (even one that unsubscribed) opts in
        return "" if subscription.needs_confirmation else "the address needs no confirmation"
    if not subscription.active:
        return "unsubscribed"
    if subscription.needs_confirmation:
        return "the address is not confirmed by its owner"
    if delivery.kind == DeliveryKind.TEST:
        return ""  # asked for by the subscriber: sent even while paused
    if subscription.paused:
        return "paused"
    return "" if alerts else "no alerts"


def _hand_over(pk: int, token: str, attempt: DeliveryAttempt) -> None:
    now = timezone.now()
    live = Delivery.objects.filter(pk=pk, status=Status.SENDING, claim_token=token, claimed_until__gt=now)
    if live.update(handed_over_at=now) != 1:
        raise ClaimLost
    DeliveryAttempt.objects.filter(pk=attempt.pk).update(outcome=Result.HANDED_OVER)


def _finish(delivery, token, attempt, status, result, *, error="", code=None) -> Outcome:
    now = timezone.now()
    # Matched on the token alone: a "sent" must land even if the sweep already called it uncertain.
    Delivery.objects.filter(pk=delivery.pk, claim_token=token).update(
        status=status,
        claimed_until=None,
        sent_at=now if status == Status.SENT else None,
        last_error=error,
    )
    _close_attempt(attempt, result, error=error, code=code)
    return Outcome(status, error=error)


def _failed(delivery, token, attempt, exc: transport.TransportError) -> Outcome:
    attempts = Delivery.objects.filter(pk=delivery.pk).values_list("attempts", flat=True).first() or 1
    if exc.ambiguous and settings.SLOTWATCH_ALERT_UNCERTAIN == "hold":
        log.warning("delivery %s: connection lost during DATA, marked uncertain: %s", delivery.pk, exc.message)
        return _finish(delivery, token, attempt, Status.UNCERTAIN, Result.UNKNOWN, error=exc.message)
    if exc.permanent or attempts >= settings.SLOTWATCH_ALERT_MAX_ATTEMPTS:
        error = exc.message if exc.permanent else f"gave up after {attempts} attempts: {exc.message}"
        log.warning("delivery %s failed: %s", delivery.pk, error)
        return _finish(delivery, token, attempt, Status.FAILED, Result.PERMANENT_ERROR, error=error, code=exc.code)
    retry_at = timezone.now() + dt.timedelta(seconds=retry_delay(attempts))
    Delivery.objects.filter(pk=delivery.pk, claim_token=token, status=Status.SENDING).update(
        status=Status.PENDING,
        claim_token="",
        claimed_until=None,
        handed_over_at=None,
        next_attempt_at=retry_at,
        dispatched_at=retry_at,  # the caller schedules the retry; the sweep is the safety net after that
        last_error=exc.message,
    )
    _close_attempt(attempt, Result.TEMPORARY_ERROR, error=exc.message, code=exc.code)
    return Outcome(Status.PENDING, retry_at=retry_at, error=exc.message)


def _close_attempt(attempt, result, *, error="", code=None) -> None:
    DeliveryAttempt.objects.filter(pk=attempt.pk).update(
        outcome=result, finished_at=timezone.now(), error=error, smtp_code=code
    )


def reconcile_expired(now: dt.datetime | None = None, pk: int | None = None) -> dict[str, int]:
    """Settle claims whose lease ran out (the worker died or hung): resend if nothing was handed over."""
    now = now or timezone.now()
    counts = {"resent": 0, "uncertain": 0}
    stale = Delivery.objects.filter(status=Status.SENDING, claimed_until__lt=now)
    if pk is not None:
        stale = stale.filter(pk=pk)
    for pk_, token, handed_over_at in stale.values_list("pk", "claim_token", "handed_over_at"):
        mine = Delivery.objects.filter(pk=pk_, status=Status.SENDING, claim_token=token)
        if handed_over_at is None:
            # Nothing reached DATA under this claim, so the server cannot have the message.
            won = mine.filter(handed_over_at__isnull=True).update(
                status=Status.PENDING, claim_token="", claimed_until=None, next_attempt_at=now, dispatched_at=None,
                last_error="the sender stopped before SMTP DATA; sending again",
            )
            result, note, key = Result.INTERRUPTED, "sender stopped before SMTP DATA; resent", "resent"
        elif settings.SLOTWATCH_ALERT_UNCERTAIN == "resend":
            won = mine.update(
                status=Status.PENDING, claim_token="", claimed_until=None, handed_over_at=None,
                next_attempt_at=now, dispatched_at=None,
                last_error="the sender stopped during SMTP DATA; sending again with the same Message-ID",
            )
            result, note, key = Result.UNKNOWN, "sender stopped during SMTP DATA; resent (policy: resend)", "resent"
        else:
            # The token stays, so the original sender's "sent" can still land if it was only slow.
            won = mine.update(
                status=Status.UNCERTAIN, claimed_until=None,
                last_error="the sender stopped during SMTP DATA: the server may or may not have the message; "
                "not resent automatically",
            )
            result, note, key = Result.UNKNOWN, "sender stopped during SMTP DATA; not resent", "uncertain"
        if won:
            counts[key] += 1
            DeliveryAttempt.objects.filter(
                delivery_id=pk_, claim_token=token, outcome__in=[Result.SENDING, Result.HANDED_OVER]
            ).update(outcome=result, finished_at=now, error=note)
    return counts


def due_for_dispatch(now: dt.datetime | None = None, limit: int = 1000) -> list[int]:
    """Pending deliveries that are due and have no send task queued recently; marks them dispatched."""
    now = now or timezone.now()
    stale = now - dt.timedelta(seconds=settings.SLOTWATCH_ALERT_REDISPATCH_SECONDS)
    q = Delivery.objects.filter(status=Status.PENDING, next_attempt_at__lte=now).filter(
        Q(dispatched_at__isnull=True) | Q(dispatched_at__lte=stale)
    )
    pks = list(q.order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    if pks:
        Delivery.objects.filter(pk__in=pks).update(dispatched_at=now)
    return pks


def resend(pk: int) -> bool:
    """A person decided: send a failed or uncertain delivery again (same Message-ID)."""
    return bool(
        Delivery.objects.filter(pk=pk, status__in=[Status.FAILED, Status.UNCERTAIN, Status.CANCELLED]).update(
            status=Status.PENDING, claim_token="", claimed_until=None, handed_over_at=None, attempts=0,
            next_attempt_at=timezone.now(), dispatched_at=None,
        )
    )
