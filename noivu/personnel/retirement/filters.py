"""Filters of the retirement list (lọc danh sách đến tuổi nghỉ hưu): one definition for the page and its
Excel export."""

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet, keep_all
from noivu.core.widgets import tree_field
from noivu.personnel.records.filters import within_unit_on
from noivu.personnel.retirement.listing import DEFAULT_PERIOD, PERIODS


def _periods() -> list[tuple[int, str]]:
    # Called each time the choices are read: labelled in the language of the request being served.
    return [(period, _("%(months)s tháng tới") % {"months": period}) for period in PERIODS]


class RetirementFilters(FilterSet):
    """Persons of the user's scope reaching the statutory retirement age within a period, in a unit's
    subtree."""

    months = Filter(
        forms.TypedChoiceField(label=_("Trong thời gian"), coerce=int, required=False, choices=_periods),
        keep_all,
        api_type=int,
        description="Số tháng tới (3, 6, 12 hoặc 24).",
    )
    organization = Filter(
        tree_field(_("Đơn vị")),
        within_unit_on,
        description="Mã đơn vị: người thuộc đơn vị đó và các đơn vị bên dưới.",
    )

    @property
    def period(self) -> int:
        return self.value("months") or DEFAULT_PERIOD
