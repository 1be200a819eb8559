"""REST endpoints of evaluation (đánh giá, xếp loại; giao việc), limited to the user's scope: the same filter
sets, actions and rules as the pages."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.api import CREATE_ERRORS, DETAIL_ERRORS, QUERY_ERRORS, IsoDate, Pagination, RecordId
from noivu.core.dates import today
from noivu.core.permissions import Action
from noivu.core.rules import RuleNotFound, rule_table
from noivu.evaluation import actions, consequences, engine
from noivu.evaluation.filters import EvaluationFilters, TaskFilters
from noivu.evaluation.models import Evaluation, Level, PeriodKind, Task, TaskStatus
from noivu.evaluation.models import Status as Step
from noivu.organizations.models import Organization
from noivu.personnel.models import Person

router = Router(tags=["evaluation"])

WRITE_ERRORS: dict[int, Any] = {**CREATE_ERRORS, 404: DETAIL_ERRORS[404]}


class EvaluationOut(Schema):
    id: int
    person_id: int
    full_name: str
    organization: str
    year: int
    period_kind: PeriodKind
    period_number: int
    regime: str
    status: Step
    self_rating: str
    self_score: Decimal | None
    manager_rating: str
    manager_score: Decimal | None
    rating: str = Field(
        description="Mức xếp loại đã quyết định (HTXS, HTT, HT, KHT); rỗng khi chưa quyết định."
    )
    score: Decimal | None
    components: dict
    decided_on: dt.date | None
    decision_number: str

    @staticmethod
    def resolve_full_name(row: Evaluation) -> str:
        return row.person.full_name

    @staticmethod
    def resolve_organization(row: Evaluation) -> str:
        return row.organization.code


@router.get("/evaluations", response={200: list[EvaluationOut], **QUERY_ERRORS}, summary="Phiếu đánh giá")
@paginate(Pagination)
def list_evaluations(
    request: AuthenticatedRequest,
    query: Query[EvaluationFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet[Evaluation]:
    filters = EvaluationFilters.from_schema(query, user=request.user)
    rows = filters.apply(Evaluation.objects.restrict(request.user))
    return rows.select_related("person", "organization").order_by("-year", "person__full_name_folded", "pk")


class SelfAssessmentIn(Schema):
    person_id: int = Field(strict=True)
    year: int = Field(ge=1900, le=2100, strict=True)
    period_kind: PeriodKind = PeriodKind.YEAR
    period_number: int = Field(0, ge=0, le=12, strict=True)
    rating: Level
    score: Decimal | None = Field(None, description="Tự chấm điểm (thang điểm 100), chế độ tính điểm.")
    comment: str = Field("", max_length=5000)
    task_group: str = Field("", max_length=100, description="Nhóm có nhiệm vụ tương đồng (tính tỷ lệ).")
    is_manager: bool = False


@router.post("/evaluations", response={201: EvaluationOut, **WRITE_ERRORS}, summary="Tự đánh giá")
def self_assess_evaluation(request: AuthenticatedRequest, payload: SelfAssessmentIn) -> Status:
    """The person's self-assessment for a period; the regime of the period is chosen by its last day."""
    values = payload.dict()
    person = Person.objects.restrict(request.user, Action.CHANGE).get_or_404(pk=values.pop("person_id"))
    return Status(201, actions.do_self_assess(person=person, acting_user=request.user, **values))


class AssessmentIn(Schema):
    rating: Level | None = Field(
        None, description="Mức đề xuất; mặc định mức điểm đạt được (chế độ tính điểm)."
    )
    general_points: Decimal | None = Field(None, description="Điểm tiêu chí chung, 0–30 (chế độ tính điểm).")
    comment: str = Field("", max_length=5000)
    overriding_reason: str = Field("", max_length=500, description="Căn cứ xếp không hoàn thành bất kể điểm.")


@router.post(
    "/evaluations/{evaluation_id}/assess",
    response={200: EvaluationOut, **WRITE_ERRORS},
    summary="Người quản lý trực tiếp đánh giá",
)
def assess_evaluation(
    request: AuthenticatedRequest, evaluation_id: RecordId, payload: AssessmentIn
) -> Evaluation:
    row = Evaluation.objects.restrict(request.user).get_or_404(pk=evaluation_id)
    values = payload.dict()
    values["rating"] = values["rating"] or ""
    return actions.do_assess(evaluation=row, acting_user=request.user, **values)


class DecisionIn(Schema):
    rating: Level | None = Field(None, description="Mức quyết định; mặc định mức người quản lý đề xuất.")
    decided_on: IsoDate | None = None
    decision_number: str = Field("", max_length=64)


