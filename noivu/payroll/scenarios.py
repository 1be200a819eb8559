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

import numpy as np
import polars as pl

from noivu.core.frames import read_frame
from noivu.payroll.engine import (
    FrameRates,
    Inputs,
    SalaryLaw,
    employer_contributions,
    pay_expressions,
    with_category,
)
from noivu.payroll.runs import person_frame

FUND = ("gross", "employer_contributions")
POSITION_AMOUNT = "position_amount"
UNITS_SQL = "SELECT id, path, name FROM organizations_organization WHERE path LIKE %s"


@dataclass(frozen=True)
class ScenarioChanges:
    """What the scenario changes: the base salary, and each allowance kind by a percentage (+10 = 10 %
    more); the public-duty allowance's rate changes with the kind ``public_duty``."""

    base_salary: int | None = None
    allowance_percent: dict[str, float] = field(default_factory=dict)
    # A position-based table (bảng lương theo vị trí việc làm): the code of a job position → its monthly
    # amount in đồng, paid instead of the salary of the step (and its seniority beyond the frame) to whoever
    # holds that position as their main one; the allowances stay as they are.
    position_amounts: dict[str, int] = field(default_factory=dict)

    def factor(self, kind: str) -> float:
        return 1 + float(self.allowance_percent.get(kind, 0)) / 100


