"""Event alerts end to end through the database: new filings of a watched administration, at risk, missed."""

import datetime as dt

import pytest

from alerts.models import Alert, MilestoneState
from alerts.queueing import queue_alerts
from tests.alerts.conftest import make_filing, make_milestone, subscribe

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2027, 3, 1)


def test_a_new_filing_by_a_watched_administration(alice, bob, usa, china, kuiper):
    watcher = subscribe(alice, administrations=[china])
    subscribe(bob, administrations=[usa])
    queue_alerts(AS_OF)  # baseline
    assert not Alert.objects.exists()
    guowang = make_filing(china, "gw-3", name="GW-3")
    queue_alerts(AS_OF + dt.timedelta(days=1))
    alert = Alert.objects.get()
    assert (alert.subscription, alert.filing, alert.trigger) == (watcher, guowang, "new_filing")
    queue_alerts(AS_OF + dt.timedelta(days=2))
    assert Alert.objects.count() == 1


def test_projection_turning_at_risk_and_a_missed_milestone(alice, kuiper):
    subscription = subscribe(alice, filings=[kuiper], lead_times=[])
    m = make_milestone(kuiper, due_date=AS_OF + dt.timedelta(days=400), projected_date=AS_OF + dt.timedelta(days=300))
    queue_alerts(AS_OF)
    assert MilestoneState.objects.get().on_track is True
    m.projected_date = AS_OF + dt.timedelta(days=500)
    m.save()
    queue_alerts(AS_OF + dt.timedelta(days=1))
    queue_alerts(AS_OF + dt.timedelta(days=1))
    assert list(Alert.objects.values_list("trigger", flat=True)) == ["at_risk"]
    m.status, m.due_date = "missed", AS_OF + dt.timedelta(days=2)
    m.save()
    queue_alerts(AS_OF + dt.timedelta(days=3))
    assert sorted(Alert.objects.filter(subscription=subscription).values_list("trigger", flat=True)) == [
        "at_risk", "missed"]


def test_inactive_subscriptions_hear_nothing(alice, kuiper):
    subscribe(alice, all_filings=True, active=False)
    make_milestone(kuiper, due_date=AS_OF + dt.timedelta(days=30))
    assert queue_alerts(AS_OF).planned == 0
