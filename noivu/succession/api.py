"""REST endpoints of succession (quy hoạch, đào tạo bồi dưỡng, kèm cặp), limited to the user's scope: the
same filter sets, actions and rules as the pages; a refusal is a 422 naming the rule."""

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    QUERY_ERRORS,
    ErrorOut,
    IsoDate,
    Pagination,
    RecordId,
    file_download,
)
from noivu.core.dates import today
from noivu.core.http import XLSX
from noivu.core.permissions import Action
from noivu.organizations.models import Organization
from noivu.personnel.models import Person
from noivu.succession import actions, engine, views
from noivu.succession.filters import CourseFilters, PoolFilters, TrainingHoursFilters
from noivu.succession.models import (
    Course,
    Enrolment,
    EnrolmentStatus,
    Handover,
    HandoverItem,
    HandoverReason,
    LeadershipLevel,
    MentoringPair,
    MentoringStatus,
    PlanningPool,
    PoolCandidate,
    PoolReview,
    Programme,
)

router = Router(tags=["succession"])

WRITE_ERRORS: dict[int, Any] = {**CREATE_ERRORS, 404: DETAIL_ERRORS[404]}


def _unit(request: AuthenticatedRequest, code: str) -> Organization:
    return Organization.objects.restrict(request.user).get_or_404(code=code)


def _person(request: AuthenticatedRequest, pk: int, action: str = Action.VIEW) -> Person:
    return Person.objects.restrict(request.user, action).get_or_404(pk=pk)


class PoolOut(Schema):
    id: int
    organization: str
    organization_name: str
    position_title: str
    level: LeadershipLevel
    term_start: int
    term_end: int
    candidates: int = Field(description="Số người đang trong quy hoạch.")

    @staticmethod
    def resolve_organization(row: PlanningPool) -> str:
        return row.organization.code

    @staticmethod
    def resolve_organization_name(row: PlanningPool) -> str:
        return row.organization.name

    @staticmethod
    def resolve_candidates(row: PlanningPool) -> int:
        return getattr(row, "active", 0)


def _pools(request: AuthenticatedRequest) -> QuerySet[PlanningPool]:
    return (
        PlanningPool.objects.restrict(request.user)
        .select_related("organization")
        .annotate(active=Count("candidates", filter=Q(candidates__removed_on__isnull=True)))
    )


