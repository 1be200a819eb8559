"""Calculator ``unit-standard``: a unit's area and population as shares of its standard on a day, and
its verdict under the arrangement criteria, with citations (see docs/calc.md)."""

import math
from typing import Any

from noivu.admin_units.arrangement.standards import Verdict, analyse
from noivu.admin_units.models import ExemptionGround, Level, UnitType
from noivu.admin_units.registry import UnitTable
from noivu.core import rules
from noivu.core.calculation import Case, CaseError, date_field, register

_PARENTS = {
    UnitType.URBAN_DISTRICT,
    UnitType.CITY,
    UnitType.TOWN,
    UnitType.RURAL_DISTRICT,
    UnitType.PROVINCE,
    UnitType.CENTRAL_CITY,
}


def _number(case: Case, field: str) -> float:
    value = case.get(field)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or math.isnan(value)
        or value < 0
        or value > 1e9
    ):
        raise CaseError(field, "phải là số không âm")
    return float(value)


def _choice(case: Case, field: str, allowed: list[str], default: str | None = None) -> str:
    value = case.get(field, default)
    if value not in allowed:
        raise CaseError(field, f"phải là một trong: {', '.join(allowed)}")
    return str(value)


@register(
    "unit-standard",
    "Diện tích, dân số so với tiêu chuẩn và kết luận sắp xếp của một đơn vị hành chính: "
    '{"level": "commune", "unit_type": "commune", "area_km2": 15, "population": 5000, "date": "2024-06-01"}',
)
def calculate_unit_standard(case: Case) -> dict[str, Any]:
    day = date_field(case, "date")
    level = _choice(case, "level", list(Level.values))
    unit_type = _choice(case, "unit_type", list(UnitType.values))
    parent_type = _choice(case, "parent_type", ["", *sorted(_PARENTS)], "")
    area = _number(case, "area_km2")
    population = _number(case, "population")
    flags = {}
    for name in ("mountainous", "island", "border", "red_river_delta", "coastal_poor"):
        value = case.get(name, False)
        if not isinstance(value, bool):
            raise CaseError(name, "phải là true hoặc false")
        flags[name] = value
    share = case.get("ethnic_minority_pct")
    if share is not None and (
        isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 100
    ):
        raise CaseError("ethnic_minority_pct", "phải là số từ 0 đến 100")
    grounds = case.get("exemption_grounds", [])
    if not isinstance(grounds, list) or not set(grounds) <= set(ExemptionGround.values):
        raise CaseError("exemption_grounds", f"là danh sách các giá trị: {', '.join(ExemptionGround.values)}")
    period = case.get("period")
    if period is not None and not isinstance(period, str):
        raise CaseError("period", "phải là mã giai đoạn")
    units = UnitTable.from_rows(
        [
            {
                "code": "-",
                "name": "-",
                "level": level,
                "unit_type": unit_type,
                "parent_type": parent_type,
                "area_km2": area,
                "population": population,
                "ethnic_minority_pct": share,
                "exemption_grounds": grounds,
                **flags,
            }
        ]
    )
    try:
        result = analyse(units, day, period or None)
    except rules.RuleNotFound as missing:
        raise CaseError("period" if period else "date", str(missing)) from missing
    row = result.row(0)
    if row["verdict"] == Verdict.NO_STANDARD:
        raise CaseError("unit_type", "chưa có tiêu chuẩn cho loại đơn vị này vào ngày đã cho")
    standard = result.rules[f"{result.kind[0]}.{result.region[0]}"]
    used = [standard.explain(), result.period.explain()]
    if result.factor_rule is not None and result.standard_population[0] != standard.value["population"]:
        used.append(result.factor_rule.explain())
    return {
        "result": {
            "standard_area_km2": row["standard_area_km2"],
            "standard_population": row["standard_population"],
            "area_pct": row["area_pct"],
            "population_pct": row["population_pct"],
            "verdict": row["verdict"],
            "verdict_text": str(Verdict(row["verdict"]).label),
        },
        "explanation": {
            "inputs": dict(case),
            "rules": used,
            "steps": [
                f"Tiêu chuẩn ngày {day:%d/%m/%Y}: {row['standard_area_km2']} km², "
                f"{row['standard_population']} người ({standard.legal_basis.citation}).",
                f"Diện tích đạt {row['area_pct']}%, dân số đạt {row['population_pct']}% tiêu chuẩn.",
                f"Tiêu chí {result.period.value['title']} ({result.period.legal_basis.citation}): "
                f"{Verdict(row['verdict']).label}.",
            ],
        },
    }
