"""Lead-time reminders at their boundaries: the day before, the day of and the day after each lead time.

"Today" is set with time-machine; the daily run evaluates Kuiper Gen1 with the real rules (its FCC
100 % milestone falls due on 30 July 2029) and records the reminders due.
"""

import datetime as dt

import pytest
import time_machine

from alerts.models import Alert
from alerts.pipeline import run_daily
from tests.alerts.conftest import M100_DUE, subscribe

pytestmark = pytest.mark.django_db
LEADS = (365, 180, 90, 30, 7)


def _travel(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(2, 30), tzinfo=dt.UTC), tick=False)


def _reminders(subscription):
    return sorted(Alert.objects.filter(subscription=subscription, trigger="lead_time").values_list("lead_days", flat=True))


@pytest.mark.parametrize("lead", LEADS)
def test_it_reminds_on_the_day_of_each_lead_time_and_not_the_day_before(alice, kuiper, lead):
    subscription = subscribe(alice, filings=[kuiper], codes=["fcc_m100"])
    crossing = M100_DUE - dt.timedelta(days=lead)
    with _travel(crossing - dt.timedelta(days=1)):
        run_daily()
    before = _reminders(subscription)
    assert lead not in before
    with _travel(crossing):
        run_daily()
    assert _reminders(subscription) == sorted([*before, lead])
    alert = Alert.objects.get(subscription=subscription, lead_days=lead)
    assert alert.payload["days_left"] == lead and alert.due_date == M100_DUE
    with _travel(crossing + dt.timedelta(days=1)):
        run_daily()
    assert _reminders(subscription) == sorted([*before, lead]), "the day after adds nothing"


def test_it_catches_up_a_missed_run_within_the_window_only(alice, kuiper, settings):
    settings.SLOTWATCH_ALERT_CATCH_UP_DAYS = 7
    late = subscribe(alice, filings=[kuiper], codes=["fcc_m100"])
    with _travel(M100_DUE - dt.timedelta(days=90 - 6)):  # six days after the 90-day crossing
        run_daily()
    assert _reminders(late) == [90]
    too_late = subscribe(alice, filings=[kuiper], codes=["fcc_m100"])
    with _travel(M100_DUE - dt.timedelta(days=90 - 7)):  # seven days after: no longer news
        run_daily()
    assert _reminders(too_late) == []


def test_a_subscription_hears_only_the_latest_crossing(alice, kuiper):
    subscription = subscribe(alice, filings=[kuiper], codes=["fcc_m100"], lead_times=[365, 180, 90, 30, 7])
    with _travel(M100_DUE - dt.timedelta(days=28)):
        run_daily()
    assert _reminders(subscription) == [30]


def test_running_the_day_twice_records_each_alert_once(alice, kuiper):
    subscription = subscribe(alice, all_filings=True)
    with _travel(M100_DUE - dt.timedelta(days=90)):
        run_daily()
        first = set(Alert.objects.values_list("key", flat=True))
        run_daily()
    assert first and set(Alert.objects.values_list("key", flat=True)) == first
    assert Alert.objects.filter(subscription=subscription, code="fcc_m100", lead_days=90).count() == 1


def test_custom_lead_times_are_honoured(alice, kuiper):
    subscription = subscribe(alice, filings=[kuiper], codes=["fcc_m100"], lead_times=[45])
    with _travel(M100_DUE - dt.timedelta(days=46)):
        run_daily()
    assert _reminders(subscription) == []
    with _travel(M100_DUE - dt.timedelta(days=45)):
        run_daily()
    assert _reminders(subscription) == [45]
