"""What organizations shows on the dashboard: the number of units in force in the user's scope."""

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import DashboardCard, User, dashboard_cards
from noivu.organizations.models import Organization


def organizations_card(user: User, as_of: dt.date) -> dict[str, Any]:
    """Agencies and units (cơ quan, đơn vị) of the user's scope in force on ``as_of``."""
    return {"count": Organization.objects.restrict(user).as_of(as_of).count()}


dashboard_cards.register(
    DashboardCard(
        key="organizations",
        title=_("Cơ quan, đơn vị"),
        order=10,
        context=organizations_card,
        template="organizations/cards/organizations.html",
        width="is-4",
    )
)
