from celery import shared_task

from compliance.evaluation import refresh_milestones


@shared_task(name="compliance.tasks.evaluate_all")
def evaluate_all() -> dict:
    """The daily refresh of every filing's milestone results."""
    return dict(refresh_milestones())
