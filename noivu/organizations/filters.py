"""Filters of the organisation list (lọc danh sách cơ quan, đơn vị): one definition for every entry path."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet
from noivu.core.text import fold
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel, OrganizationQuerySet


def _path_of(code: str) -> str | None:
    # Only narrows a queryset that is already restricted: the unit named may lie above the user's subtree.
    return Organization.objects.unrestricted().filter(code=code).values_list("path", flat=True).first()


def _children_of(units: QuerySet, code: str, filters: FilterSet) -> QuerySet:
    path = _path_of(code)
    if path is None:
        return units.none()
    return units.filter(path__startswith=path, depth=len(path) // Organization.steplen + 1)


def _under(units: QuerySet, code: str, filters: FilterSet) -> QuerySet:
    path = _path_of(code)
    # The filters of this set narrow organisations, whose queryset has the tree helpers.
    return units.none() if path is None else cast(OrganizationQuerySet, units).within(path)


def _named(units: QuerySet, text: str, filters: FilterSet) -> QuerySet:
    return units.filter(name_folded__contains=fold(text))


def _choice(choices: Any, label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *choices])


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
        _choice(OrganizationKind.choices, _("Loại hình")),
        lambda units, value, filters: units.filter(kind=value),
        api_type=OrganizationKind,
    )
    level = Filter(
        _choice(OrganizationLevel.choices, _("Cấp")),
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
