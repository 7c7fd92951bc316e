"""Celery tasks of the catalog: import a file, then refresh the milestones and the scores."""

from celery import shared_task

from compliance.tasks import evaluate_all, score_all
from constellations.importer import import_catalog_source


@shared_task(name="constellations.tasks.import_catalog_file")
def import_catalog_file(path: str, fmt: str | None = None) -> dict:
    record = import_catalog_source(path, fmt=fmt)
    evaluate_all.delay()
    score_all.delay()
    return {"import": record.pk, "created": record.created, "updated": record.updated,
            "unchanged": record.unchanged, "rejected": record.rejected}
