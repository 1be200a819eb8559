"""Monthly payroll of an organisation subtree as one set operation (bảng lương tháng).

The staff of the month are the persons whose primary assignment in force on the first day of the month is
in the subtree; each is paid on the salary step and the allowances in force that day. Three narrow reads
load them as columnar frames, joined into one row a person with the allowances pivoted into columns;
:func:`compute_frame` computes every amount, and the lines are written with one COPY: no loop over ORM
objects.
"""

import datetime as dt

import polars as pl

from noivu.core.frames import read_frame
from noivu.organizations.models import Organization
from noivu.payroll.engine import (
    CATEGORY,
    COEFFICIENT_SUFFIX,
    OTHER_KINDS,
    PERCENT_SUFFIX,
    PUBLIC_DUTY_CATEGORIES,
    FrameRates,
    SalaryLaw,
    compute_frame,
)

_STAFF = """
    SELECT a.person_id, a.organization_id, a.category
    FROM personnel_assignment a
    JOIN organizations_organization o ON o.id = a.organization_id
    WHERE a.is_primary AND a.effective_from <= %s AND (a.effective_to IS NULL OR a.effective_to >= %s)
      AND o.path LIKE %s
"""
# The salary steps and allowances in force: of everyone when the subtree holds every organisation (a scan
# is cheaper than a semi-join with millions of persons), else of the subtree's staff only.
_IN_FORCE = "effective_from <= %s AND (effective_to IS NULL OR effective_to >= %s)"
_STEPS = f"""
    SELECT person_id, salary_group, step, CAST(ROUND(coefficient * 10000) AS BIGINT),
           seniority_percent, CAST(ROUND(reserved_coefficient * 10000) AS BIGINT)
    FROM payroll_salaryhistory WHERE {_IN_FORCE}
"""
_ALLOWANCES = f"""
    SELECT person_id, kind, CAST(ROUND(coefficient * 10000) AS BIGINT), CAST(ROUND(percent * 100) AS BIGINT)
    FROM payroll_allowance WHERE {_IN_FORCE}
"""
_OF_STAFF = f" AND person_id IN (SELECT person_id FROM ({_STAFF}) staff)"
STEP_COLUMNS = {
    "person_id": pl.Int64,
    "salary_group": pl.Utf8,
    "step": pl.Int64,
    "coefficient_e4": pl.Int64,
    "seniority_percent": pl.Int64,
    "reserved_e4": pl.Int64,
}
ALLOWANCE_COLUMNS = {
    "person_id": pl.Int64,
    "kind": pl.Utf8,
    "coefficient_e4": pl.Int64,
    "percent_e2": pl.Int64,
}
STAFF_ONLY_COLUMNS = {"person_id": pl.Int64, "organization_id": pl.Int64, "category": pl.Utf8}
STAFF_COLUMNS = STAFF_ONLY_COLUMNS | {
    name: kind for name, kind in STEP_COLUMNS.items() if name != "person_id"
}
# The allowances in force, one column per kind and form (see :mod:`noivu.payroll.engine`).
PIVOT_COLUMNS = {"leadership_e4": pl.Int64} | {
    kind + suffix: pl.Int64 for kind in OTHER_KINDS for suffix in (COEFFICIENT_SUFFIX, PERCENT_SUFFIX)
}
PERSON_FRAME_COLUMNS = STAFF_COLUMNS | {"public_duty": pl.Int8} | PIVOT_COLUMNS
# The figures of a line, in the order of the columns of PayrollLine.
LINE_AMOUNTS = (
    "salary",
    "seniority",
    "leadership",
    "allowances",
    "public_duty_amount",
    "reserved",
    "gross",
    "insurance_base",
    "social_insurance",
    "health_insurance",
    "unemployment_insurance",
    "deductions",
    "net",
    "employer_contributions",
)


def person_frame(root_path: str, month: dt.date) -> pl.DataFrame:
    """The staff of the subtree at ``root_path`` on the first day of ``month``, one row each: the salary
    step and the allowances in force that day (the columns :func:`compute_frame` reads), and whether
    the automatic public-duty allowance applies. Allowance columns nobody holds are left out.

    Three narrow reads (staff, steps, allowances), joined and pivoted in the frame: the database only
    filters."""
    day = month.replace(day=1)
    subtree = [day, day, f"{root_path}%"]
    staff = read_frame(_STAFF, subtree, STAFF_ONLY_COLUMNS)
    whole = not Organization.objects.unrestricted().exclude(path__startswith=root_path).exists()
    narrow, params = ("", [day, day]) if whole else (_OF_STAFF, [day, day, *subtree])
    steps = read_frame(_STEPS + narrow, params, STEP_COLUMNS)
    held = _pivot(read_frame(_ALLOWANCES + narrow, params, ALLOWANCE_COLUMNS))
    frame = staff.join(steps, on="person_id", how="inner").join(held, on="person_id", how="left")
    duty = [pl.col(name) for name in ("public_duty_e4", "public_duty_e2") if name in frame.columns]
    public_duty = pl.col("category").is_in(PUBLIC_DUTY_CATEGORIES)
    if duty:
        public_duty &= pl.all_horizontal(column.is_null() for column in duty)
    empty = [
        name
        for name in PIVOT_COLUMNS
        if name != "leadership_e4" and (name not in frame.columns or frame[name].null_count() == frame.height)
    ]
    kept = [name for name in PERSON_FRAME_COLUMNS if name not in empty]
    return (
        frame.with_columns(public_duty.alias("public_duty"))
        .select(kept)
        .with_columns(
            pl.col("category").cast(CATEGORY),
            pl.col("salary_group").cast(pl.Categorical),
            pl.col([name for name in PIVOT_COLUMNS if name not in empty]).fill_null(0),
        )
    )


def _pivot(allowances: pl.DataFrame) -> pl.DataFrame:
    """One row a person holding an allowance, with a column for each kind and form of
    :data:`PIVOT_COLUMNS`: the sum of the person's rows of that kind and form, null when there is none."""
    forms = [("leadership", "coefficient_e4", "leadership_e4")] + [
        (kind, value, kind + suffix)
        for kind in OTHER_KINDS
        for value, suffix in (("coefficient_e4", COEFFICIENT_SUFFIX), ("percent_e2", PERCENT_SUFFIX))
    ]
    kinds = set(allowances["kind"].unique())
    sums = []
    for kind, value, name in forms:
        if kind not in kinds:
            sums.append(pl.lit(None, pl.Int64).alias(name))
            continue
        values = pl.col(value).filter(pl.col("kind") == kind)
        sums.append(pl.when(values.count() > 0).then(values.sum()).alias(name))
    return allowances.group_by("person_id").agg(sums)


def compute_month(
    root_path: str, month: dt.date, law: SalaryLaw | None = None, base_salary: int | None = None
) -> tuple[pl.DataFrame, FrameRates]:
    """Every line of the month's payroll of a subtree, with the rates it was computed at."""
    law = law or SalaryLaw.load()
    rates = FrameRates.on(law, month.replace(day=1), base_salary)
    persons = person_frame(root_path, month)
    lines = compute_frame(persons, rates).sort("organization_id", "person_id").collect()
    return lines, rates
