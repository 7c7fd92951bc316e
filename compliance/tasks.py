"""Celery tasks of the compliance app (autodiscovered): the daily milestone refresh and the filing scores.

``score_all`` fans out one ``score_filing`` task per filing. It fixes the window and the as-of date once and
hands them to every sub-task, so one fan-out scores every filing against the same window even when workers
pick the tasks up across midnight.
"""

import datetime as dt

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from compliance.evaluation import refresh_milestones
from compliance.scoring import DEFAULT_STEP_MINUTES, default_window, score_one
from filings.models import Filing


@shared_task(name="compliance.tasks.evaluate_all")
def evaluate_all() -> dict:
    """The daily refresh of every filing's milestone results."""
    return dict(refresh_milestones())


@shared_task(name="compliance.tasks.score_all")
def score_all(start: str | None = None, end: str | None = None, as_of: str | None = None,
              step_minutes: float = DEFAULT_STEP_MINUTES, filing_ids: list[int] | None = None) -> dict:
    """Queue one scoring task per filing (all of them unless ``filing_ids``); return what was queued."""
    default_start, default_end = default_window()
    start = start or default_start.isoformat()
    end = end or default_end.isoformat()
    as_of = as_of or timezone.now().date().isoformat()
    ids = filing_ids if filing_ids is not None else list(Filing.objects.order_by("pk").values_list("pk", flat=True))
    for filing_id in ids:
        score_filing_task.delay(filing_id, start, end, as_of, step_minutes)
    return {"queued": len(ids), "start": start, "end": end, "as_of": as_of}


@shared_task(
    name="compliance.tasks.score_filing",
    autoretry_for=(OperationalError,),  # e.g. SQLite "database is locked" with several workers
    retry_backoff=True,
    max_retries=5,
)
def score_filing_task(filing_id: int, start: str | None = None, end: str | None = None,
                      as_of: str | None = None, step_minutes: float = DEFAULT_STEP_MINUTES) -> dict:
    outcome = score_one(
        filing_id,
        dt.date.fromisoformat(start) if start else None,
        dt.date.fromisoformat(end) if end else None,
        dt.date.fromisoformat(as_of) if as_of else None,
        step_minutes,
    )
    if outcome is None:
        return {"filing_id": filing_id, "scored": False, "reason": "filing no longer exists"}
    return {"filing_id": filing_id, "filing": outcome.filing_key, "scored": outcome.scored,
            "total": outcome.total, "reason": outcome.reason}
