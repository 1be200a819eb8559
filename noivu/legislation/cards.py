"""What the drafting programme shows on the dashboard: progress of the programmes in the user's scope."""

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import DashboardCard, User, dashboard_cards
from noivu.legislation.models import DraftDocument
from noivu.legislation.progress import amendment_indicator, progress


def programme_card(user: User, as_of: dt.date) -> dict[str, Any]:
    """Documents of the drafting programmes (issued, overdue, at risk) and the amendment indicator."""
    documents = DraftDocument.objects.restrict(user).filter(programme__year__lte=as_of.year)
    return {"progress": progress(documents, as_of), "amendments": amendment_indicator(documents)}


dashboard_cards.register(
    DashboardCard(
        key="legislation",
        title=_("Chương trình xây dựng văn bản"),
        order=60,
        context=programme_card,
        template="legislation/cards/programme.html",
        width="is-6",
    )
)
