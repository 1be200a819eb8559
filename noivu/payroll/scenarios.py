"""Salary-plan scenarios (phương án trả lương): what a change of the rules from a date costs.

The staff of the subtree on the start date are loaded once as frames (:mod:`noivu.payroll.runs`); the
baseline is their pay under the law in force that day, the scenario their pay with the new base salary
and the allowances changed by a percentage per kind. The monthly fund is gross pay plus the employer's
contributions; the yearly fund twelve times it. Differences are aggregated by unit (the children of the
scenario's organisation: the provinces of the country), category and salary group, all columnar.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from noivu.payroll.engine import ALLOWANCE_COLUMNS, FrameRates, SalaryLaw, compute_frame
from noivu.payroll.runs import person_inputs, read_frame

FUND = ("gross", "employer_contributions")
UNITS_SQL = "SELECT id, path, name FROM organizations_organization WHERE path LIKE %s"


@dataclass(frozen=True)
class ScenarioChanges:
    """What the scenario changes: the base salary, and each allowance kind by a percentage (+10 = 10 %
    more); the public-duty allowance's rate changes with the kind ``public_duty``."""

    base_salary: int | None = None
    allowance_percent: dict[str, float] = field(default_factory=dict)

    def factor(self, kind: str) -> float:
        return 1 + float(self.allowance_percent.get(kind, 0)) / 100


def apply_changes(
    persons: pl.LazyFrame, allowances: pl.LazyFrame, rates: FrameRates, changes: ScenarioChanges
) -> tuple[pl.LazyFrame, pl.LazyFrame, FrameRates]:
    """The scenario's inputs: the allowances scaled, the base salary and public-duty rate replaced."""
    scaled_persons = persons.with_columns(
        (pl.col("leadership_e4") * changes.factor("leadership")).round().cast(pl.Int64).alias("leadership_e4")
    )
    kinds = {kind: changes.factor(kind) for kind in changes.allowance_percent if kind != "leadership"}
    factor = pl.col("kind").replace_strict(kinds, default=1.0, return_dtype=pl.Float64)
    scaled_allowances = allowances.with_columns(
        (pl.col("coefficient_e4") * factor).round().cast(pl.Int64).alias("coefficient_e4"),
        (pl.col("percent_e2") * factor).round().cast(pl.Int64).alias("percent_e2"),
    )
    scenario_rates = FrameRates(
        changes.base_salary or rates.base_salary,
        round(rates.public_duty_e2 * changes.factor("public_duty")),
        (changes.base_salary or rates.base_salary) * (rates.insurance_cap // rates.base_salary)
        if rates.base_salary
        else 0,
        rates.contributions,
    )
    return scaled_persons, scaled_allowances, scenario_rates


def _fund(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame.with_columns(
        (
            pl.col("gross")
            + pl.col("employer_social_insurance")
            + pl.col("employer_health_insurance")
            + pl.col("employer_unemployment_insurance")
        ).alias("fund")
    )


def compare(
    staff: pl.DataFrame, allowances: pl.DataFrame, rates: FrameRates, changes: ScenarioChanges
) -> pl.DataFrame:
    """Each person's monthly fund under the baseline and the scenario, and the difference."""
    persons, others = person_inputs(staff, allowances)
    baseline = _fund(compute_frame(persons, rates, others)).select(
        "person_id", pl.col("fund").alias("baseline")
    )
    new_persons, new_others, new_rates = apply_changes(persons, others, rates, changes)
    scenario = _fund(compute_frame(new_persons, new_rates, new_others)).select(
        "person_id", pl.col("fund").alias("scenario")
    )
    return (
        staff.lazy()
        .select("person_id", "organization_id", "category", "salary_group")
        .join(baseline, on="person_id")
        .join(scenario, on="person_id")
        .with_columns((pl.col("scenario") - pl.col("baseline")).alias("difference"))
        .collect()
    )


def _unit_of(root_path: str, step: int) -> pl.DataFrame:
    """Each organisation of the subtree with the unit it is counted under: the child of the root that
    contains it (the root itself for its own staff)."""
    units = read_frame(UNITS_SQL, [f"{root_path}%"], {"id": pl.Int64, "path": pl.Utf8, "name": pl.Utf8})
    depth = len(root_path) + step
    names = units.select(pl.col("path").alias("unit_path"), pl.col("name").alias("unit"))
    return (
        units.select(
            pl.col("id").alias("organization_id"),
            pl.when(pl.col("path").str.len_chars() >= depth)
            .then(pl.col("path").str.slice(0, depth))
            .otherwise(pl.col("path"))
            .alias("unit_path"),
        )
        .join(names, on="unit_path", how="left")
        .select("organization_id", "unit")
    )


def aggregate(people: pl.DataFrame, by: str) -> list[dict[str, Any]]:
    """Persons, monthly baseline, scenario and difference per value of ``by``, largest difference first."""
    return (
        people.group_by(by)
        .agg(
            pl.len().alias("persons"),
            pl.col("baseline").sum(),
            pl.col("scenario").sum(),
            pl.col("difference").sum(),
        )
        .sort("difference", by, descending=[True, False])
        .rename({by: "key"})
        .with_columns(pl.col("key").cast(pl.Utf8).fill_null(""))
        .to_dicts()
    )


def run_scenario(
    root_path: str,
    starts_on: dt.date,
    changes: ScenarioChanges,
    *,
    step: int,
    progress: Callable[[int, str], None] = lambda percent, message: None,
    law: SalaryLaw | None = None,
) -> tuple[dict[str, Any], pl.DataFrame]:
    """The figures of a scenario (totals and aggregates, JSON-ready) and each person's row."""
    from noivu.payroll.runs import month_frames

    law = law or SalaryLaw.load()
    rates = FrameRates.on(law, starts_on)
    progress(5, "Đọc quá trình lương và phụ cấp")
    staff, allowances = month_frames(root_path, starts_on)
    progress(50, "Tính lương theo phương án và theo quy định hiện hành")
    people = compare(staff, allowances.select(list(ALLOWANCE_COLUMNS)), rates, changes)
    progress(80, "Tổng hợp theo đơn vị, đối tượng, nhóm ngạch")
    people = people.join(_unit_of(root_path, step), on="organization_id", how="left")
    baseline, scenario = int(people["baseline"].sum() or 0), int(people["scenario"].sum() or 0)
    results = {
        "persons": people.height,
        "base_salary": rates.base_salary,
        "scenario_base_salary": changes.base_salary or rates.base_salary,
        "monthly": {"baseline": baseline, "scenario": scenario, "difference": scenario - baseline},
        "yearly": {
            "baseline": baseline * 12,
            "scenario": scenario * 12,
            "difference": (scenario - baseline) * 12,
        },
        "by_unit": aggregate(people, "unit"),
        "by_category": aggregate(people, "category"),
        "by_group": aggregate(people, "salary_group"),
    }
    return results, people
