"""The database side of planning: read what ``plan()`` needs, record its alerts, assemble e-mails.

Every write here is safe to repeat and safe to run twice at once:

* alerts are inserted with ``ignore_conflicts`` on their unique key;
* the state rows that turn changes into events are upserted in the same transaction as the alerts,
  so a crash cannot record "seen" without also recording the alert;
* a delivery is created and its alerts attached in one transaction, with a conditional UPDATE
  (``delivery IS NULL``), so an alert belongs to exactly one delivery and a sender never sees a
  delivery before its alerts are attached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone

from alerts.models import (
    Alert, Delivery, DeliveryMode, FilingState, MilestoneState, Subscription, same_address,
)
from alerts.planning import FilingFact, MilestoneFact, Plan, Rule, plan
from compliance.models import Milestone
from compliance.rules.codes import MISSED, OPEN_STATUSES
from constellations.deployment import count_data_date
from filings.models import Filing

__all__ = ["QueueReport", "assemble_digests", "assemble_immediate", "digest_period", "queue_alerts"]

CHUNK = 500  # rows per IN (...) query: well under SQLite's and PostgreSQL's parameter limits


@dataclass
class QueueReport:
    as_of: dt.date
    planned: int
    new: list  # PlannedAlert not yet recorded before this run
    states_changed: int

    @property
    def created(self) -> int:
        return len(self.new)


def load_rules() -> list[Rule]:
    # Only subscriptions that may send: not unsubscribed, not paused, and not to an address still unconfirmed.
    subscriptions = [
        row[:8] for row in Subscription.objects.filter(active=True, paused=False).values_list(
            "pk", "all_filings", "codes", "lead_times", "on_missed", "on_at_risk", "on_reduced", "on_new_filing",
            "email", "confirmed_email", "user__email",
        )
        if not row[8] or same_address(row[8], row[10]) or same_address(row[8], row[9])
    ]
    selectors = {}
    for name, column in (
        ("administrations", "administration_id"),
        ("operators", "operator_id"),
        ("constellations", "constellation_id"),
        ("filings", "filing_id"),
    ):
        through = getattr(Subscription, name).through
        found: dict[int, set[int]] = {}
        for sub_id, pk in through.objects.values_list("subscription_id", column):
            found.setdefault(sub_id, set()).add(pk)
        selectors[name] = found
    return [
        Rule(
            id=pk,
            all_filings=all_filings,
            codes=frozenset(codes or ()),
            lead_times=tuple(sorted(set(lead_times or ()), reverse=True)),
            on_missed=on_missed,
            on_at_risk=on_at_risk,
            on_reduced=on_reduced,
            on_new_filing=on_new_filing,
            **{name: frozenset(found.get(pk, ())) for name, found in selectors.items()},
        )
        for pk, all_filings, codes, lead_times, on_missed, on_at_risk, on_reduced, on_new_filing in subscriptions
    ]


def load_filings() -> dict[int, FilingFact]:
    rows = Filing.objects.values_list(
        "pk", "name", "reference", "administration_id", "administration__name", "operator_id",
        "operator__short_name", "constellation_id", "constellation__name", "status",
        "satellites_authorised", "satellites_filed",
    )
    return {
        row[0]: FilingFact(*row[:3], row[3], row[4], row[5], row[6] or "", row[7], row[8] or "", row[9], row[10] or row[11])
        for row in rows
    }


def load_milestones(as_of: dt.date, catch_up_days: int) -> list[MilestoneFact]:
    recent_miss = Q(status=MISSED, due_date__gt=as_of - dt.timedelta(days=catch_up_days), due_date__lte=as_of)
    q = Milestone.objects.filter(Q(status__in=OPEN_STATUSES) | recent_miss)
    return [
        MilestoneFact(*row)
        for row in q.values_list(
            "pk", "filing_id", "code", "title", "provision", "status", "due_date", "required", "deployed",
            "shortfall", "projected_date", "projection_rate_per_month", "rate_needed_per_month", "consequence",
        ).order_by()
    ]


def load_states():
    milestone_states = {(f, c): t for f, c, t in MilestoneState.objects.values_list("filing_id", "code", "on_track")}
    filing_states = {f: (s, n) for f, s, n in FilingState.objects.values_list("filing_id", "status", "satellites")}
    return milestone_states, filing_states


def catch_up_days() -> int:
    return settings.SLOTWATCH_ALERT_CATCH_UP_DAYS


def make_plan(as_of: dt.date) -> Plan:
    days = catch_up_days()
    milestone_states, filing_states = load_states()
    return plan(as_of, load_rules(), load_filings(), load_milestones(as_of, days), milestone_states, filing_states, days)


def queue_alerts(as_of: dt.date) -> QueueReport:
    """Record every alert due as of ``as_of`` (the Milestone rows must already be evaluated as of it)."""
    result = make_plan(as_of)
    existing = _existing_keys([a.key for a in result.alerts])
    new = [a for a in result.alerts if a.key not in existing]
    _date_counts(new, as_of)
    now = timezone.now()
    with transaction.atomic():
        Alert.objects.bulk_create(
            [
                Alert(
                    key=a.key, subscription_id=a.subscription_id, filing_id=a.filing_id, milestone_id=a.milestone_id,
                    code=a.code, trigger=a.trigger, lead_days=a.lead_days, due_date=a.due_date, as_of=as_of,
                    payload=a.payload, created_at=now,
                )
                for a in new
            ],
            ignore_conflicts=True,  # a concurrent run recorded it first: that is the point of the key
            batch_size=CHUNK,
        )
        _save_states(result, as_of)
    return QueueReport(as_of, len(result.alerts), new, len(result.milestone_states) + len(result.filing_states))


def _date_counts(alerts, as_of: dt.date) -> None:
    """Freeze into each milestone alert the data date of its deployed count (constellations.deployment's one
    helper): a catalog count says when it was observed, that it is inferred, and whether it is carried forward."""
    ids = {a.milestone_id for a in alerts if a.milestone_id and a.payload.get("deployed") is not None}
    if not ids:
        return
    from_catalog = set(Milestone.objects.filter(pk__in=ids, deployment_source__startswith="catalog")
                       .values_list("pk", flat=True))
    if not from_catalog:
        return
    dated = count_data_date(as_of)
    for a in alerts:
        if a.milestone_id in from_catalog:
            a.payload.update(deployed_note=dated.wording, deployed_confidence=dated.confidence,
                             deployed_carried_forward=dated.carried_forward)


def _existing_keys(keys: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(keys), CHUNK):
        found.update(Alert.objects.filter(key__in=keys[i : i + CHUNK]).values_list("key", flat=True))
    return found


def _save_states(result: Plan, as_of: dt.date) -> None:
    MilestoneState.objects.bulk_create(
        [MilestoneState(filing_id=f, code=c, on_track=t, observed_on=as_of) for (f, c), t in result.milestone_states.items()],
        update_conflicts=True, unique_fields=["filing", "code"], update_fields=["on_track", "observed_on"],
        batch_size=CHUNK,
    )
    FilingState.objects.bulk_create(
        [FilingState(filing_id=f, status=s, satellites=n, observed_on=as_of) for f, (s, n) in result.filing_states.items()],
        update_conflicts=True, unique_fields=["filing"], update_fields=["status", "satellites", "observed_on"],
        batch_size=CHUNK,
    )


def _unassigned(mode: str):
    return Alert.objects.filter(
        delivery__isnull=True, subscription__delivery_mode=mode, subscription__active=True
    )


def assemble_immediate(now: dt.datetime | None = None) -> int:
    """One delivery per unassigned alert of an immediate subscription; returns how many alerts were attached."""
    now = now or timezone.now()
    attached = 0
    with transaction.atomic():
        rows = list(_unassigned(DeliveryMode.IMMEDIATE).values_list("pk", "key", "subscription_id"))
        Delivery.objects.bulk_create(
            [
                Delivery(key=f"alert:{key}", subscription_id=sub, kind=DeliveryMode.IMMEDIATE,
                         created_at=now, next_attempt_at=now)
                for _, key, sub in rows
            ],
            ignore_conflicts=True,
            batch_size=CHUNK,
        )
        match = Delivery.objects.filter(key=Concat(Value("alert:"), OuterRef("key"))).values("pk")[:1]
        pks = [pk for pk, _, _ in rows]
        for i in range(0, len(pks), CHUNK):
            attached += Alert.objects.filter(pk__in=pks[i : i + CHUNK], delivery__isnull=True).update(
                delivery=Subquery(match)
            )
    return attached


def digest_period(mode: str, now: dt.datetime) -> str:
    day = now.astimezone(dt.UTC).date()
    if mode == DeliveryMode.WEEKLY:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


def assemble_digests(mode: str, now: dt.datetime | None = None) -> int:
    """One digest per subscription and period with everything not yet delivered; returns digests created.

    Only the run that creates a period's digest attaches alerts to it. An alert raised after that
    waits for the next period instead of joining an e-mail that may already be on its way.
    """
    now = now or timezone.now()
    period = digest_period(mode, now)
    created = 0
    for sub_id in set(_unassigned(mode).values_list("subscription_id", flat=True)):
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(
                    key=f"digest:{sub_id}:{mode}:{period}", subscription_id=sub_id, kind=mode,
                    created_at=now, next_attempt_at=now,
                )
                Alert.objects.filter(subscription_id=sub_id, delivery__isnull=True).update(delivery=delivery)
        except IntegrityError:
            continue  # this period's digest exists already
        created += 1
    return created
