"""Periodic task of the electronic dossier, found by Celery's autodiscovery, scheduled in
``CELERY_BEAT_SCHEDULE``."""

from celery import shared_task

from noivu.edossier.sync import deliver

DELIVER = "edossier.deliver"


@shared_task(name=DELIVER)
def deliver_task() -> dict[str, int]:
    """Send the outbox's due events to the national database (see :func:`deliver`)."""
    return deliver()
