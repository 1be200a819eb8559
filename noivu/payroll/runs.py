"""Monthly payroll of an organisation subtree as one set operation (bảng lương tháng).

The staff of the month are the persons whose primary assignment in force on the first day of the month is
in the subtree; each is paid on the salary step and the allowances in force that day. Two queries load
them as columnar frames (the persons with their step, and their allowances), :func:`compute_frame`
computes every amount, and the lines are written in bulk: no loop over ORM objects.
"""

import datetime as dt
from typing import Any

import polars as pl
from django.db import connection

from noivu.payroll.engine import (
    ALLOWANCE_COLUMNS,
    PUBLIC_DUTY_CATEGORIES,
    FrameRates,
    SalaryLaw,
    compute_frame,
)

STAFF_COLUMNS = {
    "person_id": pl.Int64,
    "organization_id": pl.Int64,
    "category": pl.Utf8,
    "salary_group": pl.Utf8,
    "step": pl.Int64,
    "coefficient_e4": pl.Int64,
    "seniority_percent": pl.Int64,
    "reserved_e4": pl.Int64,
}
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

_STAFF = """
    SELECT a.person_id, a.organization_id, a.category
    FROM personnel_assignment a
    JOIN organizations_organization o ON o.id = a.organization_id
    WHERE a.is_primary AND a.effective_from <= %s AND (a.effective_to IS NULL OR a.effective_to >= %s)
      AND o.path LIKE %s
"""

STAFF_SQL = f"""
    WITH staff AS ({_STAFF})
    SELECT staff.person_id, staff.organization_id, staff.category, s.salary_group, s.step,
           CAST(ROUND(s.coefficient * 10000) AS BIGINT) AS coefficient_e4, s.seniority_percent,
           CAST(ROUND(s.reserved_coefficient * 10000) AS BIGINT) AS reserved_e4
    FROM staff
    JOIN payroll_salaryhistory s ON s.person_id = staff.person_id
    WHERE s.effective_from <= %s AND (s.effective_to IS NULL OR s.effective_to >= %s)
"""

ALLOWANCES_SQL = f"""
    WITH staff AS ({_STAFF})
    SELECT al.person_id, al.kind,
           CAST(ROUND(al.coefficient * 10000) AS BIGINT) AS coefficient_e4,
           CAST(ROUND(al.percent * 100) AS BIGINT) AS percent_e2
    FROM staff
    JOIN payroll_allowance al ON al.person_id = staff.person_id
    WHERE al.effective_from <= %s AND (al.effective_to IS NULL OR al.effective_to >= %s)
"""


def read_frame(sql: str, params: list[Any], schema: dict[str, Any]) -> pl.DataFrame:
    """The result of ``sql`` as a frame: streamed with ``COPY … TO STDOUT`` in CSV on PostgreSQL (about
    half a million rows a second here), fetched in one go elsewhere."""
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        import psycopg

        raw = connection.connection
        statement = psycopg.ClientCursor(raw).mogrify(sql, params)
        buffer = bytearray()
        with raw.cursor() as cursor, cursor.copy(f"COPY ({statement}) TO STDOUT WITH (FORMAT csv)") as copy:
            for block in copy:
                buffer += block
        if not buffer:
            return pl.DataFrame(schema=schema)
        return pl.read_csv(bytes(buffer), has_header=False, new_columns=list(schema), schema=schema)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema=schema, orient="row")


def month_frames(root_path: str, month: dt.date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The staff of the subtree at ``root_path`` on the first day of ``month`` with their salary step, and
    their allowances in force that day."""
    day = month.replace(day=1)
    scope = [day, day, f"{root_path}%"]
    staff = read_frame(STAFF_SQL, [*scope, day, day], STAFF_COLUMNS)
    allowances = read_frame(ALLOWANCES_SQL, [*scope, day, day], ALLOWANCE_COLUMNS)
    return staff, allowances


def person_inputs(staff: pl.DataFrame, allowances: pl.DataFrame) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """The inputs of :func:`compute_frame`: leadership allowances summed into the person's frame, the
    automatic public-duty allowance for those who earn it and have none recorded, the other allowances."""
    extra = allowances.lazy()
    leadership = (
        extra.filter((pl.col("kind") == "leadership") & pl.col("coefficient_e4").is_not_null())
        .group_by("person_id")
        .agg(pl.col("coefficient_e4").sum().alias("leadership_e4"))
    )
    explicit_duty = extra.filter(pl.col("kind") == "public_duty").select("person_id").unique()
    persons = (
        staff.lazy()
        .join(leadership, on="person_id", how="left")
        .join(explicit_duty.with_columns(pl.lit(True).alias("explicit_duty")), on="person_id", how="left")
        .with_columns(
            pl.col("leadership_e4").fill_null(0),
            (pl.col("category").is_in(PUBLIC_DUTY_CATEGORIES) & pl.col("explicit_duty").is_null()).alias(
                "public_duty"
            ),
        )
        .drop("explicit_duty")
    )
    return persons, extra.filter(pl.col("kind") != "leadership")


def compute_month(
    root_path: str, month: dt.date, law: SalaryLaw | None = None, base_salary: int | None = None
) -> tuple[pl.DataFrame, FrameRates]:
    """Every line of the month's payroll of a subtree, with the rates it was computed at."""
    law = law or SalaryLaw.load()
    rates = FrameRates.on(law, month.replace(day=1), base_salary)
    staff, allowances = month_frames(root_path, month)
    persons, others = person_inputs(staff, allowances)
    lines = (
        compute_frame(persons, rates, others)
        .with_columns(
            pl.sum_horizontal(
                pl.col("employer_social_insurance"),
                pl.col("employer_health_insurance"),
                pl.col("employer_unemployment_insurance"),
            ).alias("employer_contributions")
        )
        .sort("organization_id", "person_id")
        .collect()
    )
    return lines, rates
