"""The forecast's choice of scope and day (phạm vi, ngày tính): one definition for page, API and export."""

from django.utils.translation import gettext_lazy as _

from noivu.core.filters import FilterSet
from noivu.organizations.filters import unit_filter


class ForecastFilters(FilterSet):
    """The subtree of a unit (the user's whole scope when none is chosen), as of a day (today by default)."""

    under = unit_filter("organization__path", _("Đơn vị"))
