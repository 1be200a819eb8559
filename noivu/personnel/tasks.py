"""Periodic tasks of the personnel app, found by Celery's autodiscovery and scheduled in
``CELERY_BEAT_SCHEDULE``."""

from celery import shared_task

from noivu.personnel.records.scheduled import apply_due_assignments

APPLY_DUE_ASSIGNMENTS = "personnel.apply_due_assignments"


@shared_task(name=APPLY_DUE_ASSIGNMENTS)
def apply_due_assignments_task() -> int:
    """Move the persons whose transfer takes effect today (see :func:`apply_due_assignments`)."""
    return apply_due_assignments()
