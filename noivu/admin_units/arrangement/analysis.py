"""The analysis of a scope as the pages, the API and the export read it: the units of the filter's scope
as of its day (the user's province by default), analysed, filtered and sorted, as rows."""

from dataclasses import dataclass
from typing import Any

import numpy as np

from noivu.admin_units.arrangement.filters import AnalysisFilters
from noivu.admin_units.arrangement.standards import Analysis, Standards, analyse
from noivu.admin_units.models import AdminUnit, Level, Regime, UnitSuccession
from noivu.admin_units.registry import UnitTable, regime_on, units_on
from noivu.core.permissions import TREE_STEP, granted_paths
from noivu.organizations.models import Organization, OrganizationKind

SORTABLE = (
    "name",
    "unit_type",
    "parent_code",
    "area_km2",
    "area_pct",
    "population",
    "population_pct",
    "verdict",
)


@dataclass
class ScopedAnalysis:
    analysis: Analysis
    rows: list[dict[str, Any]]  # filtered and sorted
    counts: dict[str, int]
    sort: str
    province_codes: list[str]


def user_provinces(user: Any) -> list[str]:
    """The current codes of the provinces the user's grants lie in; empty for a national user."""
    paths = granted_paths(user)
    if not paths or any(len(path) <= TREE_STEP for path in paths):
        return []
    committees = (
        Organization.objects.unrestricted()
        .filter(kind=OrganizationKind.PROVINCE_COMMITTEE)
        .exclude(admin_unit_code="")
        .values_list("path", "admin_unit_code")
    )
    return sorted(
        {
            code
            for path, code in committees
            for granted in paths
            if granted.startswith(path) or path.startswith(granted)
        }
    )


def default_provinces(user: Any, regime: str) -> list[str]:
    """The provinces of the user's grants (their codes in ``regime``); none for a national user."""
    codes = user_provinces(user)
    if not codes or regime == Regime.TWO_TIER:
        return codes
    legacy = UnitSuccession.objects.filter(level=Level.PROVINCE, new_code__in=codes).values_list(
        "legacy_code", flat=True
    )
    return sorted(set(legacy))


def read(filters: AnalysisFilters, sort: str = "") -> ScopedAnalysis:
    day = filters.as_of
    regime = regime_on(day)
    parent = filters.value("parent")
    province = filters.value("province")
    if parent:
        units = units_on(day, regime=regime, parent_code=parent)
        provinces = list(units.province_code[:1])
    else:
        provinces = [province] if province else default_provinces(filters.user, regime)
        tables = [units_on(day, regime=regime, province_code=code) for code in provinces] or [
            units_on(day, regime=regime)
        ]
        units = UnitTable.concat(tables)
    analysis = analyse(units, day, filters.value("period") or None, Standards())
    keep = filters.mask(analysis)
    names = dict(
        AdminUnit.objects.filter(regime=regime, code__in=set(units.parent_code))
        .exclude(level=Level.COMMUNE)
        .values_list("code", "name")
    )
    index = np.flatnonzero(keep)
    key = sort.lstrip("-")
    if key in SORTABLE:
        values = {
            "name": units.name,
            "unit_type": units.unit_type,
            "parent_code": units.parent_code,
            "area_km2": units.area_km2,
            "area_pct": analysis.area_pct,
            "population": units.population,
            "population_pct": analysis.population_pct,
            "verdict": analysis.verdict,
        }[key][index]
        if values.dtype == object:
            order = np.array(sorted(range(len(index)), key=lambda i: str(values[i])), dtype=int)
        else:
            order = np.argsort(np.where(np.isnan(values), np.inf, values), kind="stable")
        if sort.startswith("-"):
            order = order[::-1]
        index = index[order]
    else:
        sort = ""
    rows = []
    for i in index:
        row = analysis.row(int(i))
        row["parent_name"] = names.get(row["parent_code"], "")
        rows.append(row)
    return ScopedAnalysis(analysis, rows, analysis.counts(), sort, provinces)


def parent_choices(user: Any) -> list[tuple[str, str]]:
    """The parents a plan or an analysis may cover for ``user``: their provinces after 1/7/2025 and the
    districts of the provinces they succeeded before (every province for a national user)."""
    from django.utils.translation import gettext as _

    provinces = user_provinces(user)
    current = AdminUnit.objects.filter(regime=Regime.TWO_TIER, level=Level.PROVINCE)
    legacy_provinces = UnitSuccession.objects.filter(level=Level.PROVINCE)
    if provinces:
        current = current.filter(code__in=provinces)
        legacy_provinces = legacy_provinces.filter(new_code__in=provinces)
    districts = AdminUnit.objects.filter(
        regime=Regime.LEGACY,
        level=Level.DISTRICT,
        province_code__in=legacy_provinces.values_list("legacy_code", flat=True),
    )
    choices = [
        (code, _("%(name)s (từ 1/7/2025)") % {"name": name})
        for code, name in current.order_by("name").values_list("code", "name")
    ]
    choices += [
        (code, _("%(name)s (trước 1/7/2025)") % {"name": name})
        for code, name in districts.order_by("province_code", "name").values_list("code", "name")
    ]
    return choices
