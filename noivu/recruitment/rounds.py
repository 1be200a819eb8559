"""A recruitment round read in bulk for the ranking engine: one SQL query per table into Polars frames,
never a loop over model instances."""

import polars as pl
from django.db import connection
from django.db.models import FloatField, QuerySet, TextField
from django.db.models.functions import Cast

from noivu.recruitment import ranking
from noivu.recruitment.models import (
    Candidate,
    CandidateStatus,
    Exemption,
    PlanPosition,
    RecruitmentPlan,
    Score,
)

ELIGIBLE = (
    CandidateStatus.ELIGIBLE,
    CandidateStatus.PASSED,
    CandidateStatus.FAILED,
    CandidateStatus.RECRUITED,
)


def _rows(queryset: QuerySet) -> list[tuple]:
    # No ordering: the engine sorts itself, and a sort of the joined rows costs more than the rest.
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def load(plan: RecruitmentPlan) -> pl.DataFrame:
    """The frame :func:`ranking.rank` takes, for every candidate of ``plan``."""
    positions = pl.DataFrame(
        _rows(
            PlanPosition.objects.unrestricted()
            .filter(plan=plan)
            .values_list("id", "quota", "exam_form", "round1")
        ),
        schema={"position_id": pl.Int64, "quota": pl.Int64, "exam_form": pl.String, "round1": pl.Boolean},
        orient="row",
    )
    candidates = pl.DataFrame(
        _rows(
            Candidate.objects.unrestricted()
            .filter(plan=plan)
            .values_list(
                "id",
                "position_id",
                "second_position_id",
                "status",
                Cast("priority_grounds", TextField()),
                Cast("exemptions", TextField()),
            )
        ),
        schema={
            "candidate_id": pl.Int64,
            "position_id": pl.Int64,
            "second_position_id": pl.Int64,
            "status": pl.String,
            "grounds": pl.String,
            "exemptions": pl.String,
        },
        orient="row",
    )
    scores = pl.DataFrame(
        _rows(
            Score.objects.unrestricted()
            .filter(candidate__plan=plan, absent=False, value__isnull=False)
            .values_list("candidate_id", "part", Cast("value", FloatField()))
        ),
        schema={"candidate_id": pl.Int64, "part": pl.String, "value": pl.Float64},
        orient="row",
    )
    return frame(positions, candidates, scores, plan.method)


def frame(
    positions: pl.DataFrame, candidates: pl.DataFrame, scores: pl.DataFrame, method: str
) -> pl.DataFrame:
    """Assemble the engine's frame from the three tables (JSON lists as text, as the database gives them)."""
    json_list = pl.List(pl.String)
    wide = (
        scores.pivot(on="part", index="candidate_id", values="value", aggregate_function="first")
        if not scores.is_empty()
        else pl.DataFrame(schema={"candidate_id": pl.Int64})
    )
    for part in ranking.PARTS:
        if part not in wide.columns:
            wide = wide.with_columns(pl.lit(None, dtype=pl.Float64).alias(part))
    base = candidates.with_columns(
        pl.col("grounds").fill_null("[]").str.json_decode(json_list),
        pl.col("exemptions").fill_null("[]").str.json_decode(json_list),
    )
    return (
        base.join(positions, on="position_id", how="left")
        .join(
            positions.select(
                pl.col("position_id").alias("second_position_id"), pl.col("quota").alias("second_quota")
            ),
            on="second_position_id",
            how="left",
        )
        .join(wide.select("candidate_id", *ranking.PARTS), on="candidate_id", how="left")
        .with_columns(
            eligible=pl.col("status").is_in([str(s) for s in ELIGIBLE]),
            general_exempt=pl.col("exemptions").list.contains(str(Exemption.GENERAL)),
            round1=pl.col("round1") & pl.lit(method == "exam"),
        )
        .with_columns(exam_form=pl.lit(ranking.ADMISSION) if method == "admission" else pl.col("exam_form"))
        .select(list(ranking.SCHEMA))
        .cast(ranking.SCHEMA)  # type: ignore[arg-type]
    )
