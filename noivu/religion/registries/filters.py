"""Filters of the registries (lọc sổ theo dõi): one definition for the list page, the API and the export,
answered as of a day (rows in force then)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet, equals
from noivu.core.text import fold
from noivu.core.widgets import tree_field
from noivu.organizations.filters import within_unit


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
        tree_field(_("Cơ quan quản lý")),
        within_unit("organization__path"),
        description="Mã đơn vị: các mục do đơn vị đó và các đơn vị bên dưới quản lý.",
    )
    commune = Filter(
        tree_field(_("Xã, phường"), "commune", empty_label=_("Tất cả xã, phường")),
        equals("commune_code"),
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
