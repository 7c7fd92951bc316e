"""Celery tasks of the catalog: import a file or sync a public source, then refresh the milestones and the scores."""

import logging
import os

from celery import shared_task

from compliance.tasks import evaluate_all, score_all
from constellations.importer import import_catalog_source
from constellations.models import SyncRecord
from constellations.sync import SyncFailed, run_sync

log = logging.getLogger(__name__)


@shared_task(name="constellations.tasks.import_catalog_file")
def import_catalog_file(path: str, fmt: str | None = None) -> dict:
    record = import_catalog_source(path, fmt=fmt)
    evaluate_all.delay()
    score_all.delay()
    return {"import": record.pk, "created": record.created, "updated": record.updated,
            "unchanged": record.unchanged, "rejected": record.rejected}


@shared_task(name="constellations.tasks.sync_source")
def sync_source(source: str) -> dict:
    """One scheduled sync (beat entries in settings.CELERY_BEAT_SCHEDULE). A failure is recorded as a failed
    SyncRecord and logged; the task itself succeeds, so the next scheduled run simply tries again."""
    if source == SyncRecord.Source.SPACETRACK and not (
        os.environ.get("SPACETRACK_IDENTITY") and os.environ.get("SPACETRACK_PASSWORD")
    ):
        return {"source": source, "skipped": "no Space-Track credentials in the environment"}
    try:
        result = run_sync(source)
    except SyncFailed as exc:
        log.error("sync %s failed: %s", source, exc)
        return {"source": source, "failed": str(exc)}
    if result.created or result.updated:
        evaluate_all.delay()
        score_all.delay()
    return {"source": source, "records": [r.pk for r in result.records], "refused": len(result.refused),
            "created": result.created, "updated": result.updated}
