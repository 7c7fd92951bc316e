"""The beat schedule is data in settings; the database scheduler seeds it and staff retime it in the admin."""

import pytest
from django.conf import settings
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from slotwatch.beat import SeedingDatabaseScheduler
from slotwatch.celery import app

pytestmark = pytest.mark.django_db
ALERT_ENTRIES = {
    "alerts-daily": "alerts.tasks.run_daily",
    "alerts-sweep": "alerts.tasks.sweep",
    "alerts-digest-daily": "alerts.tasks.send_digests",
    "alerts-digest-weekly": "alerts.tasks.send_digests",
}


def test_the_alert_entries_are_declared_with_expiry_under_their_interval():
    schedule = settings.CELERY_BEAT_SCHEDULE
    for name, task in ALERT_ENTRIES.items():
        assert schedule[name]["task"] == task
        assert schedule[name]["options"]["expires"] > 0
    assert schedule["alerts-sweep"]["options"]["expires"] < schedule["alerts-sweep"]["schedule"]
    assert schedule["alerts-digest-weekly"]["args"] == ["weekly"]
    assert settings.CELERY_BEAT_SCHEDULER == "slotwatch.beat:SeedingDatabaseScheduler"


def test_the_tasks_are_registered():
    app.loader.import_default_modules()
    assert set(ALERT_ENTRIES.values()) | {"alerts.tasks.deliver"} <= set(app.tasks)


@pytest.mark.django_db(transaction=True)  # the scheduler closes stale connections, as beat should
def test_the_scheduler_seeds_the_database_and_keeps_an_admin_retime():
    SeedingDatabaseScheduler(app=app)
    daily = PeriodicTask.objects.get(name="alerts-daily")
    assert (daily.task, daily.crontab.minute, daily.crontab.hour) == ("alerts.tasks.run_daily", "30", "2")
    assert PeriodicTask.objects.get(name="alerts-sweep").interval.every == 60
    assert PeriodicTask.objects.get(name="alerts-digest-weekly").args == '["weekly"]'
    # Staff move the daily run to 04:10 in the admin; a beat restart must not undo that.
    daily.crontab = CrontabSchedule.objects.create(minute="10", hour="4", timezone="UTC")
    daily.save()
    SeedingDatabaseScheduler(app=app)
    daily.refresh_from_db()
    assert (daily.crontab.minute, daily.crontab.hour) == ("10", "4")
