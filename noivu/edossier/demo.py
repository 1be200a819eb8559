"""The electronic dossier's part of the demo data set: the outbox of the last weeks' changes of rank and
salary step, most delivered, a few waiting (some past their three working days) and one the receiver
refused, so that the synchronisation page shows what an agency sees."""

import datetime as dt

from django.utils import timezone

from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.edossier.engine import DOSSIER_CATEGORIES
from noivu.edossier.models import SyncEvent, SyncStatus
from noivu.edossier.sync import MAX_ATTEMPTS, outbox_event
from noivu.payroll.models import SalaryHistory

EVENTS = 40
OVERDUE = 3


def load(context: DemoContext) -> str:
    steps = list(
        SalaryHistory.objects.unrestricted()
        .filter(person__organization__path__startswith=context.root_path)
        .filter(person__category__in=DOSSIER_CATEGORIES, person__cccd_number__regex=r"^\d{12}$")
        .select_related("person__organization")
        .order_by("-effective_from", "id")[:EVENTS]
    )
    now = timezone.make_aware(dt.datetime.combine(context.as_of, dt.time(9)))
    events = []
    for number, step in enumerate(steps):
        event = outbox_event(
            step.person, step, "dossier.salary_step_recorded", now - dt.timedelta(hours=6 * number)
        )
        if number < OVERDUE:
            event.occurred_at = now - dt.timedelta(days=8 + number)
            event.due_on = context.as_of - dt.timedelta(days=2 + number)
            event.attempts, event.last_error = 2, "Connection refused"
        elif number == len(steps) - 1:
            event.status, event.attempts = SyncStatus.DEAD, MAX_ATTEMPTS
            event.last_error = "agency: mã cơ quan chưa được đăng ký trên cơ sở dữ liệu quốc gia"
        elif number % 3:
            event.status, event.delivered_at = (
                SyncStatus.DELIVERED,
                event.occurred_at + dt.timedelta(minutes=5),
            )
        events.append(event)
    SyncEvent.objects.bulk_create(events)
    return f"{len(events)} sự kiện đồng bộ hồ sơ điện tử"


def clear(root_path: str) -> None:
    SyncEvent.objects.unrestricted().filter(person__organization__path__startswith=root_path).delete()


demo_steps.register(DemoStep(key="edossier", order=90, load=load, clear=clear))
