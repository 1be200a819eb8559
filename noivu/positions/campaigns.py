"""The campaign dashboard (theo dõi tiến độ phê duyệt đề án): every agency of a campaign with the state of
its latest project, the days left to the deadline and whether it is overdue — one query for the whole
campaign, however many agencies it names."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Subquery

from noivu.organizations.models import Organization
from noivu.positions.models import Campaign, PositionProject, ProjectStatus

NO_PROJECT = "none"


@dataclass
class AgencyProgress:
    """One agency's progress in a campaign."""

    organization_id: int
    code: str
    name: str
    path: str
    status: str
    project_id: int | None
    version: int | None
    decision_date: dt.date | None
    days_left: int

    @property
    def approved(self) -> bool:
        return self.status == ProjectStatus.APPROVED

    @property
    def overdue(self) -> bool:
        return self.days_left < 0 and not self.approved

    @property
    def status_label(self) -> str:
        from django.utils.translation import gettext as _

        if self.status == NO_PROJECT:
            return _("Chưa lập đề án")
        return str(ProjectStatus(self.status).label)

    def as_dict(self) -> dict[str, Any]:
        return {
            "organization": self.code,
            "organization_name": self.name,
            "status": self.status,
            "project_id": self.project_id,
            "version": self.version,
            "decision_date": self.decision_date,
            "days_left": self.days_left,
            "overdue": self.overdue,
        }


def dashboard(campaign: Campaign, today: dt.date) -> list[AgencyProgress]:
    """Each agency of ``campaign`` with its project of the campaign's kind of staff — the approved one when
    there is one (a newer draft of it aside), else its latest version — in tree order."""
    latest = PositionProject.objects.unrestricted().filter(
        organization=OuterRef("pk"), staff_kind=campaign.staff_kind
    )
    approved = latest.filter(status__in=[ProjectStatus.APPROVED])
    newest = latest.order_by("-version")
    rows = (
        Organization.objects.unrestricted()
        .filter(pk__in=campaign.agencies.through.objects.filter(campaign=campaign).values("organization_id"))
        .annotate(
            approved_id=Subquery(approved.order_by("-version").values("pk")[:1]),
            approved_date=Subquery(approved.order_by("-version").values("decision_date")[:1]),
            approved_version=Subquery(approved.order_by("-version").values("version")[:1]),
            newest_id=Subquery(newest.values("pk")[:1]),
            newest_status=Subquery(newest.values("status")[:1]),
            newest_version=Subquery(newest.values("version")[:1]),
        )
        .values_list(
            "pk",
            "code",
            "name",
            "path",
            "approved_id",
            "approved_date",
            "approved_version",
            "newest_id",
            "newest_status",
            "newest_version",
        )
        .order_by("path")
    )
    days_left = (campaign.deadline - today).days
    result = []
    for pk, code, name, path, ok_id, ok_date, ok_version, new_id, new_status, new_version in rows:
        if ok_id is not None:
            status, project_id, version = ProjectStatus.APPROVED.value, ok_id, ok_version
        elif new_id is not None:
            status, project_id, version = new_status, new_id, new_version
        else:
            status, project_id, version = NO_PROJECT, None, None
        result.append(AgencyProgress(pk, code, name, path, status, project_id, version, ok_date, days_left))
    return result


def summary(rows: list[AgencyProgress]) -> dict[str, int]:
    """Counts for the dashboard's header: total, approved, in appraisal (submitted or under appraisal),
    returned, draft, without a project, overdue."""
    counts = {
        "total": len(rows),
        "overdue": sum(1 for row in rows if row.overdue),
        **{status: 0 for status in (*ProjectStatus.values, NO_PROJECT)},
    }
    for row in rows:
        counts[row.status] += 1
    counts["in_appraisal"] = counts[ProjectStatus.SUBMITTED] + counts[ProjectStatus.UNDER_APPRAISAL]
    return counts
