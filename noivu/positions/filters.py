"""Filters of the job-position lists (lọc danh sách): one definition for page, API and export."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet
from noivu.organizations.models import Organization
from noivu.positions.models import PositionGroup, ProjectStatus, StaffKind


def _choice(choices: Any, label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *choices])


def _under(field: str) -> Filter:
    def narrow(rows: QuerySet, code: str, filters: FilterSet) -> QuerySet:
        # Only narrows a queryset already restricted to the user: the unit named may lie above their subtree.
        path = Organization.objects.unrestricted().filter(code=code).values_list("path", flat=True).first()
        return rows.none() if path is None else rows.filter(**{f"{field}__startswith": path})

    return Filter(
        forms.CharField(label=_("Thuộc đơn vị (mã)"), required=False, max_length=32),
        narrow,
        description="Mã đơn vị: đơn vị đó và toàn bộ cây bên dưới.",
    )


def _kind(field: str = "staff_kind") -> Filter:
    return Filter(
        _choice(StaffKind.choices, _("Đối tượng")),
        lambda rows, value, filters: rows.filter(**{field: value}),
        api_type=StaffKind,
    )


class CatalogFilters(FilterSet):
    """The catalogue by kind of staff, group and words of the name or code."""

    q = Filter(
        forms.CharField(label=_("Tên hoặc mã vị trí"), required=False, max_length=100),
        lambda rows, value, filters: rows.filter(
            Q(code__icontains=value.strip()) | Q(name__icontains=value.strip())
        ),
    )
    staff_kind = _kind()
    group = Filter(
        _choice(PositionGroup.choices, _("Nhóm vị trí")),
        lambda rows, value, filters: rows.filter(group=value),
        api_type=PositionGroup,
    )


class ProjectFilters(FilterSet):
    """Projects by unit subtree, kind of staff and status."""

    under = _under("organization__path")
    staff_kind = _kind()
    status = Filter(
        _choice(ProjectStatus.choices, _("Trạng thái")),
        lambda rows, value, filters: rows.filter(status=value),
        api_type=ProjectStatus,
    )


class GapFilters(FilterSet):
    """The gap analysis of the approved projects in force on the as-of date, by unit subtree and kind."""

    under = _under("organization__path")
    staff_kind = _kind()