@router.post(
    "/evaluations/{evaluation_id}/decide",
    response={200: EvaluationOut, **WRITE_ERRORS},
    summary="Quyết định xếp loại",
)
def decide_evaluation(
    request: AuthenticatedRequest, evaluation_id: RecordId, payload: DecisionIn
) -> Evaluation:
    """The competent person's decision; refused (422, naming the rule and the counts) when it takes the unit
    over the cap on "hoàn thành xuất sắc"."""
    row = Evaluation.objects.restrict(request.user).get_or_404(pk=evaluation_id)
    values = payload.dict()
    values["rating"] = values["rating"] or ""
    return actions.do_decide(evaluation=row, acting_user=request.user, **values)


class UnitResultOut(Schema):
    organization_id: int
    name: str
    group: str
    counts: dict[str, int]
    pending: int
    allowed_excellent: int | None = Field(description="Số tối đa được xếp hoàn thành xuất sắc theo tỷ lệ.")
    exceeded: bool


@router.get(
    "/results/{code}",
    response={200: list[UnitResultOut], **DETAIL_ERRORS},
    summary="Kết quả xếp loại của đơn vị",
)
def get_unit_evaluation_results(
    request: AuthenticatedRequest,
    code: str,
    year: int | None = Query(None, ge=1900, le=2100),
    period_kind: PeriodKind = PeriodKind.YEAR,
    period_number: int = Query(0, ge=0, le=12),
) -> list[dict]:
    """The counts per level of the unit and each unit below it for a period, with the cap in force."""
    last = {PeriodKind.YEAR: 0, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}[PeriodKind(period_kind)]
    if not (period_number == 0 if last == 0 else 1 <= period_number <= last):
        raise ValidationError(
            {
                "period_number": _(
                    "Kỳ đánh giá không có trong loại kỳ đã chọn (năm: 0, quý: 1–4, tháng: 1–12)."
                )
            }
        )
    unit = Organization.objects.restrict(request.user).get_or_404(code=code)
    rows = Evaluation.objects.restrict(request.user).filter(organization__path__startswith=unit.path)
    results, _rule = engine.unit_results(rows, year or today().year - 1, period_kind, period_number)
    return [
        {
            "organization_id": r.organization_id,
            "name": r.name,
            "group": r.group,
            "counts": r.counts,
            "pending": r.pending,
            "allowed_excellent": r.allowed,
            "exceeded": r.exceeded,
        }
        for r in results
    ]


class UnitRatingIn(Schema):
    year: int = Field(ge=1900, le=2100, strict=True)
    rating: Level
    outstanding: bool = False
    decided_on: IsoDate | None = None
    decision_number: str = Field("", max_length=64)


class UnitRatingOut(Schema):
    organization: str
    year: int
    rating: str
    outstanding: bool
    decided_on: dt.date

    @staticmethod
    def resolve_organization(row: Any) -> str:
        return row.organization.code


@router.post(
    "/units/{code}/rating", response={200: UnitRatingOut, **WRITE_ERRORS}, summary="Xếp loại tập thể"
)
def rate_unit_evaluation(request: AuthenticatedRequest, code: str, payload: UnitRatingIn) -> Any:
    unit = Organization.objects.restrict(request.user).get_or_404(code=code)
    return actions.do_rate_unit(organization=unit, acting_user=request.user, **payload.dict())


class ConsequenceOut(Schema):
    person_id: int
    kind: str
    on: dt.date
    citation: str
    detail: str


@router.get(
    "/consequences",
    response={200: list[ConsequenceOut], **QUERY_ERRORS},
    summary="Hệ quả của kết quả xếp loại",
)
@paginate(Pagination)
def list_evaluation_consequences(
    request: AuthenticatedRequest,
    kind: str = Query(consequences.KINDS[0], pattern="^(" + "|".join(consequences.KINDS) + ")$"),
    first_year: int | None = Query(None, ge=1900, le=2100),
    last_year: int | None = Query(None, ge=1900, le=2100),
) -> list[dict]:
    """The dated facts a rating brings (two consecutive years at the lowest level, a step raise postponed,
    a qualification for an emulation title) of the persons in the user's scope."""
    last = last_year or today().year - 1
    first = first_year or last - 4
    if first > last:
        raise ValidationError({"first_year": _("Năm đầu phải không sau năm cuối (last_year).")})
    visible = list(Person.objects.restrict(request.user).values_list("pk", flat=True))
    try:
        rule_table(consequences.TABLE).lookup(kind, dt.date(last, 12, 31))
    except RuleNotFound as missing:
        raise ValidationError({"last_year": str(missing)}) from missing
    facts = consequences.facts(kind, visible, dt.date(first, 1, 1), dt.date(last, 12, 31))
    return [fact.__dict__ for fact in facts]


