"""The daily run, shared by the Celery task and ``manage.py send_alerts``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from alerts.queueing import QueueReport, assemble_immediate, queue_alerts
from compliance.evaluation import refresh_milestones

__all__ = ["run_daily"]


def run_daily(as_of: dt.date | None = None) -> tuple[dict, QueueReport]:
    """1. evaluate every filing as of the date; 2. record the alerts due; 3. put immediate ones in e-mails."""
    as_of = as_of or timezone.now().date()
    statuses = refresh_milestones(as_of)
    report = queue_alerts(as_of)
    attached = assemble_immediate()
    summary = {
        "as_of": as_of.isoformat(),
        "milestones": sum(statuses.values()),
        "alerts_planned": report.planned,
        "alerts_new": report.created,
        "immediate_attached": attached,
    }
    return summary, report
