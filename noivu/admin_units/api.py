"""REST endpoints of the arrangement of administrative units: the analysis of a scope as of a date,
the plans of the user's scope, and the evaluation of any plan against the standards."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.admin_units.arrangement import engine
from noivu.admin_units.arrangement.analysis import read
from noivu.admin_units.arrangement.filters import AnalysisFilters
from noivu.admin_units.arrangement.models import ArrangementPlan, Objective, PlanSource, PlanStatus
from noivu.admin_units.arrangement.planner import PlanEvaluation
from noivu.admin_units.arrangement.standards import Verdict
from noivu.core.api import CREATE_ERRORS, DETAIL_ERRORS, QUERY_ERRORS, Pagination, RecordId

router = Router(tags=["admin-units"])


class AnalysisRowOut(Schema):
    code: str = Field(description="Mã đơn vị hành chính (Tổng cục Thống kê).")
    name: str
    unit_type: str
    parent_code: str
    parent_name: str
    area_km2: float | None
    population: int | None
    standard_area_km2: float | None
    standard_population: int | None
    area_pct: float | None = Field(description="Diện tích so với tiêu chuẩn (%).")
    population_pct: float | None = Field(description="Dân số so với tiêu chuẩn (%).")
    verdict: Verdict
    grounds: list[str] = Field(description="Căn cứ không bắt buộc sắp xếp đã ghi nhận.")
    citation: str = Field(description="Văn bản, điều quy định tiêu chuẩn áp dụng.")


AnalysisQuery = AnalysisFilters.schema()


@router.get(
    "/analysis", response={200: list[AnalysisRowOut], **QUERY_ERRORS}, summary="Phân tích theo tiêu chuẩn"
)
@paginate(Pagination)
def analyse_units(request: AuthenticatedRequest, query: Query[AnalysisQuery], sort: str = "") -> list[dict]:  # type: ignore[valid-type]
    """Each unit of the province (the user's by default) or district as of the day: area and population as
    shares of its standard and its verdict under the period's criteria (by date unless one is chosen)."""
    filters = AnalysisFilters.from_schema(query, user=request.user)
    try:
        return read(filters, sort).rows
    except LookupError as missing:
        raise ValidationError({"period": [str(missing)]}) from missing


class GroupOut(Schema):
    members: list[str]
    new_name: str
    new_code: str


class PlanOut(Schema):
    id: int
    name: str
    organization: str
    parent_code: str
    as_of: dt.date
    period: str
    objective: Objective
    source: PlanSource
    status: PlanStatus
    solver_report: dict[str, Any]
    resolution_number: str
    effective_on: dt.date | None
    groups: list[GroupOut]

    @staticmethod
    def resolve_organization(plan: ArrangementPlan) -> str:
        return plan.organization.name

    @staticmethod
    def resolve_groups(plan: ArrangementPlan) -> list[dict]:
        return [
            {"members": g.members, "new_name": g.new_name, "new_code": g.new_code}
            for g in plan.groups.order_by("pk")
        ]


@router.get("/plans", response={200: list[PlanOut], **QUERY_ERRORS}, summary="Phương án sắp xếp")
@paginate(Pagination)
def list_arrangement_plans(request: AuthenticatedRequest) -> Any:
    """The arrangement plans of the user's scope, newest first."""
    return (
        ArrangementPlan.objects.restrict(request.user)
        .select_related("organization")
        .prefetch_related("groups")
    )


@router.get("/plans/{plan_id}", response={200: PlanOut, **DETAIL_ERRORS}, summary="Một phương án sắp xếp")
def get_arrangement_plan(request: AuthenticatedRequest, plan_id: RecordId) -> ArrangementPlan:
    return (
        ArrangementPlan.objects.restrict(request.user).select_related("organization").get_or_404(pk=plan_id)
    )


class GroupsIn(Schema):
    groups: list[list[str]] = Field(
        description="Các nhóm đơn vị nhập, mỗi nhóm là danh sách mã đơn vị.", max_length=2000
    )


class EvaluatedRowOut(Schema):
    codes: list[str]
    names: list[str]
    area_km2: float | None
    population: float | None
    area_pct: float | None
    population_pct: float | None
    ok: bool
    note: str
    merged: bool


class EvaluationOut(Schema):
    units_before: int
    units_after: int
    rows: list[EvaluatedRowOut]


def _number(value: float) -> float | None:
    return None if value != value else round(value, 2)


@router.post(
    "/plans/{plan_id}/evaluate",
    response={200: EvaluationOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Đánh giá một phương án theo tiêu chuẩn",
)
def evaluate_arrangement_plan(request: AuthenticatedRequest, plan_id: RecordId, body: GroupsIn) -> dict:
    """Evaluate groups (proposed, hand-drawn or officially adopted) over the plan's scope without saving:
    a unit in two groups, a group not contiguous or across parents is a 422 naming it."""
    plan = ArrangementPlan.objects.restrict(request.user).get_or_404(pk=plan_id)
    scope = engine.plan_scope(plan.parent_code, plan.as_of, plan.period)
    result: PlanEvaluation = engine.evaluate_groups(scope, body.groups)
    if result.errors:
        raise ValidationError({"groups": result.errors})
    return {
        "units_before": result.units_before,
        "units_after": result.units_after,
        "rows": [
            {
                "codes": list(row.codes),
                "names": list(row.names),
                "area_km2": _number(row.area_km2),
                "population": _number(row.population),
                "area_pct": _number(row.area_pct),
                "population_pct": _number(row.population_pct),
                "ok": row.ok,
                "note": row.note,
                "merged": row.merged,
            }
            for row in result.rows
        ],
    }
