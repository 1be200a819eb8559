"""State changes of situation reports: reporting an incident, recording what was done and what follows.
Each checks the user's right on the reporting unit and is audited."""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core import dates
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.permissions import Action
from noivu.organizations.models import Organization
from noivu.religion.incidents.places import place_of
from noivu.religion.models import ActivityGroup, Incident, IncidentStatus, ReligiousOrganization, WorshipPlace

INCIDENT_REPORTED = event_type("religion.incident_reported", gettext_lazy("Báo cáo vụ việc tôn giáo"))
INCIDENT_FOLLOWED = event_type("religion.incident_followed", gettext_lazy("Cập nhật xử lý vụ việc tôn giáo"))


@action(INCIDENT_REPORTED)
def do_report_incident(
    ctx: ActionContext,
    *,
    organization: Organization,
    title: str,
    topic: str,
    severity: int,
    occurred_on: dt.date,
    reported_on: dt.date | None = None,
    commune_code: str = "",
    legacy_commune_code: str = "",
    place: WorshipPlace | None = None,
    religious_organizations: Sequence[ReligiousOrganization] = (),
    group: ActivityGroup | None = None,
    description: str = "",
    actions_taken: str = "",
    follow_up: str = "",
    follow_up_due: dt.date | None = None,
) -> Incident:
    """Report an incident; a report dated before 1/7/2025 names its legacy commune, which is rolled up
    to the current commune and province through the succession."""
    ctx.require(organization)
    for related in (place, group, *religious_organizations):
        if related is not None:
            ctx.require(related, Action.VIEW)
    reported_on = reported_on or dates.today()
    if occurred_on > reported_on:
        raise ValidationError({"occurred_on": _("Ngày xảy ra sau ngày báo cáo.")})
    if reported_on > dates.today():
        raise ValidationError({"reported_on": _("Ngày báo cáo chưa đến.")})
    where = place_of(
        occurred_on=occurred_on, commune_code=commune_code, legacy_commune_code=legacy_commune_code
    )
    incident = Incident(
        organization=organization,
        title=title.strip(),
        topic=topic,
        severity=severity,
        occurred_on=occurred_on,
        reported_on=reported_on,
        commune_code=where.commune_code,
        province_code=where.province_code,
        legacy_commune_code=where.legacy_commune_code,
        place=place,
        group=group,
        description=description.strip(),
        actions_taken=actions_taken.strip(),
        follow_up=follow_up.strip(),
        follow_up_due=follow_up_due,
        status=IncidentStatus.FOLLOWING if follow_up.strip() else IncidentStatus.OPEN,
    )
    incident.full_clean(exclude=["organization"])
    incident.save()
    if religious_organizations:
        incident.religious_organizations.set(religious_organizations)
    ctx.audit(incident, extra={"topic": topic, "severity": severity, "split": where.split})
    return incident


@action(INCIDENT_FOLLOWED)
def do_follow_up_incident(
    ctx: ActionContext,
    *,
    incident: Incident,
    status: str,
    actions_taken: str,
    follow_up: str = "",
    follow_up_due: dt.date | None = None,
) -> Incident:
    """Record the measures taken and what remains to follow (or close the incident)."""
    incident = Incident.objects.select_for_update().select_related("organization").get(pk=incident.pk)
    ctx.require(incident)
    if status not in IncidentStatus.values:
        raise ValidationError({"status": _("Tình trạng không hợp lệ.")})
    if status == IncidentStatus.FOLLOWING and not follow_up.strip():
        raise ValidationError({"follow_up": _("Ghi việc cần tiếp tục theo dõi.")})
    incident.status = status
    incident.actions_taken = actions_taken.strip()
    incident.follow_up = follow_up.strip()
    incident.follow_up_due = follow_up_due
    incident.full_clean(exclude=["organization"])
    incident.save()
    ctx.audit(incident, extra={"status": status})
    return incident