def scenario_rates(rates: FrameRates, changes: ScenarioChanges) -> FrameRates:
    """The law of the scenario: the new base salary (and the insurance cap that follows it), the
    public-duty rate changed by its percentage."""
    base = changes.base_salary or rates.base_salary
    return FrameRates(
        base,
        round(rates.public_duty_e2 * changes.factor("public_duty")),
        base * (rates.insurance_cap // rates.base_salary) if rates.base_salary else 0,
        rates.contributions,
    )


def scenario_inputs(columns: list[str], changes: ScenarioChanges) -> Inputs:
    """The scenario's allowances: each kind scaled by its percentage, rounded to the coefficient's or
    the percentage's last digit."""

    def scaled(value: pl.Expr, kind: str) -> pl.Expr:
        factor = changes.factor(kind)
        return value if factor == 1 else (value * factor).round().cast(pl.Int64)

    inputs = Inputs.of(columns)
    return Inputs(
        scaled(inputs.leadership_e4, "leadership"),
        [(kind, scaled(value, kind), percent) for kind, value, percent in inputs.allowances],
    )


def compare(persons: pl.DataFrame, rates: FrameRates, changes: ScenarioChanges) -> pl.DataFrame:
    """Each person's monthly fund (gross and the employer's contributions) under the baseline and the
    scenario, and the difference: column expressions over the person frame (one row a person, its
    allowances as columns, see :func:`noivu.payroll.runs.person_frame`), in two passes so that the
    insurance base each fund's contribution reads is computed once."""
    columns = persons.columns
    changed = scenario_rates(rates, changes)
    baseline = pay_expressions(rates, Inputs.of(columns))
    position_amount = pl.col(POSITION_AMOUNT) if POSITION_AMOUNT in columns else None
    scenario = pay_expressions(changed, scenario_inputs(columns, changes), position_amount=position_amount)
    keys = ("person_id", "organization_id", "category", "salary_group")
    return (
        with_category(persons.lazy())
        .select(
            *keys,
            baseline["gross"].alias("baseline_gross"),
            baseline["insurance_base"].alias("baseline_insured"),
            scenario["gross"].alias("scenario_gross"),
            scenario["insurance_base"].alias("scenario_insured"),
        )
        .select(
            *keys,
            (pl.col("baseline_gross") + employer_contributions(rates, pl.col("baseline_insured"))).alias(
                "baseline"
            ),
            (pl.col("scenario_gross") + employer_contributions(changed, pl.col("scenario_insured"))).alias(
                "scenario"
            ),
        )
        .with_columns((pl.col("scenario") - pl.col("baseline")).alias("difference"))
        .collect(engine="streaming")
    )


def with_position_amounts(persons: pl.DataFrame, day: dt.date, amounts: dict[str, int]) -> pl.DataFrame:
    """The persons with the amount of the position-based table for the main job position each holds on
    ``day`` under an approved project (``positions``' read function), null for an unmapped position."""
    from noivu.positions.gaps import person_positions

    held = person_positions(persons["person_id"].to_list(), day)
    table = pl.DataFrame(
        {"code": list(amounts), POSITION_AMOUNT: [int(value) for value in amounts.values()]},
        schema={"code": pl.Utf8, POSITION_AMOUNT: pl.Int64},
    )
    holders = pl.DataFrame(
        {"person_id": list(held), "code": [code for code, _name in held.values()]},
        schema={"person_id": pl.Int64, "code": pl.Utf8},
    ).join(table, on="code", how="inner")
    return persons.join(holders.select("person_id", POSITION_AMOUNT), on="person_id", how="left")


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


FIGURES = ("baseline", "scenario", "difference")
# Beyond this many distinct codes a key is grouped by hashing rather than counted into an array.
DENSE_LIMIT = 5_000_000


def _totals(people: pl.DataFrame, by: str, weights: dict[str, np.ndarray]) -> pl.DataFrame:
    """Persons and the monthly figures per value of ``by``. A key with small integer codes (an
    organisation's id, a category's or salary group's code) is counted into arrays indexed by the code;
    the sums are exact, every partial sum of đồng staying far below 2^53."""
    column = people[by]
    labelled = column.dtype == pl.Categorical or isinstance(column.dtype, pl.Enum)
    codes = column.to_physical() if labelled else column
    if codes.dtype.is_integer() and codes.null_count() == 0 and people.height:
        index = codes.to_numpy().astype(np.intp, copy=False)
        if 0 <= index.min() and index.max() < DENSE_LIMIT:
            size = int(index.max()) + 1
            counts = np.bincount(index, minlength=size)
            present = np.flatnonzero(counts)
            if isinstance(column.dtype, pl.Enum):
                keys = pl.Series(by, column.dtype.categories.to_numpy()[present], dtype=pl.Utf8)
            elif labelled:
                # The label of each code present, read at the code's first row.
                first = np.empty(size, dtype=np.int64)
                first[index[::-1]] = np.arange(len(index) - 1, -1, -1)
                keys = column.gather(first[present]).cast(pl.Utf8).rename(by)
            else:
                keys = pl.Series(by, present, dtype=codes.dtype)
            sums = {
                name: np.rint(np.bincount(index, weights=values, minlength=size)[present]).astype(np.int64)
                for name, values in weights.items()
            }
            return pl.DataFrame(
                {
                    by: keys,
                    "persons": counts[present].astype(np.int64),
                    "baseline": sums["baseline"],
                    "scenario": sums["scenario"],
                    "difference": sums["scenario"] - sums["baseline"],
                }
            )
    return people.group_by(by).agg(pl.len().cast(pl.Int64).alias("persons"), pl.col(FIGURES).sum())


def summary(people: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """Persons, monthly baseline, scenario and difference per organisation, category and salary group."""
    weights = {name: people[name].to_numpy().astype(np.float64) for name in ("baseline", "scenario")}
    return {by: _totals(people, by, weights) for by in ("organization_id", "category", "salary_group")}


def aggregate(totals: pl.DataFrame, by: str) -> list[dict[str, Any]]:
    """Totals (of :func:`summary`, or rolled up from them) per value of ``by``, largest difference first."""
    return (
        totals.group_by(by)
        .agg(pl.col("persons", *FIGURES).sum())
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
    law = law or SalaryLaw.load()
    rates = FrameRates.on(law, starts_on)
    progress(5, "Đọc quá trình lương và phụ cấp")
    persons = person_frame(root_path, starts_on)
    if changes.position_amounts:
        persons = with_position_amounts(persons, starts_on, changes.position_amounts)
    progress(50, "Tính lương theo phương án và theo quy định hiện hành")
    people = compare(persons, rates, changes)
    progress(80, "Tổng hợp theo đơn vị, đối tượng, nhóm ngạch")
    totals = summary(people)
    by_unit = totals["organization_id"].join(_unit_of(root_path, step), on="organization_id", how="left")
    baseline, scenario = int(by_unit["baseline"].sum() or 0), int(by_unit["scenario"].sum() or 0)
    results = {
        "persons": people.height,
        "position_persons": int(persons[POSITION_AMOUNT].is_not_null().sum())
        if POSITION_AMOUNT in persons.columns
        else 0,
        "base_salary": rates.base_salary,
        "scenario_base_salary": changes.base_salary or rates.base_salary,
        "monthly": {"baseline": baseline, "scenario": scenario, "difference": scenario - baseline},
        "yearly": {
            "baseline": baseline * 12,
            "scenario": scenario * 12,
            "difference": (scenario - baseline) * 12,
        },
        "by_unit": aggregate(by_unit, "unit"),
        "by_category": aggregate(totals["category"], "category"),
        "by_group": aggregate(totals["salary_group"], "salary_group"),
    }
    return results, people
