"""Celery tasks of the catalog: import a file, then refresh the milestones (and the scores, where present)."""

from celery import shared_task

from constellations.importer import import_catalog_source


@shared_task(name="constellations.tasks.import_catalog_file")
def import_catalog_file(path: str, fmt: str | None = None) -> dict:
    record = import_catalog_source(path, fmt=fmt)
    from compliance import tasks as compliance_tasks

    compliance_tasks.evaluate_all.delay()
    score_all = getattr(compliance_tasks, "score_all", None)
    if score_all is not None:
        score_all.delay()
    return {"import": record.pk, "created": record.created, "updated": record.updated,
            "unchanged": record.unchanged, "rejected": record.rejected}
