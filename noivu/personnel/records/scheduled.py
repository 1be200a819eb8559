"""Transfers dated in the future take effect on their day (điều động có hiệu lực từ ngày sau).

A person's ``organization`` and ``category`` mirror their primary assignment in force, so that lists and
scopes need no date arithmetic. A transfer recorded today with a later date leaves the mirror alone;
:func:`apply_due_assignments`, run daily just after midnight Vietnam time (Celery beat, or cron through
``manage.py apply_due_assignments``), moves the persons whose assignment in force now names another
unit or category: the person's scope follows their assignment history.
"""

import datetime as dt
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy

from noivu.core import dates
from noivu.core.audit import event_type
from noivu.core.models import AuditEvent
from noivu.personnel.models import Assignment, Person

TRANSFER_APPLIED = event_type("person.transfer_applied", gettext_lazy("Điều động đến ngày có hiệu lực"))
CHANGE_REASON = "Áp dụng quá trình công tác đến ngày có hiệu lực"
SYSTEM_CHANNEL = "system"


def apply_due_assignments(day: dt.date | None = None) -> int:
    """Set the unit and category of every person whose primary assignment in force on ``day`` (today in
    Vietnam by default) differs from them; returns how many persons moved.

    Set-based: one query finds the persons to move with their new unit and category, one UPDATE per
    (unit, category) group moves them, and their history rows and audit events are written in bulk.
    """
    day = day or dates.today()
    in_force = (
        Assignment.objects.unrestricted()
        .as_of(day)
        .filter(person=OuterRef("pk"), is_primary=True)
        .order_by("-effective_from", "-pk")
    )
    due = (
        Person.objects.unrestricted()
        .annotate(
            due_organization=Subquery(in_force.values("organization_id")[:1]),
            due_category=Subquery(in_force.values("category")[:1]),
        )
        .filter(due_organization__isnull=False)
        .filter(~Q(organization_id=F("due_organization")) | ~Q(category=F("due_category")))
        .values_list("pk", "organization_id", "due_organization", "due_category")
    )
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    origins: dict[int, int] = {}
    for pk, origin, organization_id, category in due:
        groups[organization_id, category].append(pk)
        origins[pk] = origin
    if not groups:
        return 0
    now = timezone.now()
    with transaction.atomic():
        for (organization_id, category), ids in groups.items():
            Person.objects.unrestricted().filter(pk__in=ids).update(
                organization_id=organization_id, category=category, updated_at=now
            )
        moved = list(Person.objects.unrestricted().filter(pk__in=origins).select_related("organization"))
        Person.history.bulk_history_create(moved, update=True, default_change_reason=CHANGE_REASON)
        person_type = ContentType.objects.get_for_model(Person)
        AuditEvent.objects.bulk_create(
            AuditEvent(
                event_type=TRANSFER_APPLIED,
                organization_path=person.organization.path,
                target_type=person_type,
                target_id=str(person.pk),
                target_label=str(person)[:255],
                reason=CHANGE_REASON,
                extra={
                    "from_organization": origins[person.pk],
                    "to_organization": person.organization_id,
                    "category": person.category,
                    "as_of": day.isoformat(),
                },
                channel=SYSTEM_CHANNEL,
            )
            for person in moved
        )
    return len(moved)
