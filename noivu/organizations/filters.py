"""Filters of the organisation list (lọc danh sách cơ quan, đơn vị): one definition for every entry path."""

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet, choice_field
from noivu.core.text import fold
from noivu.core.widgets import tree_field
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel, OrganizationQuerySet


def unit_path(code: str) -> str | None:
    """The tree path of the unit with ``code``, in the user's scope or not: it only narrows a queryset
    already restricted (the unit named may lie above the user's subtree)."""
    return Organization.objects.unrestricted().filter(code=code).values_list("path", flat=True).first()


def within_unit(path_lookup: str) -> Callable[[QuerySet, str, FilterSet], QuerySet]:
    """Narrowing to the rows whose organisation path (``path_lookup``) lies in the subtree of a unit."""

    def narrow(rows: QuerySet, code: str, filters: FilterSet) -> QuerySet:
        path = unit_path(code)
        return rows.none() if path is None else rows.filter(**{f"{path_lookup}__startswith": path})

    return narrow


def unit_filter(path_lookup: str, label: Any = None) -> Filter:
    """A list's unit filter (thuộc đơn vị): any unit of the user's tree, chosen in the searchable tree
    select, keeps the rows of that unit and of every unit below it."""
    return Filter(
        tree_field(label or _("Thuộc đơn vị")),
        within_unit(path_lookup),
        description="Mã đơn vị: đơn vị đó và toàn bộ cây bên dưới.",
    )


def _children_of(units: QuerySet, code: str, filters: FilterSet) -> QuerySet:
    path = unit_path(code)
    if path is None:
        return units.none()
    return units.filter(path__startswith=path, depth=len(path) // Organization.steplen + 1)


def _under(units: QuerySet, code: str, filters: FilterSet) -> QuerySet:
    path = unit_path(code)
    # The filters of this set narrow organisations, whose queryset has the tree helpers.
    return units.none() if path is None else cast(OrganizationQuerySet, units).within(path)


def _named(units: QuerySet, text: str, filters: FilterSet) -> QuerySet:
    return units.filter(name_folded__contains=fold(text))


class OrganizationFilters(FilterSet):
    """Units in force on the as-of date, narrowed by place in the tree, kind, level and name."""

    parent = Filter(
        forms.CharField(label=_("Đơn vị cấp trên"), required=False, max_length=32),
        _children_of,
        description="Mã đơn vị: chỉ các đơn vị trực thuộc trực tiếp.",
    )
    under = Filter(
        forms.CharField(label=_("Thuộc đơn vị"), required=False, max_length=32),
        _under,
        description="Mã đơn vị: đơn vị đó và toàn bộ cây bên dưới.",
    )
    kind = Filter(
        choice_field(OrganizationKind.choices, _("Loại hình")),
        lambda units, value, filters: units.filter(kind=value),
        api_type=OrganizationKind,
    )
    level = Filter(
        choice_field(OrganizationLevel.choices, _("Cấp")),
        lambda units, value, filters: units.filter(level=value),
        api_type=OrganizationLevel,
    )
    q = Filter(
        forms.CharField(label=_("Tên đơn vị"), required=False, max_length=100),
        _named,
        description='Tìm theo tên, không phân biệt dấu ("so noi vu").',
    )

    def apply(self, queryset: QuerySet) -> QuerySet:
        return cast(OrganizationQuerySet, super().apply(queryset)).as_of(self.as_of)
