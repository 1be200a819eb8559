"""The unit's own award history (khen thưởng của tập thể) on the unit page, through the organisation-panel
registry: the collective titles and forms its councils' decisions gave it, newest first."""

import datetime as dt
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from noivu.awards.models import UnitAward
from noivu.core.extensions import OrganizationPanel, organization_panels
from noivu.organizations.models import Organization


def unit_awards_panel(user: Any, organization: Organization, as_of: dt.date) -> dict[str, Any]:
    """The collective awards of ``organization`` decided up to ``as_of`` the user may read, and their
    reward money."""
    rows = UnitAward.objects.restrict(user).filter(organization=organization, decision_date__lte=as_of)
    return {
        "organization": organization,
        "rows": list(rows.order_by("-decision_date", "pk")),
        "total": rows.aggregate(total=Sum("reward"))["total"] or 0,
    }


organization_panels.register(
    OrganizationPanel(
        key="unit-awards",
        title=_("Khen thưởng của tập thể"),
        order=60,
        context=unit_awards_panel,
        template="awards/panels/unit_awards.html",
    )
)
