from celery import shared_task

from compliance.evaluation import refresh_milestones


@shared_task(name="compliance.tasks.evaluate_all")
def evaluate_all() -> dict:
    """The daily refresh of every filing's milestone results."""
    return dict(refresh_milestones())

# The filing-score tasks live in their own module; importing them here registers them with the worker.
from compliance.tasks_scoring import score_all, score_filing_task  # noqa: E402,F401
