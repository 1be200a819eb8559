"""State changes of emulation and commendation: an initiative recognised (sáng kiến được công nhận) entered
on a person's record. Each checks the acting user's right on the person and is audited."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.awards.models import Initiative, InitiativeLevel
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.dates import today
from noivu.core.text import normalize
from noivu.personnel.models import Person

INITIATIVE_RECORDED = event_type("awards.initiative_recorded", gettext_lazy("Ghi sáng kiến được công nhận"))


@action(INITIATIVE_RECORDED)
def do_record_initiative(
    ctx: ActionContext,
    *,
    person: Person,
    title: str,
    level: str,
    recognised_on: dt.date,
    decision_number: str = "",
    authority: str = "",
) -> Initiative:
    """Record an initiative of ``person`` recognised at ``level`` on ``recognised_on``; the eligibility
    engine counts it from that year (Luật Thi đua, khen thưởng 06/2022/QH15 Điều 21–23, 74)."""
    ctx.require(person)
    if level not in InitiativeLevel.values:
        raise ValidationError({"level": _("Cấp công nhận phải là cơ sở, bộ/ngành/tỉnh hoặc toàn quốc.")})
    if recognised_on > today():
        raise ValidationError({"recognised_on": _("Ngày công nhận không được sau hôm nay.")})
    row = Initiative(
        person=person,
        title=normalize(title),
        level=level,
        recognised_on=recognised_on,
        decision_number=normalize(decision_number),
        authority=normalize(authority),
    )
    row.full_clean()
    row.save()
    return row
