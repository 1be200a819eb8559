"""Filters of the staffing lists (lọc danh sách biên chế): one definition for page, API and export."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet
from noivu.organizations.models import Organization
from noivu.staffing.models import QuotaCategory, RestructuringKind, StreamliningPolicy, Workflow


def under_path(code: str) -> str | None:
    # Only narrows a queryset already restricted to the user: the unit named may lie above their subtree.
    return Organization.objects.unrestricted().filter(code=code).values_list("path", flat=True).first()


def _under(field: str) -> Any:
    def narrow(rows: QuerySet, code: str, filters: FilterSet) -> QuerySet:
        path = under_path(code)
        return rows.none() if path is None else rows.filter(**{f"{field}__startswith": path})

    return narrow


def _choice(choices: Any, label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *choices])


def _under_filter(field: str) -> Filter:
    return Filter(
        forms.CharField(label=_("Thuộc đơn vị (mã)"), required=False, max_length=32),
        _under(field),
        description="Mã đơn vị: đơn vị đó và toàn bộ cây bên dưới.",
    )


class HeadcountFilters(FilterSet):
    """Quotas in force on the as-of date against the persons assigned, by unit subtree and kind."""

    under = _under_filter("organization__path")
    category = Filter(
        _choice(QuotaCategory.choices, _("Loại biên chế")),
        lambda rows, value, filters: rows.filter(category=value),
        api_type=QuotaCategory,
    )


class QuotaFilters(FilterSet):
    under = _under_filter("organization__path")
    year = Filter(
        forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100),
        lambda rows, value, filters: rows.filter(year=value),
        api_type=int,
    )
    category = Filter(
        _choice(QuotaCategory.choices, _("Loại biên chế")),
        lambda rows, value, filters: rows.filter(category=value),
        api_type=QuotaCategory,
    )
    status = Filter(
        _choice(Workflow.choices, _("Trạng thái")),
        lambda rows, value, filters: rows.filter(status=value),
        api_type=Workflow,
    )


class RestructuringFilters(FilterSet):
    under = _under_filter("organization__path")
    kind = Filter(
        _choice(RestructuringKind.choices, _("Hình thức")),
        lambda rows, value, filters: rows.filter(kind=value),
        api_type=RestructuringKind,
    )
    status = Filter(
        _choice(Workflow.choices, _("Trạng thái")),
        lambda rows, value, filters: rows.filter(status=value),
        api_type=Workflow,
    )


class CaseFilters(FilterSet):
    under = _under_filter("organization__path")
    policy = Filter(
        _choice(StreamliningPolicy.choices, _("Chính sách")),
        lambda rows, value, filters: rows.filter(policy=value),
        api_type=StreamliningPolicy,
    )
    status = Filter(
        _choice(Workflow.choices, _("Trạng thái")),
        lambda rows, value, filters: rows.filter(status=value),
        api_type=Workflow,
    )
    year = Filter(
        forms.IntegerField(label=_("Năm nghỉ"), required=False, min_value=2000, max_value=2100),
        lambda rows, value, filters: rows.filter(leave_date__year=value),
        api_type=int,
    )


class TargetFilters(FilterSet):
    under = _under_filter("organization__path")
    category = Filter(
        _choice(QuotaCategory.choices, _("Loại biên chế")),
        lambda rows, value, filters: rows.filter(category=value),
        api_type=QuotaCategory,
    )
