"""Periodic task of the electronic dossier, found by Celery's autodiscovery, scheduled in
``CELERY_BEAT_SCHEDULE``."""

from celery import shared_task

from noivu.edossier.sync import deliver

DELIVER = "edossier.deliver"


@shared_task(name=DELIVER)
def deliver_task() -> dict[str, int]:
    """Send the outbox's due events to the national database (see :func:`deliver`)."""
    return deliver()


CHECK_INTEGRITY = "edossier.check_integrity"


@shared_task(name=CHECK_INTEGRITY)
def check_integrity_task() -> dict[str, int]:
    """Run the integrity check of the dossiers (see :func:`noivu.edossier.integrity.run_check`)."""
    from noivu.edossier.integrity import run_check

    return run_check()
