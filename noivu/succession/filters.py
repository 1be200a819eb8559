"""Filters of the succession lists (quy hoạch, đào tạo bồi dưỡng): one definition for page and API."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet, keep_all
from noivu.organizations.models import Organization
from noivu.succession.models import LeadershipLevel, Programme


def _under(field: str) -> Any:
    def narrow(rows: QuerySet, code: str, filters: FilterSet) -> QuerySet:
        # Only narrows a queryset already restricted to the user.
        path = Organization.objects.unrestricted().filter(code=code).values_list("path", flat=True).first()
        return rows.none() if path is None else rows.filter(**{f"{field}__startswith": path})

    return narrow


def _choice(choices: Any, label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *choices])


UNDER_HELP = "Mã đơn vị: đơn vị đó và toàn bộ cây bên dưới."


class PoolFilters(FilterSet):
    """Planning pools by unit subtree, level and term."""

    under = Filter(
        forms.CharField(label=_("Thuộc đơn vị (mã)"), required=False, max_length=32),
        _under("organization__path"),
        description=UNDER_HELP,
    )
    level = Filter(
        _choice(LeadershipLevel.choices, _("Cấp chức danh")),
        lambda rows, value, filters: rows.filter(level=value),
        api_type=LeadershipLevel,
    )
    term_start = Filter(
        forms.IntegerField(label=_("Nhiệm kỳ từ năm"), required=False, min_value=1900, max_value=2100),
        lambda rows, value, filters: rows.filter(term_start=value),
        api_type=int,
    )


class TrainingHoursFilters(FilterSet):
    """Persons by unit subtree, and only those short of the yearly requirement; the year is read apart."""

    under = Filter(
        forms.CharField(label=_("Thuộc đơn vị (mã)"), required=False, max_length=32),
        _under("organization__path"),
        description=UNDER_HELP,
    )
    year = Filter(
        forms.IntegerField(label=_("Năm"), required=False, min_value=1900, max_value=2100),
        keep_all,
        api_type=int,
        description="Năm tính số tiết (mặc định năm nay).",
    )
    missing = Filter(
        forms.BooleanField(label=_("Chỉ người chưa đủ số tiết"), required=False),
        lambda rows, value, filters: rows.filter(periods_missing__gt=0) if value else rows,
        api_type=bool,
    )


class CourseFilters(FilterSet):
    """Courses by organising unit subtree, programme and year."""

    under = Filter(
        forms.CharField(label=_("Thuộc đơn vị (mã)"), required=False, max_length=32),
        _under("organization__path"),
        description=UNDER_HELP,
    )
    programme = Filter(
        _choice(Programme.choices, _("Chương trình")),
        lambda rows, value, filters: rows.filter(programme=value),
        api_type=Programme,
    )
    year = Filter(
        forms.IntegerField(label=_("Năm"), required=False, min_value=1900, max_value=2100),
        lambda rows, value, filters: rows.filter(start_date__year=value),
        api_type=int,
    )
