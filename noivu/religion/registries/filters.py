"""Filters of the registries (lọc sổ theo dõi): one definition for the list page, the API and the export,
answered as of a day (rows in force then)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet
from noivu.core.text import fold
from noivu.organizations.models import Organization


def _under(rows: QuerySet, code: str, filters: FilterSet) -> QuerySet:
    # Only narrows rows already restricted: the unit named may lie above the user's subtree.
    path = Organization.objects.unrestricted().filter(code=code).values_list("path", flat=True).first()
    return rows.none() if path is None else rows.filter(organization__path__startswith=path)


def _of_religion(rows: QuerySet, code: str) -> QuerySet:
    if any(field.name == "religion" for field in rows.model._meta.get_fields()):
        return rows.filter(religion__code=code)
    return rows.filter(religious_organization__religion__code=code)


class RegistryFilters(FilterSet):
    """Rows in force on the as-of day, by name, managing unit, commune and religion."""

    q = Filter(
        forms.CharField(label=_("Tên"), required=False, max_length=100),
        lambda rows, text, filters: rows.filter(name_folded__contains=fold(text)),
        description='Tìm theo tên, không phân biệt dấu ("chua an").',
    )
    organization = Filter(
        forms.CharField(label=_("Cơ quan quản lý"), required=False, max_length=32),
        _under,
        description="Mã đơn vị: các mục do đơn vị đó và các đơn vị bên dưới quản lý.",
    )
    commune = Filter(
        forms.CharField(label=_("Mã xã, phường"), required=False, max_length=8),
        lambda rows, code, filters: rows.filter(commune_code=code),
        description="Mã xã, phường hiện hành (5 chữ số).",
    )
    religion = Filter(
        forms.CharField(label=_("Mã tôn giáo"), required=False, max_length=32),
        lambda rows, code, filters: _of_religion(rows, code),
        description="Mã tôn giáo (của tổ chức mà chức sắc, chức việc thuộc về).",
    )

    def apply(self, queryset: QuerySet) -> QuerySet:
        rows: Any = super().apply(queryset)
        return rows.as_of(self.as_of)
