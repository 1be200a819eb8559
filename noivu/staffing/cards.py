"""What staffing shows on other apps' pages: the dashboard cards of quota use and of streamlining progress,
and the staffing panel of a unit's page."""

import datetime as dt
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import DashboardCard, OrganizationPanel, User, dashboard_cards, organization_panels
from noivu.organizations.models import Organization
from noivu.personnel.models import Assignment
from noivu.staffing.headcount import headcount, totals
from noivu.staffing.models import QuotaCategory, StaffingQuota, StreamliningCase, Workflow

CHART_SCRIPTS = ("vendor/chartjs/chart.umd.min.js", "staffing/charts.js")


def _figures(user: User, as_of: dt.date, under: str | None = None) -> dict[str, Any]:
    rows = headcount(
        StaffingQuota.objects.restrict(user), Assignment.objects.restrict(user), as_of, under=under
    )
    summary = totals(rows)
    return {
        "summary": [
            {"label": QuotaCategory(kind).label, "kind": kind, **figures} for kind, figures in summary.items()
        ],
        "over_units": sum(1 for row in rows if row.over),
        "chart": {
            "labels": [str(QuotaCategory(kind).label) for kind in summary],
            "datasets": [
                {"label": str(_("Biên chế được giao")), "values": [f["quota"] for f in summary.values()]},
                {"label": str(_("Có mặt")), "values": [f["assigned"] for f in summary.values()]},
            ],
        },
    }


def quota_card(user: User, as_of: dt.date) -> dict[str, Any]:
    """Quotas in force in the user's scope against the persons assigned (tình hình sử dụng biên chế)."""
    return _figures(user, as_of)


def streamlining_card(user: User, as_of: dt.date) -> dict[str, Any]:
    """Streamlining cases of the user's scope in the year of ``as_of``: left, approved, proposed, paid."""
    cases = StreamliningCase.objects.restrict(user).filter(leave_date__year=as_of.year)
    figures = cases.aggregate(
        done=Count("pk", filter=Q(status=Workflow.DONE)),
        approved=Count("pk", filter=Q(status=Workflow.APPROVED)),
        proposed=Count("pk", filter=Q(status=Workflow.PROPOSED)),
        paid=Sum("benefit_total", filter=Q(status=Workflow.DONE)),
    )
    return {"year": as_of.year, **figures, "paid": figures["paid"] or 0}


def staffing_panel(user: Any, organization: Organization, as_of: dt.date) -> dict[str, Any]:
    """The unit's quotas in force against the persons of its subtree, with the drill-down."""
    rows = headcount(
        StaffingQuota.objects.restrict(user).filter(organization=organization),
        Assignment.objects.restrict(user),
        as_of,
        under=organization.path,
    )
    return {"organization": organization, "rows": rows}


dashboard_cards.register(
    DashboardCard(
        key="staffing-quota",
        title=_("Biên chế được giao và số người có mặt"),
        order=30,
        context=quota_card,
        template="staffing/cards/quota.html",
        width="is-8",
        scripts=CHART_SCRIPTS,
    )
)
dashboard_cards.register(
    DashboardCard(
        key="staffing-streamlining",
        title=_("Tinh giản biên chế trong năm"),
        order=31,
        context=streamlining_card,
        template="staffing/cards/streamlining.html",
        width="is-4",
    )
)
organization_panels.register(
    OrganizationPanel(
        key="staffing",
        title=_("Biên chế"),
        order=30,
        context=staffing_panel,
        template="staffing/panels/staffing.html",
    )
)
