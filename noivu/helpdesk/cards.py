"""What the hotline shows on the dashboard: volumes by month and channel, open and overdue questions, the
time to answer against the service level, and the topics asked about more than the month before."""

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import DashboardCard, User, dashboard_cards
from noivu.helpdesk.models import Channel, Question
from noivu.helpdesk.questions.service_level import figures


def hotline_card(user: User, as_of: dt.date) -> dict[str, Any]:
    """The hotline of the units in the user's scope, as of ``as_of``."""
    result = figures(Question.objects.restrict(user), as_of)
    totals = [
        sum(values[index] for values in result.by_channel.values()) for index in range(len(result.months))
    ]
    peak = max([1, *totals])
    months: list[dict[str, Any]] = [
        {
            "label": label,
            "channels": [
                {"label": Channel(code).label, "count": values[index], "code": code}
                for code, values in result.by_channel.items()
            ],
            "total": sum(values[index] for values in result.by_channel.values()),
        }
        for index, label in enumerate(result.months)
    ]
    for month in months:
        month["percent"] = round(100 * month["total"] / peak)
    return {"figures": result, "months": months}


dashboard_cards.register(
    DashboardCard(
        key="helpdesk",
        title=_("Đường dây nóng, hỏi đáp"),
        order=65,
        context=hotline_card,
        template="helpdesk/cards/hotline.html",
        width="is-6",
    )
)
