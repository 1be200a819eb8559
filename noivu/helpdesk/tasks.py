"""Periodic tasks of the hotline, found by Celery's autodiscovery, scheduled in ``CELERY_BEAT_SCHEDULE``."""

from celery import shared_task

from noivu.helpdesk.questions.reminders import send_reminders

SEND_REMINDERS = "helpdesk.send_reminders"


@shared_task(name=SEND_REMINDERS)
def send_reminders_task() -> int:
    """Remind the questions due soon or late (see :func:`send_reminders`)."""
    return send_reminders()
