"""The daily reminder of the hotline (nhắc hạn trả lời): every open question due within the reminder window
of the service level, or already late, is mailed to the person assigned (or, unassigned, to the unit's
staff who may answer it), once a day, and the reminder is written to the audit log.

Run by Celery beat (``helpdesk.send_reminders``, after 07:00 Vietnam time) or from cron through
``manage.py helpdesk_reminders``; a missed day is caught up by the next run, which finds every question
still due."""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.accounts.models import User
from noivu.core import dates
from noivu.core.audit import event_type
from noivu.core.models import AuditEvent
from noivu.core.permissions import Action, roles_allowing
from noivu.helpdesk.models import Question
from noivu.helpdesk.questions.service_level import to_remind

QUESTION_REMINDED = event_type("helpdesk.question_reminded", gettext_lazy("Nhắc hạn trả lời câu hỏi"))


def _recipients(question: Question) -> list[str]:
    if question.assigned_to is not None and question.assigned_to.email:
        return [question.assigned_to.email]
    path = question.organization.path
    staff = User.objects.filter(
        is_active=True,
        grants__role__in=roles_allowing(Action.CHANGE),
        grants__organization__path__in=[path[:end] for end in range(4, len(path) + 1, 4)],
    ).exclude(email="")
    return sorted(set(staff.values_list("email", flat=True)))


def send_reminders(day: dt.date | None = None) -> int:
    """Remind every open question due by the end of the window; returns how many were reminded."""
    day = day or dates.today()
    with transaction.atomic():
        due = list(to_remind(Question.objects.unrestricted().select_for_update(of=("self",)), day))
        if not due:
            return 0
        messages = []
        for question in due:
            late = question.due_on < day
            subject = (
                _("Quá hạn trả lời: %(subject)s") if late else _("Sắp đến hạn trả lời: %(subject)s")
            ) % {"subject": question.subject[:120]}
            body = _(
                "Câu hỏi “%(subject)s” tiếp nhận ngày %(received)s, hạn trả lời %(due)s, chưa được trả lời."
            ) % {
                "subject": question.subject,
                "received": f"{question.received_on:%d/%m/%Y}",
                "due": f"{question.due_on:%d/%m/%Y}",
            }
            recipients = _recipients(question)
            if recipients:
                messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, recipients))
        Question.objects.unrestricted().filter(pk__in=[q.pk for q in due]).update(reminded_on=day)
        kind = ContentType.objects.get_for_model(Question)
        AuditEvent.objects.bulk_create(
            AuditEvent(
                event_type=QUESTION_REMINDED,
                organization_path=question.organization.path,
                target_type=kind,
                target_id=str(question.pk),
                target_label=question.subject[:255],
                channel="system",
                extra={"due_on": question.due_on.isoformat(), "late": question.due_on < day},
            )
            for question in due
        )
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return len(due)
