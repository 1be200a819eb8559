"""Filters of the awards lists (lọc danh sách thi đua, khen thưởng): one definition for the page, the API
and the export — the screening of a unit (the year of the achievements and the decision date, which
chooses the regime), the initiatives recognised (unit, year, level, person) and the emulation movements
(unit, year)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.awards.models import InitiativeLevel
from noivu.core.filters import Filter, FilterSet, choice_field, date_field, equals, keep_all
from noivu.organizations.filters import unit_filter

FIRST_YEAR = 2024  # the Law on Emulation and Commendation 06/2022/QH15 applies from 1/1/2024


class EligibilityFilters(FilterSet):
    """The year screened and the decision date; the engine reads both, no row is narrowed by them."""

    year = Filter(
        forms.IntegerField(label=_("Năm thành tích"), required=False, min_value=FIRST_YEAR, max_value=2100),
        keep_all,
        api_type=int,
        description="Năm thành tích được xét (từ 2024); mặc định năm trước.",
    )
    decided_on = Filter(
        date_field(_("Ngày quyết định")),
        keep_all,
        description="Ngày quyết định (dd/mm/yyyy hoặc yyyy-mm-dd): chọn chế độ áp dụng; mặc định hôm nay.",
    )


class InitiativeFilters(FilterSet):
    """Initiatives by the author's unit subtree, year of recognition, level and author."""

    under = unit_filter("person__organization__path")
    year = Filter(
        forms.IntegerField(label=_("Năm"), required=False, min_value=1900, max_value=2100),
        equals("recognised_on__year"),
        api_type=int,
        description="Năm công nhận sáng kiến.",
    )
    level = Filter(
        choice_field(InitiativeLevel.choices, _("Cấp công nhận")),
        equals("level"),
        api_type=InitiativeLevel,
    )
    person_id = Filter(
        forms.IntegerField(
            label=_("Mã hồ sơ tác giả"), required=False, min_value=1, widget=forms.HiddenInput
        ),
        equals("person_id"),
        api_type=int,
        description="Mã hồ sơ của tác giả sáng kiến.",
    )


class MovementFilters(FilterSet):
    """Emulation movements by the launching unit's subtree and year."""

    under = unit_filter("organization__path", _("Đơn vị phát động"))
    year = Filter(
        forms.IntegerField(label=_("Năm thi đua"), required=False, min_value=FIRST_YEAR, max_value=2100),
        equals("year"),
        api_type=int,
        description="Năm thi đua của phong trào.",
    )