@router.get("/pools", response={200: list[PoolOut], **QUERY_ERRORS}, summary="Quy hoạch chức danh")
@paginate(Pagination)
def list_pools(
    request: AuthenticatedRequest,
    query: Query[PoolFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet[PlanningPool]:
    filters = PoolFilters.from_schema(query, user=request.user)
    return filters.apply(_pools(request)).order_by("organization__path", "level", "position_title", "pk")


@router.get(
    "/pools/export",
    response={**QUERY_ERRORS, 403: ErrorOut},
    summary="Tải danh sách quy hoạch (Excel)",
    description="Các quy hoạch chức danh trong phạm vi, theo bộ lọc, mỗi người trong quy hoạch một "
    "dòng; cần quyền kết xuất (403 khi không có); việc tải được ghi nhật ký.",
    openapi_extra=file_download("Tệp .xlsx: danh sách quy hoạch.", XLSX),
)
def export_pools(
    request: AuthenticatedRequest,
    query: Query[PoolFilters.schema()],  # type: ignore[valid-type]
) -> HttpResponse:
    return views.pools_response(request, PoolFilters.from_schema(query, user=request.user), "api")


class PoolIn(Schema):
    organization: str = Field(description="Mã cơ quan, đơn vị.", max_length=32)
    position_title: str = Field(max_length=200, min_length=1)
    level: LeadershipLevel
    term_start: int = Field(ge=2000, le=2100, strict=True)
    term_end: int = Field(ge=2000, le=2100, strict=True)
    note: str = Field("", max_length=500)


@router.post("/pools", response={201: PoolOut, **WRITE_ERRORS}, summary="Lập quy hoạch chức danh")
def create_pool(request: AuthenticatedRequest, payload: PoolIn) -> Status:
    values = payload.dict()
    organization = _unit(request, values.pop("organization"))
    row = actions.do_create_pool(organization=organization, acting_user=request.user, **values)
    return Status(201, _pools(request).get(pk=row.pk))


class ReasonOut(Schema):
    code: str
    met: bool
    message: str
    citation: str
    confidence: str


class CandidateOut(Schema):
    id: int
    person_id: int
    full_name: str
    added_on: dt.date
    readiness: str = Field(description="Sẵn sàng / Cần bồi dưỡng thêm / Không còn đủ điều kiện.")
    eligible: bool
    reasons: list[ReasonOut]
    missing_programmes: list[Programme] = Field(description="Chương trình còn phải học (bồi dưỡng dự kiến).")
    periods_this_year: int
    required_periods: int | None
    rotated: bool


class ProblemOut(Schema):
    person_id: int | None
    code: str
    message: str
    citation: str


class PoolDetailOut(PoolOut):
    candidates_detail: list[CandidateOut]
    problems: list[ProblemOut]


def _detail(request: AuthenticatedRequest, pool: PlanningPool) -> PlanningPool:
    row = _pools(request).get(pk=pool.pk)
    active = list(row.candidates.filter(removed_on__isnull=True).select_related("person"))
    tables = engine.tables()
    day = today()
    facts = engine.candidate_facts([c.person_id for c in active], day, tables[engine.LIMITS])
    detail = []
    for candidate in active:
        ready = engine.readiness(facts[candidate.person_id], row.level, row.term_start, day, tables)
        detail.append(
            {
                "id": candidate.pk,
                "person_id": candidate.person_id,
                "full_name": candidate.person.full_name,
                "added_on": candidate.added_on,
                "readiness": ready.label,
                "eligible": ready.eligible,
                "reasons": [reason.as_dict() for reason in ready.reasons],
                "missing_programmes": ready.missing_programmes,
                "periods_this_year": ready.periods,
                "required_periods": ready.required_periods,
                "rotated": ready.rotated,
            }
        )
    problems = engine.pool_checks(PlanningPool.objects.restrict(request.user).filter(pk=row.pk), day)
    row.candidates_detail = detail  # type: ignore[attr-defined]
    row.problems = [problem.__dict__ for problem in problems]  # type: ignore[attr-defined]
    return row


@router.get(
    "/pools/{pool_id}", response={200: PoolDetailOut, **DETAIL_ERRORS}, summary="Quy hoạch và mức sẵn sàng"
)
def get_pool(request: AuthenticatedRequest, pool_id: RecordId) -> PlanningPool:
    """A pool with each candidate's readiness: conditions met or not with their citation, the programmes
    still needed, the periods of the year, rotation; and the problems of the pool's checks."""
    pool = PlanningPool.objects.restrict(request.user).get_or_404(pk=pool_id)
    return _detail(request, pool)


class CandidateIn(Schema):
    person_id: int = Field(strict=True)
    added_on: IsoDate | None = None


@router.post(
    "/pools/{pool_id}/candidates",
    response={201: PoolDetailOut, **WRITE_ERRORS},
    summary="Đưa vào quy hoạch",
)
def add_pool_candidate(request: AuthenticatedRequest, pool_id: RecordId, payload: CandidateIn) -> Status:
    """Refused (422, every rule broken named) when the pool is full, the person is planned for too many
    positions of the level, holds the position already, or does not meet a condition."""
    pool = PlanningPool.objects.restrict(request.user).get_or_404(pk=pool_id)
    person = _person(request, payload.person_id)
    actions.do_add_candidate(pool=pool, person=person, added_on=payload.added_on, acting_user=request.user)
    return Status(201, _detail(request, pool))


class RemovalIn(Schema):
    removal_reason: str = Field(min_length=1, max_length=500)
    removed_on: IsoDate | None = None


@router.post(
    "/pools/{pool_id}/candidates/{candidate_id}/remove",
    response={200: PoolDetailOut, **WRITE_ERRORS},
    summary="Đưa ra khỏi quy hoạch",
)
def remove_pool_candidate(
    request: AuthenticatedRequest, pool_id: RecordId, candidate_id: RecordId, payload: RemovalIn
) -> PlanningPool:
    pool = PlanningPool.objects.restrict(request.user).get_or_404(pk=pool_id)
    candidate = PoolCandidate.objects.restrict(request.user).get_or_404(pk=candidate_id, pool=pool)
    actions.do_remove_candidate(
        candidate=candidate,
        removal_reason=payload.removal_reason,
        removed_on=payload.removed_on,
        acting_user=request.user,
    )
    return _detail(request, pool)


class RemoveIn(Schema):
    candidate_id: int = Field(strict=True)
    reason: str = Field(min_length=1, max_length=500)


class ReviewIn(Schema):
    year: int = Field(ge=2000, le=2100, strict=True)
    add: list[int] = Field(default_factory=list, description="Mã hồ sơ những người bổ sung.", max_length=50)
    remove: list[RemoveIn] = Field(default_factory=list, max_length=50)
    reviewed_on: IsoDate | None = None
    note: str = Field("", max_length=500)


class ReviewOut(Schema):
    id: int
    pool_id: int
    year: int
    reviewed_on: dt.date
    added: int
    removed: int
    note: str


@router.post(
    "/pools/{pool_id}/reviews",
    response={201: ReviewOut, **WRITE_ERRORS},
    summary="Rà soát quy hoạch hằng năm",
)
def review_pool(request: AuthenticatedRequest, pool_id: RecordId, payload: ReviewIn) -> Status:
    """The yearly review: removals and additions in one transaction; a refusal names every person and rule
    and changes nothing."""
    pool = PlanningPool.objects.restrict(request.user).get_or_404(pk=pool_id)
    add = [_person(request, pk) for pk in payload.add]
    remove = [
        (
            PoolCandidate.objects.restrict(request.user).get_or_404(pk=item.candidate_id, pool=pool),
            item.reason,
        )
        for item in payload.remove
    ]
    review: PoolReview = actions.do_review_pool(
        pool=pool,
        year=payload.year,
        add=add,
        remove=remove,
        reviewed_on=payload.reviewed_on,
        note=payload.note,
        acting_user=request.user,
    )
    return Status(201, review)


@router.get("/pool-checks", response={200: list[ProblemOut], **QUERY_ERRORS}, summary="Kiểm tra quy hoạch")
def list_pool_checks(
    request: AuthenticatedRequest,
    query: Query[PoolFilters.schema()],  # type: ignore[valid-type]
) -> list[dict[str, Any]]:
    """Every problem of the pools of the scope: numbers over the limits, candidates no longer eligible."""
    filters = PoolFilters.from_schema(query, user=request.user)
    pools = filters.apply(PlanningPool.objects.restrict(request.user))
    return [problem.__dict__ for problem in engine.pool_checks(pools, today())]


class TrainingHoursOut(Schema):
    person_id: int
    full_name: str
    organization: str
    category: str
    periods_done: int
    periods_required: int | None = Field(description="Số tiết tối thiểu của năm; rỗng: không áp dụng.")
    periods_missing: int

    @staticmethod
    def resolve_person_id(row: Person) -> int:
        return row.pk

    @staticmethod
    def resolve_organization(row: Person) -> str:
        return row.organization.code


@router.get(
    "/training-hours",
    response={200: list[TrainingHoursOut], **QUERY_ERRORS},
    summary="Số tiết bồi dưỡng so với yêu cầu hằng năm",
)
@paginate(Pagination)
def list_training_hours(
    request: AuthenticatedRequest,
    query: Query[TrainingHoursFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet[Person]:
    filters = TrainingHoursFilters.from_schema(query, user=request.user)
    year = filters.value("year") or today().year
    rows = filters.apply(engine.training_hours(Person.objects.restrict(request.user), year))
    return rows.select_related("organization").order_by("-periods_missing", "full_name_folded", "pk")


class CourseOut(Schema):
    id: int
    organization: str
    name: str
    programme: Programme
    institution: str
    start_date: dt.date
    end_date: dt.date
    periods: int
    capacity: int | None

    @staticmethod
    def resolve_organization(row: Course) -> str:
        return row.organization.code


@router.get("/courses", response={200: list[CourseOut], **QUERY_ERRORS}, summary="Khóa đào tạo, bồi dưỡng")
@paginate(Pagination)
def list_courses(
    request: AuthenticatedRequest,
    query: Query[CourseFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet[Course]:
    filters = CourseFilters.from_schema(query, user=request.user)
    rows = filters.apply(Course.objects.restrict(request.user))
    return rows.select_related("organization").order_by("-start_date", "name", "pk")


class CourseIn(Schema):
    organization: str = Field(max_length=32)
    name: str = Field(min_length=1, max_length=300)
    programme: Programme
    start_date: IsoDate
    end_date: IsoDate
    periods: int = Field(ge=1, le=2000, strict=True)
    institution: str = Field("", max_length=255)
    capacity: int | None = Field(None, ge=1, le=100000, strict=True)
    mode: str = Field("", max_length=64)


@router.post("/courses", response={201: CourseOut, **WRITE_ERRORS}, summary="Mở khóa học")
def create_course(request: AuthenticatedRequest, payload: CourseIn) -> Status:
    values = payload.dict()
    organization = _unit(request, values.pop("organization"))
    return Status(
        201, actions.do_create_course(organization=organization, acting_user=request.user, **values)
    )


class EnrolmentOut(Schema):
    id: int
    course_id: int
    person_id: int
    status: EnrolmentStatus
    completed_on: dt.date | None
    certificate: str


class EnrolIn(Schema):
    person_id: int = Field(strict=True)


@router.post(
    "/courses/{course_id}/enrolments", response={201: EnrolmentOut, **WRITE_ERRORS}, summary="Cử đi học"
)
def enrol_course(request: AuthenticatedRequest, course_id: RecordId, payload: EnrolIn) -> Status:
    course = Course.objects.restrict(request.user).get_or_404(pk=course_id)
    person = _person(request, payload.person_id)
    return Status(201, actions.do_enrol(course=course, person=person, acting_user=request.user))


class CompletionIn(Schema):
    completed_on: IsoDate | None = None
    certificate: str = Field("", max_length=200)


@router.post(
    "/enrolments/{enrolment_id}/complete",
    response={200: EnrolmentOut, **WRITE_ERRORS},
    summary="Ghi hoàn thành khóa học",
)
def complete_enrolment(
    request: AuthenticatedRequest, enrolment_id: RecordId, payload: CompletionIn
) -> Enrolment:
    """The course, its programme and periods go on the person's record (kind ``training``)."""
    enrolment = Enrolment.objects.restrict(request.user).get_or_404(pk=enrolment_id)
    return actions.do_complete_enrolment(enrolment=enrolment, acting_user=request.user, **payload.dict())


@router.post(
    "/enrolments/{enrolment_id}/withdrawal",
    response={200: EnrolmentOut, **WRITE_ERRORS},
    summary="Cho thôi học",
    description="Người đang học thôi tham gia khóa học; người đã hoàn thành hoặc đã thôi học bị từ chối "
    "(422).",
)
def withdraw_enrolment(request: AuthenticatedRequest, enrolment_id: RecordId) -> Enrolment:
    enrolment = Enrolment.objects.restrict(request.user).get_or_404(pk=enrolment_id)
    return actions.do_withdraw_enrolment(enrolment=enrolment, acting_user=request.user)


class PairOut(Schema):
    id: int
    mentor_id: int
    mentee_id: int
    goals: str
    start_date: dt.date
    end_date: dt.date | None
    status: MentoringStatus
    check_ins: int

    @staticmethod
    def resolve_check_ins(row: MentoringPair) -> int:
        return row.check_ins.count()


@router.get("/mentoring", response={200: list[PairOut], **QUERY_ERRORS}, summary="Cặp kèm cặp")
@paginate(Pagination)
def list_mentoring(request: AuthenticatedRequest) -> QuerySet[MentoringPair]:
    return MentoringPair.objects.restrict(request.user).order_by("-start_date", "pk")


class PairIn(Schema):
    mentor_id: int = Field(strict=True)
    mentee_id: int = Field(strict=True)
    goals: str = Field(min_length=1, max_length=2000)
    start_date: IsoDate


@router.post("/mentoring", response={201: PairOut, **WRITE_ERRORS}, summary="Phân công kèm cặp")
def start_mentoring(request: AuthenticatedRequest, payload: PairIn) -> Status:
    row = actions.do_start_mentoring(
        mentor=_person(request, payload.mentor_id),
        mentee=_person(request, payload.mentee_id),
        goals=payload.goals,
        start_date=payload.start_date,
        acting_user=request.user,
    )
    return Status(201, row)


class CheckInIn(Schema):
    held_on: IsoDate
    progress: int = Field(ge=0, le=100, strict=True)
    note: str = Field("", max_length=2000)


@router.post(
    "/mentoring/{pair_id}/check-ins", response={201: PairOut, **WRITE_ERRORS}, summary="Ghi lần trao đổi"
)
def check_in_mentoring(request: AuthenticatedRequest, pair_id: RecordId, payload: CheckInIn) -> Status:
    row = MentoringPair.objects.restrict(request.user).get_or_404(pk=pair_id)
    actions.do_check_in(pair=row, acting_user=request.user, **payload.dict())
    return Status(201, row)


class ClosingIn(Schema):
    end_date: IsoDate | None = Field(None, description="Ngày kết thúc; mặc định hôm nay.")


@router.post(
    "/mentoring/{pair_id}/closing",
    response={200: PairOut, **WRITE_ERRORS},
    summary="Kết thúc kèm cặp",
    description="Kết thúc cặp kèm cặp vào ngày cho trước; ngày trước ngày bắt đầu bị từ chối (422).",
)
def close_mentoring(request: AuthenticatedRequest, pair_id: RecordId, payload: ClosingIn) -> MentoringPair:
    row = MentoringPair.objects.restrict(request.user).get_or_404(pk=pair_id)
    return actions.do_close_mentoring(
        pair=row, end_date=payload.end_date or today(), acting_user=request.user
    )


class ItemOut(Schema):
    id: int
    title: str
    done_on: dt.date | None


class HandoverOut(Schema):
    id: int
    person_id: int
    successor_id: int | None
    reason: HandoverReason
    due_on: dt.date
    items: list[ItemOut]

    @staticmethod
    def resolve_items(row: Handover) -> list[HandoverItem]:
        return list(row.items.all())


@router.get("/handovers", response={200: list[HandoverOut], **QUERY_ERRORS}, summary="Bàn giao công việc")
@paginate(Pagination)
def list_handovers(request: AuthenticatedRequest) -> QuerySet[Handover]:
    return Handover.objects.restrict(request.user).prefetch_related("items").order_by("due_on", "pk")


class HandoverIn(Schema):
    person_id: int = Field(strict=True)
    reason: HandoverReason
    due_on: IsoDate
    items: list[str] = Field(min_length=1, max_length=100)
    successor_id: int | None = Field(None, strict=True)


@router.post("/handovers", response={201: HandoverOut, **WRITE_ERRORS}, summary="Lập danh mục bàn giao")
def start_handover(request: AuthenticatedRequest, payload: HandoverIn) -> Status:
    row = actions.do_start_handover(
        person=_person(request, payload.person_id),
        successor=_person(request, payload.successor_id) if payload.successor_id else None,
        handover_reason=payload.reason,
        due_on=payload.due_on,
        items=payload.items,
        acting_user=request.user,
    )
    return Status(201, row)


class ItemDoneIn(Schema):
    done_on: IsoDate | None = None


@router.post(
    "/handover-items/{item_id}/done",
    response={200: HandoverOut, **WRITE_ERRORS},
    summary="Hoàn thành mục bàn giao",
)
def complete_handover_item(request: AuthenticatedRequest, item_id: RecordId, payload: ItemDoneIn) -> Handover:
    item = HandoverItem.objects.restrict(request.user).select_related("handover").get_or_404(pk=item_id)
    actions.do_complete_handover_item(item=item, done_on=payload.done_on or today(), acting_user=request.user)
    return item.handover
