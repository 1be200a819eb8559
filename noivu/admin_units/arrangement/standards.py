"""The standards of administrative units and the arrangement criteria, as of a date (tiêu chuẩn ĐVHC,
tiêu chí sắp xếp): which standard a unit is measured against, its area and population as a share of it,
whether it must be arranged, may be exempted (and on which ground) or is compliant, and whether a unit
formed by merging meets what the period requires of it.

The figures come from the rule tables ``unit_standards``, ``unit_standard_factors`` and
``arrangement_periods`` (``law/*.yaml``); the analysis runs column by column over a
:class:`~noivu.admin_units.registry.UnitTable`.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.admin_units.models import Level, UnitType
from noivu.admin_units.registry import UnitTable
from noivu.core.rules import RuleNotFound, RuleTable, RuleValue, rule_table

STANDARDS = "unit_standards"
FACTORS = "unit_standard_factors"
PERIODS = "arrangement_periods"


class Verdict(models.TextChoices):
    MUST_ARRANGE = "must_arrange", gettext_lazy("Thuộc diện phải sắp xếp")
    EXEMPTIBLE = "exemptible", gettext_lazy("Thuộc diện sắp xếp, có căn cứ không bắt buộc")
    COMPLIANT = "compliant", gettext_lazy("Không thuộc diện phải sắp xếp")
    NO_DATA = "no_data", gettext_lazy("Thiếu số liệu")
    NO_STANDARD = "no_standard", gettext_lazy("Chưa có tiêu chuẩn")


_DISTRICT_KINDS = {
    UnitType.RURAL_DISTRICT: "rural_district",
    UnitType.URBAN_DISTRICT: "urban_district",
    UnitType.TOWN: "town",
    UnitType.CITY: "city",
}
_WARD_KINDS = {
    UnitType.URBAN_DISTRICT: "ward_urban_district",
    UnitType.CITY: "ward_city",
    UnitType.TOWN: "ward_town",
    UnitType.CENTRAL_CITY: "ward_urban_district",
    UnitType.PROVINCE: "ward_city",
}


def standard_kind(level: str, unit_type: str, parent_type: str) -> str:
    """The kind of standard a unit is measured against ("" for a special zone: none captured)."""
    if level == Level.PROVINCE:
        return "central_city" if unit_type == UnitType.CENTRAL_CITY else "province"
    if level == Level.DISTRICT:
        return _DISTRICT_KINDS.get(unit_type, "")  # type: ignore[call-overload]
    if unit_type == UnitType.WARD:
        return _WARD_KINDS.get(parent_type, "ward_city")  # type: ignore[call-overload]
    if unit_type == UnitType.TOWNSHIP:
        return "township"
    if unit_type == UnitType.COMMUNE:
        return "commune"
    return ""


def region_of(mountainous: bool, island: bool) -> str:
    return "island" if island else "mountainous" if mountainous else "other"


@dataclass(frozen=True)
class Standard:
    area_km2: float
    population: float
    rule: RuleValue


class Standards:
    """The rule tables read once for a unit of work, answering as of a day."""

    def __init__(self) -> None:
        self.standards: RuleTable = rule_table(STANDARDS)
        self.factors: RuleTable = rule_table(FACTORS)
        self.periods: RuleTable = rule_table(PERIODS)

    def standard(self, kind: str, region: str, day: dt.date) -> Standard | None:
        """The standard of ``kind`` in ``region`` on ``day``; an island or mountainous unit whose kind
        has no such row is measured against the ordinary one, a kind without regions by its own row."""
        for code in (f"{kind}.{region}", f"{kind}.other", kind):
            row = self.standards.get(code, day)
            if row is not None:
                return Standard(float(row.value["area_km2"]), float(row.value["population"]), row)
        return None

    def factors_on(self, day: dt.date) -> RuleValue | None:
        return self.factors.get("factors", day)

    def period(self, day: dt.date, code: str | None = None) -> RuleValue:
        """The arrangement period ``code`` (its last row), or the default period in force on ``day``."""
        if code:
            history = self.periods.history(code)
            if not history:
                raise RuleNotFound(_("Không có giai đoạn sắp xếp %(code)s.") % {"code": code})
            in_force = [row for row in history if row.in_force_on(day)]
            return in_force[0] if in_force else history[-1]
        for row in self.periods.in_force(day).values():
            if row.value.get("default"):
                return row
        raise RuleNotFound(
            _("Không có tiêu chí sắp xếp đơn vị hành chính có hiệu lực ngày %(day)s; hãy chọn giai đoạn.")
            % {"day": day.strftime("%d/%m/%Y")}
        )

    def period_choices(self) -> list[tuple[str, str]]:
        return [(code, self.periods.history(code)[-1].value["title"]) for code in self.periods.codes()]


@dataclass
class Analysis:
    """Each unit's standard, shares and verdict, in columns aligned with ``units``."""

    units: UnitTable
    day: dt.date
    period: RuleValue
    kind: np.ndarray
    region: np.ndarray
    standard_area: np.ndarray
    standard_population: np.ndarray
    area_pct: np.ndarray
    population_pct: np.ndarray
    must_arrange: np.ndarray
    verdict: np.ndarray
    grounds: np.ndarray
    rules: dict[str, RuleValue] = field(default_factory=dict)  # by kind.region: the standard applied
    factor_rule: RuleValue | None = None

    def counts(self) -> dict[str, int]:
        values, counts = np.unique(self.verdict, return_counts=True)
        found = {str(v): int(c) for v, c in zip(values, counts, strict=True)}
        return {verdict: found.get(verdict, 0) for verdict in Verdict.values}

    def row(self, i: int) -> dict[str, Any]:
        """Row ``i`` as plain values (API, export, templates)."""
        units = self.units

        def number(value: float, digits: int = 1) -> float | None:
            return None if np.isnan(value) else round(float(value), digits)

        rule = self.rules.get(f"{self.kind[i]}.{self.region[i]}")
        return {
            "code": units.code[i],
            "name": units.name[i],
            "unit_type": units.unit_type[i],
            "parent_code": units.parent_code[i],
            "province_code": units.province_code[i],
            "area_km2": number(units.area_km2[i], 2),
            "population": None if np.isnan(units.population[i]) else int(units.population[i]),
            "standard_area_km2": number(self.standard_area[i], 2),
            "standard_population": None
            if np.isnan(self.standard_population[i])
            else int(round(self.standard_population[i])),
            "area_pct": number(self.area_pct[i]),
            "population_pct": number(self.population_pct[i]),
            "verdict": str(self.verdict[i]),
            "grounds": list(self.grounds[i]),
            "citation": rule.legal_basis.citation if rule else "",
        }


