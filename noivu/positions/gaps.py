"""Gap analysis (phân tích chênh lệch giữa vị trí việc làm và người hiện có) as of any date, and the read
functions other apps use: the approved positions of an agency on a day (payroll maps them to amounts,
recruitment to vacancies) and the position each person holds on a day.

A day's positions are those of the approved project in force then (approved from its decision's date,
until the day before the version that superseded it was approved). The people are those working in the
agency on that day, matched to the positions the project placed them in.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db.models import QuerySet

from noivu.core.models import in_force_condition
from noivu.positions import frames
from noivu.positions.models import PositionHolder, PositionProject, ProjectPosition, ProjectStatus
from noivu.positions.validation import check_main_positions, check_person_requirements, explain


def in_force(projects: QuerySet[PositionProject], day: dt.date) -> QuerySet[PositionProject]:
    """The approved projects (or those since superseded) in force on ``day``."""
    return projects.filter(
        in_force_condition(day), status__in=[ProjectStatus.APPROVED, ProjectStatus.SUPERSEDED]
    )


@dataclass(frozen=True)
class ApprovedPosition:
    """A position approved for an agency on a day (vị trí việc làm được phê duyệt)."""

    project_id: int
    organization_id: int
    staff_kind: str
    code: str
    name: str
    group: str
    leadership_role: str
    headcount: int
    rank_code: str
    decision_number: str
    decision_date: dt.date


def approved_positions(organization_id: int, day: dt.date) -> list[ApprovedPosition]:
    """The positions of the agency's approved projects (civil servants and public employees) in force on
    ``day``. Unscoped: the caller has checked the user's right over the agency."""
    rows = (
        ProjectPosition.objects.unrestricted()
        .filter(project__in=in_force(PositionProject.objects.unrestricted(), day))
        .filter(project__organization_id=organization_id)
        .values_list(
            "project_id",
            "project__organization_id",
            "project__staff_kind",
            "catalog__code",
            "catalog__name",
            "catalog__group",
            "catalog__leadership_role",
            "headcount",
            "rank_code",
            "project__decision_number",
            "project__decision_date",
        )
        .order_by("project__staff_kind", "catalog__group", "catalog__code")
    )
    return [ApprovedPosition(*row) for row in rows]


def person_positions(person_ids: list[int], day: dt.date) -> dict[int, tuple[str, str]]:
    """The main position (code, name) each person holds on ``day`` under an approved project in force."""
    rows = (
        PositionHolder.objects.unrestricted()
        .filter(person_id__in=person_ids, is_main=True)
        .filter(project__in=in_force(PositionProject.objects.unrestricted(), day))
        .values_list("person_id", "position__catalog__code", "position__catalog__name")
    )
    return {person_id: (code, name) for person_id, code, name in rows}


@dataclass
class GapReport:
    """Positions with their headcount, people placed and present, vacancies and surplus; and the people
    who do not meet their position or hold none."""

    positions: pl.DataFrame
    findings: list[Any]
    totals: dict[str, int]


def gap_analysis(projects: QuerySet[PositionProject], day: dt.date) -> GapReport:
    """The gap of every project among ``projects`` (restricted by the caller) in force on ``day``."""
    inputs = frames.load(in_force(projects, day), day)
    rules = frames.Rules.load(day)
    placed = (
        inputs.holders.filter(pl.col("is_main"))
        .join(inputs.people.select("project_id", "person_id"), on=["project_id", "person_id"], how="inner")
        .group_by("project_id", "position_id")
        .agg(pl.len().cast(pl.Int64).alias("present"))
    )
    positions = (
        inputs.positions.join(placed, on=["project_id", "position_id"], how="left")
        .with_columns(pl.col("present").fill_null(0))
        .with_columns(
            vacant=(pl.col("headcount") - pl.col("present")).clip(lower_bound=0),
            surplus=(pl.col("present") - pl.col("headcount")).clip(lower_bound=0),
        )
        .select(
            "project_id", "position_id", "code", "name", "group", "headcount", "present", "vacant", "surplus"
        )
        .sort("project_id", "group", "code")
    )
    mismatches = pl.concat(
        [
            check_person_requirements(inputs.people, inputs.positions, inputs.holders, rules),
            check_main_positions(inputs.people, inputs.holders).filter(pl.col("check") == "person_unmapped"),
        ]
    ).join(inputs.projects.select("project_id", "staff_kind"), on="project_id", how="left")
    mismatches = mismatches.with_columns(
        rule=pl.col("check").replace_strict(
            {
                "rank_below_minimum": "rank_meets_minimum",
                "qualification_below_minimum": "qualification",
                "person_unmapped": "one_main_position",
            },
            return_dtype=pl.String,
        ),
        severity=pl.lit("warning"),
    )
    findings = explain(mismatches, rules, inputs.names)
    totals = {
        "projects": inputs.projects.height,
        "headcount": int(positions["headcount"].sum() or 0),
        "present": int(positions["present"].sum() or 0),
        "vacant": int(positions["vacant"].sum() or 0),
        "surplus": int(positions["surplus"].sum() or 0),
        "rank_mismatches": sum(1 for f in findings if f.check == "rank_below_minimum"),
        "qualification_mismatches": sum(1 for f in findings if f.check == "qualification_below_minimum"),
        "unplaced": sum(1 for f in findings if f.check == "person_unmapped"),
    }
    return GapReport(positions, findings, totals)
