"""The standards and the arrangement criteria against the worked cases of the domain notes (ARR-*, NQ76-*,
SF3A-*: derived from the verified and cross-checked thresholds) and hand-computed cases."""

import datetime as dt

import numpy as np
import pytest

from noivu.admin_units.arrangement.standards import GroupRule, Standards, Verdict, analyse
from noivu.admin_units.models import UnitType
from noivu.admin_units.registry import UnitTable
from noivu.core.rules import RuleNotFound

pytestmark = pytest.mark.django_db

IN_2020 = dt.date(2020, 6, 1)  # Nghị quyết 653/2019
IN_2024 = dt.date(2024, 6, 1)  # Nghị quyết 35/2023, 2023–2025
IN_2025 = dt.date(2025, 5, 1)  # Nghị quyết 76/2025


def _units(*rows: dict) -> UnitTable:
    defaults = {"level": "commune", "unit_type": UnitType.COMMUNE, "parent_type": UnitType.RURAL_DISTRICT}
    return UnitTable.from_rows([{**defaults, "code": f"{i:05d}", **row} for i, row in enumerate(rows)])


def _verdicts(units: UnitTable, day: dt.date, period: str | None = None) -> list[str]:
    return list(analyse(units, day, period).verdict)


@pytest.mark.parametrize(
    ("case", "area", "population", "mountainous", "verdict_2024"),
    [
        ("ARR-01", 15, 5000, False, Verdict.MUST_ARRANGE),  # both < 70 %
        ("ARR-02", 5, 20000, False, Verdict.MUST_ARRANGE),  # area < 20 %, population < 300 %
        ("ARR-03", 5, 25000, False, Verdict.COMPLIANT),  # population 312.5 %
        ("ARR-04", 40, 4500, True, Verdict.COMPLIANT),  # 80 % and 90 % of the mountainous standard
    ],
)
def test_worked_cases_of_the_2023_2025_criteria(case, area, population, mountainous, verdict_2024):
    units = _units({"area_km2": area, "population": population, "mountainous": mountainous})
    result = analyse(units, IN_2024)
    assert result.verdict[0] == verdict_2024, case
    assert result.period.code == "2023_2025"


def test_arr_01_shares_of_the_standard():
    result = analyse(_units({"area_km2": 15, "population": 5000}), IN_2024)
    assert (result.area_pct[0], result.population_pct[0]) == (50.0, 62.5)
    assert result.row(0)["citation"].startswith("1211/2016/UBTVQH13 (sửa đổi bởi 27/2022/UBTVQH15), Điều 3")


def test_arr_04_must_be_arranged_under_the_2026_2030_criteria():
    units = _units({"area_km2": 40, "population": 4500, "mountainous": True})
    assert _verdicts(units, IN_2024, "2026_2030") == [Verdict.MUST_ARRANGE]


def test_arr_05_a_district_with_a_small_area_and_less_than_twice_the_population():
    units = _units(
        {"level": "district", "unit_type": UnitType.RURAL_DISTRICT, "area_km2": 80, "population": 200000}
    )
    result = analyse(units, IN_2024)
    assert round(result.area_pct[0], 1) == 17.8 and round(result.population_pct[0], 1) == 166.7
    assert result.verdict[0] == Verdict.MUST_ARRANGE


@pytest.mark.parametrize(
    ("population", "verdict_2020"), [(3900, Verdict.MUST_ARRANGE), (4500, Verdict.COMPLIANT)]
)
def test_arr_653_cases_of_the_2019_2021_round(population, verdict_2020):
    units = _units({"area_km2": 14, "population": population})
    assert _verdicts(units, IN_2020) == [verdict_2020]
    assert _verdicts(units, IN_2024) == [Verdict.MUST_ARRANGE]


def test_the_2025_round_takes_area_or_population_below_the_standard():
    units = _units({"area_km2": 31, "population": 7999}, {"area_km2": 31, "population": 8000})
    assert _verdicts(units, IN_2025) == [Verdict.MUST_ARRANGE, Verdict.COMPLIANT]


def test_a_recorded_ground_makes_a_unit_exemptible_and_missing_figures_say_so():
    units = _units({"area_km2": 15, "population": 5000, "exemption_grounds": ["isolated"]}, {"area_km2": 15})
    assert _verdicts(units, IN_2024) == [Verdict.EXEMPTIBLE, Verdict.NO_DATA]


@pytest.mark.parametrize(("share", "minimum"), [(50, 2000), (100, 1000), (29, 5000)])
def test_sf3a_ethnic_minority_share_lowers_the_population_minimum(share, minimum):
    units = _units({"area_km2": 60, "population": 1000, "mountainous": True, "ethnic_minority_pct": share})
    assert analyse(units, IN_2024).standard_population[0] == minimum


def test_a_ward_is_measured_by_the_kind_of_its_parent_and_by_112_2025_from_2026():
    wards = _units(
        {"unit_type": UnitType.WARD, "parent_type": UnitType.URBAN_DISTRICT, "area_km2": 1, "population": 1},
        {"unit_type": UnitType.WARD, "parent_type": UnitType.TOWN, "area_km2": 1, "population": 1},
    )
    assert list(analyse(wards, IN_2024).standard_population) == [15000, 5000]
    assert list(analyse(wards, dt.date(2026, 2, 1), "2025").standard_population) == [21000, 21000]


def test_no_period_before_2019_unless_one_is_chosen():
    with pytest.raises(RuleNotFound):
        analyse(_units({"area_km2": 1, "population": 1}), dt.date(2018, 1, 1))
    assert _verdicts(_units({"area_km2": 1, "population": 1}), dt.date(2018, 1, 1), "2019_2021")


def _check(day: dt.date, types, areas, populations, mountainous=None, province_type=UnitType.PROVINCE):
    standards = Standards()
    rule = GroupRule(standards, standards.period(day), day, "commune")
    n = len(types)
    return rule.check(
        tuple(str(i) for i in range(n)),
        types,
        areas,
        populations,
        mountainous or [False] * n,
        [False] * n,
        UnitType.PROVINCE,
        province_type,
    )


def test_nq76_02_two_plain_communes_merged_meet_the_2025_orientation():
    check = _check(IN_2025, [UnitType.COMMUNE] * 2, [16, 16], [8500, 8500])
    assert check.ok and check.unit_type == UnitType.COMMUNE and check.population_pct == 212.5


def test_nq76_03_two_wards_of_a_central_city_short_of_area_are_refused():
    check = _check(
        IN_2025, [UnitType.WARD] * 2, [2.5, 2.5], [30000, 30000], province_type=UnitType.CENTRAL_CITY
    )
    assert not check.ok and "5.5 km²" in check.reason


def test_nq76_01_three_units_merged_need_no_check_and_a_ward_absorbs_communes():
    check = _check(IN_2025, [UnitType.WARD, UnitType.COMMUNE, UnitType.TOWNSHIP], [1, 1, 1], [10, 10, 10])
    assert check.ok and check.exempt_by_size and check.unit_type == UnitType.WARD


def test_under_the_2023_2025_criteria_the_unit_formed_must_leave_the_must_arrange_criteria():
    assert not _check(IN_2024, [UnitType.COMMUNE] * 2, [5, 5], [2000, 2000]).ok
    assert _check(IN_2024, [UnitType.COMMUNE] * 2, [15, 15], [3000, 3000]).ok
    assert np.isclose(_check(IN_2024, [UnitType.COMMUNE] * 2, [15, 15], [3000, 3000]).area_pct, 100)
