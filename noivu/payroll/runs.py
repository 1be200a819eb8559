"""Monthly payroll of an organisation subtree as one set operation (bảng lương tháng).

The staff of the month are the persons whose primary assignment in force on the first day of the month is
in the subtree; each is paid on the salary step and the allowances in force that day. One query loads
them as a columnar frame, one row a person with the allowances pivoted into columns by the database,
:func:`compute_frame` computes every amount, and the lines are written with one COPY: no loop over ORM
objects.
"""

import datetime as dt
from typing import Any

import polars as pl
from django.db import connection

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

_STAFF = """
    SELECT a.person_id, a.organization_id, a.category
    FROM personnel_assignment a
    JOIN organizations_organization o ON o.id = a.organization_id
    WHERE a.is_primary AND a.effective_from <= %s AND (a.effective_to IS NULL OR a.effective_to >= %s)
      AND o.path LIKE %s
"""


def _pivot(kind: str, value: str, scale: int) -> str:
    return f"SUM(CAST(ROUND(al.{value} * {scale}) AS BIGINT)) FILTER (WHERE al.kind = '{kind}')"


_PIVOTS = ",\n           ".join(
    [_pivot("leadership", "coefficient", 10000) + " AS leadership_e4"]
    + [
        _pivot(kind, value, scale) + f" AS {kind}{suffix}"
        for kind in OTHER_KINDS
        for value, scale, suffix in (
            ("coefficient", 10000, COEFFICIENT_SUFFIX),
            ("percent", 100, PERCENT_SUFFIX),
        )
    ]
)
_DUTY_CATEGORIES = ", ".join(f"'{category}'" for category in PUBLIC_DUTY_CATEGORIES)

# One row per person of the month: the step in force and the allowances in force pivoted into columns by
# the database, so that the frame needs no join and no grouping afterwards.
STAFF_SQL = f"""
    WITH staff AS ({_STAFF}),
    pivot AS (
        SELECT al.person_id,
           {_PIVOTS}
        FROM payroll_allowance al
        WHERE al.person_id IN (SELECT person_id FROM staff)
          AND al.effective_from <= %s AND (al.effective_to IS NULL OR al.effective_to >= %s)
        GROUP BY al.person_id
    )
    SELECT staff.person_id, staff.organization_id, staff.category, s.salary_group, s.step,
           CAST(ROUND(s.coefficient * 10000) AS BIGINT) AS coefficient_e4, s.seniority_percent,
           CAST(ROUND(s.reserved_coefficient * 10000) AS BIGINT) AS reserved_e4,
           CASE WHEN staff.category IN ({_DUTY_CATEGORIES})
                 AND p.public_duty_e4 IS NULL AND p.public_duty_e2 IS NULL THEN 1 ELSE 0 END,
           p.{", p.".join(PIVOT_COLUMNS)}
    FROM staff
    JOIN payroll_salaryhistory s ON s.person_id = staff.person_id
    LEFT JOIN pivot p ON p.person_id = staff.person_id
    WHERE s.effective_from <= %s AND (s.effective_to IS NULL OR s.effective_to >= %s)
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


def person_frame(root_path: str, month: dt.date) -> pl.DataFrame:
    """The staff of the subtree at ``root_path`` on the first day of ``month``, one row each: the salary
    step and the allowances in force that day (the columns :func:`compute_frame` reads), and whether
    the automatic public-duty allowance applies. Allowance columns nobody holds are left out."""
    day = month.replace(day=1)
    frame = read_frame(STAFF_SQL, [day, day, f"{root_path}%", day, day, day, day], PERSON_FRAME_COLUMNS)
    empty = [
        name for name in PIVOT_COLUMNS if name != "leadership_e4" and frame[name].null_count() == frame.height
    ]
    return frame.drop(empty).with_columns(
        pl.col("category").cast(CATEGORY),
        pl.col("salary_group").cast(pl.Categorical),
        pl.col("public_duty").cast(pl.Boolean),
        pl.col([name for name in PIVOT_COLUMNS if name not in empty]).fill_null(0),
    )


def compute_month(
    root_path: str, month: dt.date, law: SalaryLaw | None = None, base_salary: int | None = None
) -> tuple[pl.DataFrame, FrameRates]:
    """Every line of the month's payroll of a subtree, with the rates it was computed at."""
    law = law or SalaryLaw.load()
    rates = FrameRates.on(law, month.replace(day=1), base_salary)
    persons = person_frame(root_path, month)
    lines = compute_frame(persons, rates).sort("organization_id", "person_id").collect()
    return lines, rates