def _clause_hits(
    clause: dict, level: np.ndarray, area_pct: np.ndarray, population_pct: np.ndarray
) -> np.ndarray:
    applies = np.isin(level, clause["levels"])
    below_area = area_pct < clause["area_pct_below"]
    below_population = population_pct < clause["population_pct_below"]
    hits = (
        (below_area | below_population)
        if clause.get("logic") == "either"
        else (below_area & below_population)
    )
    return applies & hits


def must_arrange(
    period: RuleValue, level: np.ndarray, area_pct: np.ndarray, population_pct: np.ndarray
) -> np.ndarray:
    """Whether each unit falls under the period's must-arrange clauses (nan shares never do)."""
    hits = np.zeros(len(level), dtype=bool)
    for clause in period.value["must_arrange"]:
        hits |= _clause_hits(clause, level, area_pct, population_pct)
    return hits


def population_factor(
    rule: RuleValue | None, units: UnitTable, kind: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The share (0–1) of the population and area standards that applies to each unit given its special
    factors (1 where none applies); rural units only."""
    n = len(units)
    population = np.ones(n)
    area = np.ones(n)
    if rule is None:
        return population, area
    spec = rule.value
    rural = np.isin(kind, ["commune", "rural_district", "province"])
    share = np.nan_to_num(units.ethnic_minority_pct, nan=0.0)
    threshold = float(spec["ethnic_share_from"])
    steps = np.floor(np.maximum(share - threshold, 0) / float(spec["step_share"]))
    pct = float(spec["population_pct"]) - steps * float(spec["step_pct"])
    if spec.get("floor_pct") is not None:
        pct = np.maximum(pct, float(spec["floor_pct"]))
    ethnic = rural & (((share >= threshold) & units.mountainous) | (units.border & bool(spec.get("border"))))
    population = np.where(ethnic, pct / 100.0, population)
    coastal = rural & units.coastal_poor & (kind == "commune")
    if spec.get("coastal_poor_pct") is not None:
        population = np.minimum(population, np.where(coastal, float(spec["coastal_poor_pct"]) / 100.0, 1.0))
    if spec.get("red_river_delta_area_pct") is not None:
        area = np.where(rural & units.red_river_delta, float(spec["red_river_delta_area_pct"]) / 100.0, 1.0)
    return population, area


def analyse(
    units: UnitTable, day: dt.date, period_code: str | None = None, standards: Standards | None = None
) -> Analysis:
    """Measure every unit of ``units`` against its standard on ``day`` and the criteria of the period."""
    standards = standards or Standards()
    period = standards.period(day, period_code)
    n = len(units)
    kinds = np.array(
        [
            standard_kind(level, unit_type, parent_type)
            for level, unit_type, parent_type in zip(
                units.level, units.unit_type, units.parent_type, strict=True
            )
        ],
        dtype=object,
    )
    region = np.where(units.island, "island", np.where(units.mountainous, "mountainous", "other")).astype(
        object
    )
    std_area = np.full(n, np.nan)
    std_population = np.full(n, np.nan)
    rules: dict[str, RuleValue] = {}
    keys = np.char.add(np.char.add(kinds.astype(str), "."), region.astype(str))
    for key in np.unique(keys):
        kind, reg = str(key).split(".")
        standard = standards.standard(kind, reg, day) if kind else None
        if standard is None:
            continue
        rules[str(key)] = standard.rule
        mask = keys == key
        std_area[mask] = standard.area_km2
        std_population[mask] = standard.population
    factor_rule = standards.factors_on(day)
    pop_factor, area_factor = population_factor(factor_rule, units, kinds)
    std_population = std_population * pop_factor
    std_area = std_area * area_factor
    with np.errstate(invalid="ignore", divide="ignore"):
        area_pct = units.area_km2 / std_area * 100.0
        population_pct = units.population / std_population * 100.0
    must = must_arrange(period, units.level, area_pct, population_pct)
    has_grounds = np.array([bool(g) for g in units.exemption_grounds], dtype=bool)
    no_standard = np.isnan(std_area)
    no_data = ~no_standard & (np.isnan(area_pct) | np.isnan(population_pct))
    verdict = np.where(
        must, np.where(has_grounds, Verdict.EXEMPTIBLE.value, Verdict.MUST_ARRANGE.value), "compliant"
    )
    verdict = np.where(no_data, Verdict.NO_DATA.value, verdict)
    verdict = np.where(no_standard, Verdict.NO_STANDARD.value, verdict).astype(object)
    return Analysis(
        units=units,
        day=day,
        period=period,
        kind=kinds,
        region=region,
        standard_area=std_area,
        standard_population=std_population,
        area_pct=area_pct,
        population_pct=population_pct,
        must_arrange=must & ~no_data & ~no_standard,
        verdict=verdict,
        grounds=units.exemption_grounds,
        rules=rules,
        factor_rule=factor_rule,
    )


@dataclass(frozen=True)
class GroupCheck:
    """What a unit formed by merging ``members`` would be, and whether it meets the period's rule."""

    members: tuple[str, ...]
    unit_type: str
    kind: str
    region: str
    area_km2: float
    population: float
    area_pct: float
    population_pct: float
    ok: bool
    reason: str
    exempt_by_size: bool


def merged_type(unit_types: Sequence[str]) -> str:
    """Merging a ward with others gives a ward; communes and townships give a commune (Nghị quyết
    76/2025, Điều 1.3); units of one type keep it."""
    kinds = set(unit_types)
    if len(kinds) == 1:
        return next(iter(kinds))
    return UnitType.WARD if UnitType.WARD in kinds else UnitType.COMMUNE


class GroupRule:
    """The period's rule for units formed by merging, prepared once for many candidate groups."""

    def __init__(self, standards: Standards, period: RuleValue, day: dt.date, level: str) -> None:
        self.standards = standards
        self.period = period
        self.day = day
        self.level = level
        self.merged = period.value.get("merged")
        self._cache: dict[tuple[str, str], Standard | None] = {}

    def standard(self, kind: str, region: str) -> Standard | None:
        key = (kind, region)
        if key not in self._cache:
            self._cache[key] = self.standards.standard(kind, region, self.day)
        return self._cache[key]

    def check(
        self,
        members: tuple[str, ...],
        unit_types: Sequence[str],
        areas: Sequence[float],
        populations: Sequence[float],
        mountainous: Sequence[bool],
        island: Sequence[bool],
        parent_type: str,
        province_type: str,
    ) -> GroupCheck:
        area = float(sum(areas))
        population = float(sum(populations))
        unit_type = merged_type(unit_types)
        mountain_area = sum(a for a, m in zip(areas, mountainous, strict=True) if m)
        region = region_of(area > 0 and mountain_area * 2 >= area, all(island))
        kind = standard_kind(self.level, unit_type, parent_type)
        standard = self.standard(kind, region) if kind else None
        if standard is None:
            return GroupCheck(
                members,
                unit_type,
                kind,
                region,
                area,
                population,
                np.nan,
                np.nan,
                False,
                _("Chưa có tiêu chuẩn cho loại đơn vị này."),
                False,
            )
        area_pct = area / standard.area_km2 * 100.0
        population_pct = population / standard.population * 100.0
        merged = self.merged
        size_exempt = bool(merged) and len(members) >= int(merged.get("exempt_members_at_least") or 10**6)
        ok, reason = True, ""
        if merged is None:
            hits = must_arrange(
                self.period, np.array([self.level]), np.array([area_pct]), np.array([population_pct])
            )
            if hits[0]:
                ok, reason = False, _("Đơn vị sau sắp xếp vẫn thuộc diện phải sắp xếp.")
        elif size_exempt and len(members) > 1:
            reason = _("Nhập từ %(n)s đơn vị trở lên: không bắt buộc đạt tiêu chuẩn.") % {
                "n": merged["exempt_members_at_least"]
            }
        elif "any" in merged:
            need = merged["any"]
            if area_pct < need["area_pct"] or population_pct < need["population_pct"]:
                ok, reason = (
                    False,
                    _("Chưa đạt %(a)s%% diện tích và %(p)s%% dân số của tiêu chuẩn.")
                    % {
                        "a": need["area_pct"],
                        "p": need["population_pct"],
                    },
                )
        elif unit_type == UnitType.WARD and "ward" in merged:
            need = merged["ward"]
            key = (
                "central_city"
                if province_type == UnitType.CENTRAL_CITY
                else ("mountainous" if region == "mountainous" else "other")
            )
            if area < need["area_km2"] or population < need["population"][key]:
                ok, reason = (
                    False,
                    _("Phường chưa đạt %(a)s km² và %(p)s người.")
                    % {
                        "a": need["area_km2"],
                        "p": f"{need['population'][key]:,}".replace(",", "."),
                    },
                )
        elif "commune" in merged:
            need = merged["commune"]["mountainous" if region == "mountainous" else "other"]
            if area_pct < need["area_pct"] or population_pct < need["population_pct"]:
                ok, reason = (
                    False,
                    _("Chưa đạt %(a)s%% diện tích và %(p)s%% dân số của tiêu chuẩn xã.")
                    % {
                        "a": need["area_pct"],
                        "p": need["population_pct"],
                    },
                )
        return GroupCheck(
            members,
            unit_type,
            kind,
            region,
            area,
            population,
            area_pct,
            population_pct,
            ok,
            reason,
            size_exempt,
        )
