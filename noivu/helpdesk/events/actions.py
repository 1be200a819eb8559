"""State changes of guidance conferences and training sessions (hội nghị, tập huấn)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.permissions import Action
from noivu.core.text import normalize
from noivu.helpdesk.files import check_attachment
from noivu.helpdesk.models import Event, EventMaterial, Participant
from noivu.organizations.models import Organization

EVENT_CREATED = event_type("helpdesk.event_created", gettext_lazy("Lập hội nghị, lớp tập huấn"))
MATERIAL_ADDED = event_type("helpdesk.material_added", gettext_lazy("Thêm tài liệu hội nghị"))
PARTICIPANTS_ADDED = event_type("helpdesk.participants_added", gettext_lazy("Thêm đại biểu, học viên"))
ATTENDANCE_RECORDED = event_type("helpdesk.attendance_recorded", gettext_lazy("Điểm danh hội nghị"))


@action(EVENT_CREATED, permission=Action.CHANGE)
def do_create_event(
    ctx: ActionContext,
    *,
    organization: Organization,
    kind: str,
    title: str,
    topic: str,
    held_on: dt.date,
    place: str = "",
    description: str = "",
) -> Event:
    ctx.require(organization)
    event = Event(
        organization=organization,
        kind=kind,
        title=normalize(title),
        topic=topic,
        held_on=held_on,
        place=normalize(place),
        description=description.strip(),
    )
    event.full_clean()
    event.save()
    return event


@action(MATERIAL_ADDED, permission=Action.CHANGE)
def do_add_material(
    ctx: ActionContext, *, event: Event, title: str, name: str, content: bytes
) -> EventMaterial:
    """Attach a material to ``event``; the file is checked for type and size like an attachment."""
    ctx.require(event)
    checked = check_attachment(name, content)
    material = EventMaterial(event=event, title=normalize(title), size=len(checked.content))
    material.file.save(checked.name, ContentFile(checked.content), save=False)
    material.full_clean()
    material.save()
    ctx.audit(event, extra={"material": material.title})
    return material


@action(PARTICIPANTS_ADDED, permission=Action.CHANGE)
def do_add_participants(ctx: ActionContext, *, event: Event, lines: str) -> list[Participant]:
    """Invite the people listed one per line as ``name; unit`` (the unit may be left out)."""
    ctx.require(event)
    added = []
    for number, line in enumerate(lines.splitlines(), start=1):
        if not line.strip():
            continue
        name, _sep, unit = line.partition(";")
        if not normalize(name):
            raise ValidationError({"lines": _("Dòng %(line)s: thiếu họ tên.") % {"line": number}})
        participant = Participant(event=event, name=normalize(name), unit=normalize(unit))
        participant.full_clean()
        participant.save()
        added.append(participant)
    if not added:
        raise ValidationError({"lines": _("Chưa có đại biểu, học viên nào.")})
    ctx.audit(event, extra={"added": len(added)})
    return added


@action(ATTENDANCE_RECORDED, permission=Action.CHANGE)
def do_record_attendance(ctx: ActionContext, *, event: Event, present: set[int]) -> int:
    """Mark who attended (the ids in ``present``) and who did not; returns how many attended."""
    ctx.require(event)
    participants = Participant.objects.unrestricted().filter(event=event)
    participants.filter(pk__in=present).update(attended=True)
    participants.exclude(pk__in=present).update(attended=False)
    count = participants.filter(attended=True).count()
    ctx.audit(event, extra={"attended": count})
    return count
