"""Filters of the evaluation lists (lọc danh sách đánh giá, nhiệm vụ): one definition for page, API and
export."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.dates import today
from noivu.core.filters import Filter, FilterSet
from noivu.evaluation.models import Level, PeriodKind, Status, TaskStatus
from noivu.organizations.models import Organization


def _under(field: str) -> Any:
    def narrow(rows: QuerySet, code: str, filters: FilterSet) -> QuerySet:
        # Only narrows a queryset already restricted to the user.
        path = Organization.objects.unrestricted().filter(code=code).values_list("path", flat=True).first()
        return rows.none() if path is None else rows.filter(**{f"{field}__startswith": path})

    return narrow


def _choice(choices: Any, label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *choices])


class EvaluationFilters(FilterSet):
    """Evaluations by unit subtree, year, period, step and level."""

    under = Filter(
        forms.CharField(label=_("Thuộc đơn vị (mã)"), required=False, max_length=32),
        _under("organization__path"),
        description="Mã đơn vị: đơn vị đó và toàn bộ cây bên dưới.",
    )
    year = Filter(
        forms.IntegerField(label=_("Năm"), required=False, min_value=1900, max_value=2100),
        lambda rows, value, filters: rows.filter(year=value),
        api_type=int,
    )
    period_kind = Filter(
        _choice(PeriodKind.choices, _("Kỳ đánh giá")),
        lambda rows, value, filters: rows.filter(period_kind=value),
        api_type=PeriodKind,
    )
    period_number = Filter(
        forms.IntegerField(label=_("Số kỳ"), required=False, min_value=0, max_value=12),
        lambda rows, value, filters: rows.filter(period_number=value),
        api_type=int,
    )
    status = Filter(
        _choice(Status.choices, _("Bước")),
        lambda rows, value, filters: rows.filter(status=value),
        api_type=Status,
    )
    rating = Filter(
        _choice(Level.choices, _("Xếp loại")),
        lambda rows, value, filters: rows.filter(rating=value),
        api_type=Level,
    )


def _overdue(rows: QuerySet, value: bool, filters: FilterSet) -> QuerySet:
    return rows.filter(status=TaskStatus.OPEN, deadline__lt=today()) if value else rows


class TaskFilters(FilterSet):
    """Tasks by unit subtree, status and lateness."""

    under = Filter(
        forms.CharField(label=_("Thuộc đơn vị (mã)"), required=False, max_length=32),
        _under("organization__path"),
        description="Mã đơn vị: đơn vị đó và toàn bộ cây bên dưới.",
    )
    status = Filter(
        _choice(TaskStatus.choices, _("Trạng thái")),
        lambda rows, value, filters: rows.filter(status=value),
        api_type=TaskStatus,
    )
    overdue = Filter(
        forms.BooleanField(label=_("Chỉ nhiệm vụ quá hạn"), required=False),
        _overdue,
        api_type=bool,
    )
