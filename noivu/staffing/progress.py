"""Progress towards streamlining targets (tiến độ tinh giản biên chế): persons who left under approved
cases in the target's period, those planned to leave, and the headcount against the baseline."""

import datetime as dt
from typing import Any

from django.db.models import Count, Q, Sum

from noivu.personnel.models import Assignment
from noivu.staffing.models import QUOTA_FILLED_BY, StreamliningCase, StreamliningTarget, Workflow


def progress(target: StreamliningTarget, as_of: dt.date) -> dict[str, Any]:
    """How far a target is met on ``as_of``: persons who left under approved cases in its period (achieved),
    those approved or proposed to leave later (planned), and the headcount now against the baseline."""
    cases = StreamliningCase.objects.unrestricted().filter(
        organization__path__startswith=target.organization.path,
        category=target.category,
        leave_date__gte=target.effective_from,
        leave_date__lte=target.effective_to or dt.date.max,
    )
    counts = cases.aggregate(
        achieved=Count("pk", filter=Q(status=Workflow.DONE, leave_date__lte=as_of)),
        planned=Count("pk", filter=Q(status__in=[Workflow.PROPOSED, Workflow.APPROVED])),
        paid=Sum("benefit_total", filter=Q(status=Workflow.DONE)),
    )
    now = (
        Assignment.objects.unrestricted()
        .as_of(as_of)
        .filter(
            is_primary=True,
            organization__path__startswith=target.organization.path,
            category__in=QUOTA_FILLED_BY[target.category],
        )
        .count()
    )
    required = target.required
    achieved = counts["achieved"]
    return {
        "required": required,
        "achieved": achieved,
        "planned": counts["planned"],
        "benefit_paid": counts["paid"] or 0,
        "headcount": now,
        "reduction": target.baseline - now,
        "percent": round(100 * achieved / required) if required else 100,
        "met": achieved >= required,
    }
