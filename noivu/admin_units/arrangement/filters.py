"""Filters of the analysis (lọc bảng phân tích): one definition for the page, the API and the export.

They narrow a :class:`~noivu.admin_units.registry.UnitTable` read as of the filter set's day, not a
queryset: the analysis is computed over the whole scope, then shown in part.
"""

from typing import Any

import numpy as np
from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.admin_units.arrangement.standards import Standards, Verdict
from noivu.core.filters import Filter, FilterSet
from noivu.core.text import fold


def _periods() -> list[tuple[str, Any]]:
    return [("", _("Theo ngày tính")), *Standards().period_choices()]


def _verdicts() -> list[tuple[str, Any]]:
    return [("", _("Tất cả")), *Verdict.choices]


def _keep_scope(table: Any, value: Any, filters: FilterSet) -> Any:
    return table  # read by the view when it loads the units


def _verdict(analysis: Any, value: str, filters: FilterSet) -> Any:
    return analysis.verdict == value


def _named(analysis: Any, value: str, filters: FilterSet) -> Any:
    key = fold(value)
    return np.array([key in fold(name) for name in analysis.units.name], dtype=bool)


class AnalysisFilters(FilterSet):
    """The units of a province or a parent unit as of a day, measured against a period's criteria."""

    province = Filter(
        forms.CharField(label=_("Tỉnh, thành phố"), required=False, max_length=2),
        _keep_scope,
        description="Mã tỉnh (2 chữ số) theo danh mục có hiệu lực ngày tính.",
    )
    parent = Filter(
        forms.CharField(label=_("Đơn vị cấp huyện"), required=False, max_length=3),
        _keep_scope,
        description="Mã đơn vị cấp huyện (3 chữ số), trước 1/7/2025.",
    )
    period = Filter(
        forms.ChoiceField(label=_("Giai đoạn tiêu chí"), required=False, choices=_periods),
        _keep_scope,
        description="Giai đoạn tiêu chí sắp xếp; mặc định theo ngày tính.",
    )
    verdict = Filter(
        forms.ChoiceField(label=_("Kết luận"), required=False, choices=_verdicts),
        _verdict,
        api_type=Verdict,
    )
    q = Filter(
        forms.CharField(label=_("Tên đơn vị"), required=False, max_length=100),
        _named,
        description="Tìm theo tên, không phân biệt dấu.",
    )

    SCOPE = ("province", "parent", "period")

    def mask(self, analysis: Any) -> np.ndarray:
        """The rows of ``analysis`` the filters keep (the scope filters were applied when reading)."""
        keep = np.ones(len(analysis.units), dtype=bool)
        for name, spec in self.filters.items():
            value = self.cleaned.get(name)
            if name not in self.SCOPE and value not in (None, ""):
                keep &= spec.apply(analysis, value, self)
        return keep
