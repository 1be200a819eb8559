"""Filters of the staffing lists (lọc danh sách biên chế): one definition for page, API and export."""

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet, choice_field, equals
from noivu.organizations.filters import unit_filter
from noivu.staffing.models import QuotaCategory, RestructuringKind, StreamliningPolicy, Workflow


class HeadcountFilters(FilterSet):
    """Quotas in force on the as-of date against the persons assigned, by unit subtree and kind."""

    under = unit_filter("organization__path")
    category = Filter(
        choice_field(QuotaCategory.choices, _("Loại biên chế")),
        equals("category"),
        api_type=QuotaCategory,
    )


class QuotaFilters(FilterSet):
    under = unit_filter("organization__path")
    year = Filter(
        forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100),
        equals("year"),
        api_type=int,
    )
    category = Filter(
        choice_field(QuotaCategory.choices, _("Loại biên chế")),
        equals("category"),
        api_type=QuotaCategory,
    )
    status = Filter(
        choice_field(Workflow.choices, _("Trạng thái")),
        equals("status"),
        api_type=Workflow,
    )


class RestructuringFilters(FilterSet):
    under = unit_filter("organization__path")
    kind = Filter(
        choice_field(RestructuringKind.choices, _("Hình thức")),
        equals("kind"),
        api_type=RestructuringKind,
    )
    status = Filter(
        choice_field(Workflow.choices, _("Trạng thái")),
        equals("status"),
        api_type=Workflow,
    )


class CaseFilters(FilterSet):
    under = unit_filter("organization__path")
    policy = Filter(
        choice_field(StreamliningPolicy.choices, _("Chính sách")),
        equals("policy"),
        api_type=StreamliningPolicy,
    )
    status = Filter(
        choice_field(Workflow.choices, _("Trạng thái")),
        equals("status"),
        api_type=Workflow,
    )
    year = Filter(
        forms.IntegerField(label=_("Năm nghỉ"), required=False, min_value=2000, max_value=2100),
        equals("leave_date__year"),
        api_type=int,
    )


class TargetFilters(FilterSet):
    under = unit_filter("organization__path")
    category = Filter(
        choice_field(QuotaCategory.choices, _("Loại biên chế")),
        equals("category"),
        api_type=QuotaCategory,
    )
