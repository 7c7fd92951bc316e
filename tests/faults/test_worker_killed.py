"""A Celery worker killed (SIGKILL) in the middle of writing a filing score.

A real worker subprocess (broker: a redis-server of our own) runs ``compliance.tasks.score_filing``. The test
hook (tests/faults/hooks.py) stops the task right after its FilingScore UPDATE, inside ``store()``'s
transaction, and the test kills it there:

* ``pool-child``: the prefork child running the task is killed; the worker's main process sees it lost and,
  with ``acks_late`` + ``reject_on_worker_lost``, puts the task back on the queue; a new child reruns it;
* ``whole-worker``: the whole worker dies unacknowledged; a worker started afterwards gets the task back
  once the broker's visibility timeout (CELERY_BROKER_VISIBILITY_TIMEOUT, 2 s here) has passed.

Either way the stored score is the old one until the rerun commits a complete new one; never a mix.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import time

import pytest

from compliance.models import FilingScore
from compliance.scoring import ScoringRun, refresh_scores
from filings.models import FilingShell
from tests.faults.hooks import HOLD
from tests.faults.services import Worker, pool_children, wait_for

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

OLD = dict(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 15), as_of=dt.date(2026, 11, 25))
NEW = dict(start=dt.date(2027, 1, 1), end=dt.date(2027, 1, 15), as_of=dt.date(2026, 12, 1))
STEP = 60.0
VISIBILITY_SECONDS = 2


@pytest.fixture
def scored_kuiper(kuiper):
    for ordinal, (h, i, p, s) in enumerate([(590, 33, 28, 28), (610, 42, 36, 36), (630, 51.9, 34, 34)], 1):
        FilingShell.objects.create(filing=kuiper, ordinal=ordinal, altitude_km=h, inclination_deg=i, planes=p,
                                   satellites_per_plane=s, satellite_count=p * s)
    refresh_scores(filings=[kuiper], step_minutes=STEP, **OLD)
    return kuiper


def _row(filing) -> dict:
    row = FilingScore.objects.filter(filing=filing).values().get()
    row.pop("id")
    return row


def _expected(filing, start, end, as_of) -> dict:
    """What a complete score for these arguments holds (computed here, not written)."""
    run = ScoringRun(start, end, as_of, STEP)
    return {**run.figures(filing).row_values(), "as_of": as_of, "window_start": run.window.start,
            "window_end": run.window.end, "step_minutes": STEP}


def _matches(row: dict, expected: dict) -> bool:
    return all(row[key] == value for key, value in expected.items())


@pytest.mark.parametrize("kill", ["pool-child", "whole-worker"])
def test_a_worker_killed_while_writing_a_score_leaves_the_old_one_and_the_task_is_rerun(
    scored_kuiper, redis_server, tmp_path, kill
):
    filing = scored_kuiper
    old_row = _row(filing)
    old, new = _expected(filing, **OLD), _expected(filing, **NEW)
    assert _matches(old_row, old) and not _matches(old_row, new)
    hold = tmp_path / "hold"
    hold.mkdir()

    redis_server.start()
    worker = Worker(redis_server.url, tmp_path, pool="prefork", include="tests.faults.hooks",
                    env={HOLD: str(hold), "CELERY_BROKER_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS)})
    try:
        worker.start()
        worker.send("compliance.tasks.score_filing", filing.pk, *(NEW[k].isoformat() for k in ("start", "end", "as_of")),
                    STEP)
        wait_for(lambda: (hold / "holding").exists(), timeout=60, describe=worker.log)
        holder = int((hold / "holding").read_text())
        assert holder != worker.process.pid and holder in pool_children(worker)

        # The new figures are written but not committed: every reader still sees the old score, whole.
        assert _row(filing) == old_row

        if kill == "pool-child":
            os.kill(holder, signal.SIGKILL)
        else:
            worker.kill()
            assert _row(filing) == old_row  # the dead worker's transaction rolled back
            time.sleep(VISIBILITY_SECONDS + 0.5)
            worker.start()

        def rescored():
            """the score recomputed by the rerun task"""
            row = _row(filing)
            assert _matches(row, old) or _matches(row, new), row  # never a mix
            return _matches(row, new)

        wait_for(rescored, timeout=60, describe=worker.log)
    finally:
        worker.stop()
    row = _row(filing)
    assert _matches(row, new) and row["computed_at"] > old_row["computed_at"]
    assert FilingScore.objects.filter(filing=filing).count() == 1
    log = worker.log()
    if kill == "pool-child":
        assert "WorkerLostError" in log or "SIGKILL" in log, log
    assert "Task compliance.tasks.score_filing" in log and "succeeded" in log, log