class TaskOut(Schema):
    id: int
    organization: str
    assigned_by: str | None = Field(description="Mã đơn vị giao.")
    parent_id: int | None
    owner_id: int | None
    title: str
    measure: str
    target_quantity: int
    start_date: dt.date
    deadline: dt.date
    status: TaskStatus
    completed_on: dt.date | None
    finished: int = Field(description="Số lượng đã hoàn thành.")
    overdue: bool

    @staticmethod
    def resolve_organization(row: Task) -> str:
        return row.organization.code

    @staticmethod
    def resolve_assigned_by(row: Task) -> str | None:
        return row.assigned_by.code if row.assigned_by is not None else None

    @staticmethod
    def resolve_finished(row: Task) -> int:
        return getattr(row, "finished", 0) or 0

    @staticmethod
    def resolve_overdue(row: Task) -> bool:
        return row.is_overdue()


@router.get("/tasks", response={200: list[TaskOut], **QUERY_ERRORS}, summary="Nhiệm vụ được giao")
@paginate(Pagination)
def list_evaluation_tasks(
    request: AuthenticatedRequest,
    query: Query[TaskFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet[Task]:
    from django.db.models import Sum

    filters = TaskFilters.from_schema(query, user=request.user)
    rows = filters.apply(Task.objects.restrict(request.user)).annotate(finished=Sum("progress__quantity"))
    return rows.select_related("organization", "assigned_by").order_by("deadline", "pk")


class TaskIn(Schema):
    organization: str = Field(max_length=32, description="Mã đơn vị được giao.")
    assigned_by: str | None = Field(
        None,
        max_length=32,
        description="Mã đơn vị giao (chính đơn vị được giao hoặc đơn vị cấp trên của nó); mặc định: đơn vị "
        "của nhiệm vụ được giao tiếp, nếu không thì chính đơn vị được giao.",
    )
    owner_id: int | None = Field(None, strict=True, description="Người thực hiện (thuộc đơn vị).")
    parent_id: int | None = Field(
        None, strict=True, description="Nhiệm vụ của đơn vị cấp trên được giao tiếp."
    )
    title: str = Field(min_length=1, max_length=300)
    measure: str = Field("sản phẩm", max_length=60)
    target_quantity: int = Field(ge=1, le=1_000_000, strict=True)
    quality_requirement: str = Field("", max_length=300)
    start_date: IsoDate | None = None
    deadline: IsoDate


@router.post("/tasks", response={201: TaskOut, **WRITE_ERRORS}, summary="Giao nhiệm vụ")
def assign_evaluation_task(request: AuthenticatedRequest, payload: TaskIn) -> Status:
    values = payload.dict()
    unit = Organization.objects.restrict(request.user, Action.CHANGE).get_or_404(
        code=values.pop("organization")
    )
    owner_id, parent_id, by = values.pop("owner_id"), values.pop("parent_id"), values.pop("assigned_by")
    owner = Person.objects.restrict(request.user).get_or_404(pk=owner_id) if owner_id else None
    parent = Task.objects.restrict(request.user).get_or_404(pk=parent_id) if parent_id else None
    assigned_by = (
        Organization.objects.restrict(request.user, Action.CHANGE).get_or_404(code=by) if by else None
    )
    task = actions.do_assign_task(
        organization=unit,
        owner=owner,
        parent=parent,
        assigned_by=assigned_by,
        acting_user=request.user,
        **values,
    )
    return Status(201, task)


class ProgressIn(Schema):
    quantity: int = Field(ge=1, le=1_000_000, strict=True)
    quality_quantity: int | None = Field(None, ge=0, le=1_000_000, strict=True)
    reported_on: IsoDate | None = None
    note: str = Field("", max_length=500)


@router.post("/tasks/{task_id}/progress", response={201: TaskOut, **WRITE_ERRORS}, summary="Báo cáo tiến độ")
def report_evaluation_task_progress(
    request: AuthenticatedRequest, task_id: RecordId, payload: ProgressIn
) -> Status:
    task = Task.objects.restrict(request.user).get_or_404(pk=task_id)
    actions.do_report_progress(task=task, acting_user=request.user, **payload.dict())
    task.refresh_from_db()
    task.finished = sum(task.progress.values_list("quantity", flat=True))
    return Status(201, task)
