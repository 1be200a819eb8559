"""State changes of the registries (sổ theo dõi): recording or correcting a religion, an organisation, a
place, a dignitary or a group, and closing one (dissolution, end of office). Each checks the user's right on
the managing organisation (both the old and the new one when it changes) and is audited; the history of
every row is kept."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.religion.models import NamedRecord, Religion

RELIGION_SAVED = event_type("religion.religion_saved", gettext_lazy("Ghi tôn giáo"))
RECORD_SAVED = event_type("religion.record_saved", gettext_lazy("Ghi sổ theo dõi tôn giáo"))
RECORD_CLOSED = event_type("religion.record_closed", gettext_lazy("Kết thúc một mục sổ theo dõi tôn giáo"))


@action(RELIGION_SAVED)
def do_save_religion(ctx: ActionContext, *, religion: Religion) -> Religion:
    """Record or correct a religion (national data: a national administrator)."""
    ctx.require(Religion)
    religion.full_clean()
    religion.save()
    return religion


@action(RECORD_SAVED)
def do_save_record(ctx: ActionContext, *, record: NamedRecord) -> NamedRecord:
    """Record a new row of a registry or correct one; the user must manage its organisation (and the one
    it belonged to before)."""
    if record.pk is not None:
        before = type(record).objects.select_for_update().select_related("organization").get(pk=record.pk)
        ctx.require(before)
    ctx.require(record.organization)
    record.full_clean()
    record.save()
    ctx.audit(record, extra={"kind": record._meta.model_name})
    return record


@action(RECORD_CLOSED)
def do_close_record(ctx: ActionContext, *, record: NamedRecord, effective_to: dt.date) -> NamedRecord:
    """End a row of a registry on ``effective_to`` (dissolution, end of office, end of registration)."""
    record = type(record).objects.select_for_update().select_related("organization").get(pk=record.pk)
    ctx.require(record)
    if record.effective_to is not None:
        raise ValidationError(
            _("Mục này đã kết thúc ngày %(day)s.") % {"day": f"{record.effective_to:%d/%m/%Y}"}
        )
    record.effective_to = effective_to
    record.full_clean()
    record.save(update_fields=["effective_to"])
    ctx.audit(record, extra={"kind": record._meta.model_name, "effective_to": effective_to.isoformat()})
    return record
