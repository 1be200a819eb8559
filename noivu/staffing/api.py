"""REST endpoints of staffing (biên chế, sắp xếp tổ chức, tinh giản biên chế), limited to the user's scope:
the same filter sets, actions and rules as the pages."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.api import CREATE_ERRORS, DETAIL_ERRORS, QUERY_ERRORS, IsoDate, Pagination, RecordId
from noivu.core.permissions import Action
from noivu.organizations.models import Organization
from noivu.personnel.models import Assignment, Person
from noivu.staffing import actions
from noivu.staffing.filters import (
    CaseFilters,
    HeadcountFilters,
    QuotaFilters,
    RestructuringFilters,
    TargetFilters,
)
from noivu.staffing.headcount import headcount
from noivu.staffing.models import (
    QUOTA_FILLED_BY,
    OrganizationProfile,
    OrganizationType,
    QuotaCategory,
    RestructuringEvent,
    RestructuringKind,
    StaffingQuota,
    StreamliningCase,
    StreamliningGround,
    StreamliningPolicy,
    StreamliningTarget,
    Workflow,
)
from noivu.staffing.progress import progress

router = Router(tags=["staffing"])

WRITE_ERRORS: dict[int, Any] = {**CREATE_ERRORS, 404: DETAIL_ERRORS[404]}


def _unit(user: Any, code: str, field: str, action: str = Action.CHANGE) -> Organization:
    found = Organization.objects.restrict(user, action).filter(code=code).first()
    if found is None:
        # Same answer for a unit that does not exist and one outside the scope.
        raise ValidationError({field: _("Không tìm thấy đơn vị có mã này trong phạm vi bạn được thay đổi.")})
    return found


# --- Headcount --------------------------------------------------------------------------------------


class HeadcountOut(Schema):
    organization: str = Field(description="Mã đơn vị giữ biên chế.")
    organization_name: str
    category: QuotaCategory
    quota: int = Field(description="Biên chế được giao có hiệu lực vào ngày tính.")
    assigned: int = Field(description="Số người có mặt trong đơn vị và các đơn vị trực thuộc.")
    vacant: int
    over: int


@router.get("/headcount", response={200: list[HeadcountOut], **QUERY_ERRORS}, summary="Biên chế và số có mặt")
def list_headcount(request: AuthenticatedRequest, query: Query[HeadcountFilters.schema()]) -> list[dict]:  # type: ignore[valid-type]
    """Every approved quota in force on the as-of date within the user's scope, against the persons assigned
    in the unit's subtree."""
    filters = HeadcountFilters.from_schema(query, user=request.user)
    rows = headcount(
        filters.apply(StaffingQuota.objects.restrict(request.user)),
        Assignment.objects.restrict(request.user),
        filters.as_of,
        category=filters.value("category") or None,
    )
    return [row.as_dict() for row in rows]


class AssignedOut(Schema):
    person_id: int
    full_name: str
    organization: str
    category: str
    effective_from: dt.date

    @staticmethod
    def resolve_full_name(assignment: Assignment) -> str:
        return assignment.person.full_name

    @staticmethod
    def resolve_organization(assignment: Assignment) -> str:
        return assignment.organization.code


@router.get(
    "/headcount/{code}/persons",
    response={200: list[AssignedOut], **DETAIL_ERRORS},
    summary="Người có mặt của một đơn vị",
)
@paginate(Pagination)
def list_assigned_persons(
    request: AuthenticatedRequest,
    code: str,
    query: Query[HeadcountFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet[Assignment]:
    """Drill-down: the persons whose primary assignment in force is in the unit or below it."""
    unit = Organization.objects.restrict(request.user).get_or_404(code=code)
    filters = HeadcountFilters.from_schema(query, user=request.user)
    rows = (
        Assignment.objects.restrict(request.user)
        .as_of(filters.as_of)
        .filter(is_primary=True, organization__path__startswith=unit.path)
    )
    if filters.value("category"):
        rows = rows.filter(category__in=QUOTA_FILLED_BY[filters.value("category")])
    return rows.select_related("person", "organization").order_by("person__full_name_folded", "pk")


# --- Organisation details ---------------------------------------------------------------------------


class ProfileIn(Schema):
    organization_type: OrganizationType
    functions: str = Field("", max_length=5000)
    tasks: str = Field("", max_length=5000)
    basis_number: str = Field("", max_length=64, description="Số hiệu văn bản thành lập.")
    basis_article: str = Field("", max_length=128)
    basis_title: str = Field("", max_length=500)
    basis_issued_on: IsoDate | None = None


class ProfileOut(Schema):
    organization: str
    organization_type: OrganizationType
    functions: str
    tasks: str
    establishment_basis: str | None = Field(description="Trích dẫn văn bản thành lập.")


def _profile(profile: OrganizationProfile) -> dict[str, Any]:
    return {
        "organization": profile.organization.code,
        "organization_type": profile.organization_type,
        "functions": profile.functions,
        "tasks": profile.tasks,
        "establishment_basis": profile.establishment_basis.citation if profile.establishment_basis else None,
    }


@router.get("/organizations/{code}", response={200: ProfileOut, **DETAIL_ERRORS}, summary="Thông tin tổ chức")
def get_organization_profile(request: AuthenticatedRequest, code: str) -> dict[str, Any]:
    unit = Organization.objects.restrict(request.user).get_or_404(code=code)
    profile = OrganizationProfile.objects.restrict(request.user).filter(organization=unit).first()
    if profile is None:
        raise Http404(_("Đơn vị chưa có thông tin tổ chức."))
    return _profile(profile)


@router.post(
    "/organizations/{code}", response={200: ProfileOut, **WRITE_ERRORS}, summary="Cập nhật thông tin tổ chức"
)
def save_organization_profile(request: AuthenticatedRequest, code: str, payload: ProfileIn) -> dict[str, Any]:
    unit = Organization.objects.restrict(request.user).get_or_404(code=code)
    profile = actions.do_save_organization_profile(
        organization=unit, acting_user=request.user, **payload.dict()
    )
    return _profile(profile)


# --- Quotas -----------------------------------------------------------------------------------------


class QuotaOut(Schema):
    id: int
    organization: str
    category: QuotaCategory
    year: int
    quantity: int
    effective_from: dt.date
    effective_to: dt.date | None
    status: Workflow
    decision_number: str
    decision_date: dt.date | None

    @staticmethod
    def resolve_organization(quota: StaffingQuota) -> str:
        return quota.organization.code


class QuotaIn(Schema):
    organization: str = Field(max_length=32, description="Mã đơn vị.")
    category: QuotaCategory
    year: int = Field(ge=2000, le=2100, strict=True)
    quantity: int = Field(ge=0, le=10_000_000, strict=True)
    comment: str = Field("", max_length=5000)


class AppraiseIn(Schema):
    agree: bool
    comment: str = Field("", max_length=5000)


class DecideIn(Schema):
    approve: bool
    decision_number: str = Field("", max_length=64)
    decision_date: IsoDate | None = None
    decided_by: str = Field("", max_length=255)
    comment: str = Field("", max_length=5000)


@router.get("/quotas", response={200: list[QuotaOut], **QUERY_ERRORS}, summary="Biên chế được giao")
@paginate(Pagination)
def list_quotas(
    request: AuthenticatedRequest,
    query: Query[QuotaFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet[StaffingQuota]:
    filters = QuotaFilters.from_schema(query, user=request.user)
    return (
        filters.apply(StaffingQuota.objects.restrict(request.user))
        .select_related("organization")
        .order_by("-year", "pk")
    )


@router.post("/quotas", response={201: QuotaOut, **WRITE_ERRORS}, summary="Đề xuất biên chế")
def propose_quota(request: AuthenticatedRequest, payload: QuotaIn) -> Status:
    data = payload.dict()
    unit = _unit(request.user, data.pop("organization"), "organization")
    return Status(201, actions.do_propose_quota(organization=unit, acting_user=request.user, **data))


@router.post(
    "/quotas/{quota_id}/appraise", response={200: QuotaOut, **WRITE_ERRORS}, summary="Thẩm định biên chế"
)
def appraise_quota(request: AuthenticatedRequest, quota_id: RecordId, payload: AppraiseIn) -> StaffingQuota:
    quota = StaffingQuota.objects.restrict(request.user, Action.APPRAISE).get_or_404(pk=quota_id)
    return actions.do_appraise_quota(quota=quota, acting_user=request.user, **payload.dict())


@router.post(
    "/quotas/{quota_id}/decide", response={200: QuotaOut, **WRITE_ERRORS}, summary="Phê duyệt biên chế"
)
def decide_quota(request: AuthenticatedRequest, quota_id: RecordId, payload: DecideIn) -> StaffingQuota:
    quota = StaffingQuota.objects.restrict(request.user, Action.APPROVE).get_or_404(pk=quota_id)
    return actions.do_decide_quota(quota=quota, acting_user=request.user, **payload.dict())


# --- Restructuring ----------------------------------------------------------------------------------


class EventOut(Schema):
    id: int
    kind: RestructuringKind
    organization: str
    old_name: str
    successor: str | None
    new_name: str
    effective_date: dt.date
    status: Workflow
    persons_moved: int
    decision_number: str
    decision_date: dt.date | None

    @staticmethod
    def resolve_organization(event: RestructuringEvent) -> str:
        return event.organization.code

    @staticmethod
    def resolve_successor(event: RestructuringEvent) -> str | None:
        return event.successor.code if event.successor else None


class EventIn(Schema):
    kind: RestructuringKind
    organization: str = Field(max_length=32)
    successor: str | None = Field(None, max_length=32)
    new_name: str = Field("", max_length=255)
    effective_date: IsoDate
    description: str = Field("", max_length=5000)


@router.get("/restructurings", response={200: list[EventOut], **QUERY_ERRORS}, summary="Sắp xếp tổ chức")
@paginate(Pagination)
def list_restructurings(
    request: AuthenticatedRequest,
    query: Query[RestructuringFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet:
    filters = RestructuringFilters.from_schema(query, user=request.user)
    rows = filters.apply(RestructuringEvent.objects.restrict(request.user))
    return rows.select_related("organization", "successor").order_by("-effective_date", "pk")


@router.post("/restructurings", response={201: EventOut, **WRITE_ERRORS}, summary="Đề xuất sắp xếp tổ chức")
def propose_restructuring(request: AuthenticatedRequest, payload: EventIn) -> Status:
    unit = _unit(request.user, payload.organization, "organization")
    successor = _unit(request.user, payload.successor, "successor") if payload.successor else None
    event = actions.do_propose_restructuring(
        kind=payload.kind,
        organization=unit,
        successor=successor,
        new_name=payload.new_name,
        effective_date=payload.effective_date,
        description=payload.description,
        acting_user=request.user,
    )
    return Status(201, event)


@router.post(
    "/restructurings/{event_id}/decide", response={200: EventOut, **WRITE_ERRORS}, summary="Phê duyệt sắp xếp"
)
def decide_restructuring(
    request: AuthenticatedRequest, event_id: RecordId, payload: DecideIn
) -> RestructuringEvent:
    event = RestructuringEvent.objects.restrict(request.user, Action.APPROVE).get_or_404(pk=event_id)
    return actions.do_decide_restructuring(event=event, acting_user=request.user, **payload.dict())


@router.post(
    "/restructurings/{event_id}/apply", response={200: EventOut, **WRITE_ERRORS}, summary="Thực hiện sắp xếp"
)
def apply_restructuring(request: AuthenticatedRequest, event_id: RecordId) -> RestructuringEvent:
    event = RestructuringEvent.objects.restrict(request.user, Action.CHANGE).get_or_404(pk=event_id)
    return actions.do_apply_restructuring(event=event, acting_user=request.user)


# --- Streamlining targets ---------------------------------------------------------------------------


class TargetOut(Schema):
    id: int
    organization: str
    category: QuotaCategory
    effective_from: dt.date
    effective_to: dt.date | None
    baseline_year: int
    baseline: int
    min_cut: str
    required: int
    achieved: int = Field(description="Số người đã nghỉ theo hồ sơ tinh giản trong giai đoạn, đến ngày tính.")
    planned: int = Field(description="Số người đang đề xuất hoặc đã phê duyệt, chưa nghỉ.")
    headcount: int
    citation: str | None


class TargetIn(Schema):
    organization: str = Field(max_length=32)
    category: QuotaCategory
    effective_from: IsoDate
    effective_to: IsoDate
    baseline_year: int = Field(ge=2000, le=2100, strict=True)
    baseline: int | None = Field(None, ge=0, le=10_000_000, strict=True)


def _target(target: StreamliningTarget, as_of: dt.date) -> dict[str, Any]:
    figures = progress(target, as_of)
    return {
        "id": target.pk,
        "organization": target.organization.code,
        "category": target.category,
        "effective_from": target.effective_from,
        "effective_to": target.effective_to,
        "baseline_year": target.baseline_year,
        "baseline": target.baseline,
        "min_cut": str(target.min_cut),
        "required": figures["required"],
        "achieved": figures["achieved"],
        "planned": figures["planned"],
        "headcount": figures["headcount"],
        "citation": target.legal_basis.citation if target.legal_basis else None,
    }


@router.get(
    "/targets", response={200: list[TargetOut], **QUERY_ERRORS}, summary="Chỉ tiêu và tiến độ tinh giản"
)
def list_streamlining_targets(
    request: AuthenticatedRequest,
    query: Query[TargetFilters.schema()],  # type: ignore[valid-type]
) -> list[dict]:
    filters = TargetFilters.from_schema(query, user=request.user)
    rows = filters.apply(StreamliningTarget.objects.restrict(request.user)).select_related(
        "organization", "legal_basis"
    )
    return [_target(target, filters.as_of) for target in rows[:500]]


@router.post("/targets", response={201: TargetOut, **WRITE_ERRORS}, summary="Giao chỉ tiêu tinh giản")
def set_streamlining_target(request: AuthenticatedRequest, payload: TargetIn) -> Status:
    data = payload.dict()
    unit = _unit(request.user, data.pop("organization"), "organization")
    target = actions.do_set_streamlining_target(organization=unit, acting_user=request.user, **data)
    return Status(201, _target(target, target.effective_from))


# --- Streamlining cases -----------------------------------------------------------------------------


class BenefitItemOut(Schema):
    code: str
    label: str
    amount: int
    formula: str
    citation: str
    confidence: str


class CaseOut(Schema):
    id: int
    person_id: int
    full_name: str
    organization: str
    category: QuotaCategory
    ground: StreamliningGround
    policy: StreamliningPolicy
    regime: str
    case_date: dt.date
    leave_date: dt.date
    months_to_retirement: int
    salary_current: int
    salary_average: int | None
    si_years: int
    si_months: int
    benefit_total: int
    items: list[BenefitItemOut]
    status: Workflow
    decision_number: str
    decision_date: dt.date | None

    @staticmethod
    def resolve_full_name(case: StreamliningCase) -> str:
        return case.person.full_name

    @staticmethod
    def resolve_organization(case: StreamliningCase) -> str:
        return case.organization.code

    @staticmethod
    def resolve_items(case: StreamliningCase) -> list[dict]:
        return list(case.benefit.get("items", []))


class CaseIn(Schema):
    person_id: int = Field(ge=1, le=2**63 - 1, strict=True)
    policy: StreamliningPolicy
    ground: StreamliningGround
    case_date: IsoDate
    leave_date: IsoDate
    restructuring_decision_date: IsoDate | None = None
    salary_current: int | None = Field(None, ge=1, le=10**12, strict=True)
    salary_average: int | None = Field(None, ge=1, le=10**12, strict=True)
    si_years: int | None = Field(None, ge=0, le=60, strict=True)
    si_months: int | None = Field(None, ge=0, le=11, strict=True)


@router.get("/cases", response={200: list[CaseOut], **QUERY_ERRORS}, summary="Hồ sơ tinh giản biên chế")
@paginate(Pagination)
def list_streamlining_cases(
    request: AuthenticatedRequest,
    query: Query[CaseFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet[StreamliningCase]:
    filters = CaseFilters.from_schema(query, user=request.user)
    rows = filters.apply(StreamliningCase.objects.restrict(request.user))
    return rows.select_related("person", "organization").order_by("-leave_date", "pk")


@router.get("/cases/{case_id}", response={200: CaseOut, **DETAIL_ERRORS}, summary="Một hồ sơ tinh giản")
def get_streamlining_case(request: AuthenticatedRequest, case_id: RecordId) -> StreamliningCase:
    """The case with its benefit item by item, each with its formula and article."""
    return (
        StreamliningCase.objects.restrict(request.user)
        .select_related("person", "organization")
        .get_or_404(pk=case_id)
    )


@router.post("/cases", response={201: CaseOut, **WRITE_ERRORS}, summary="Đề xuất tinh giản biên chế")
def propose_streamlining_case(request: AuthenticatedRequest, payload: CaseIn) -> Status:
    data = payload.dict()
    person = Person.objects.restrict(request.user, Action.CHANGE).filter(pk=data.pop("person_id")).first()
    if person is None:
        raise ValidationError({"person_id": _("Không tìm thấy người này trong phạm vi bạn được thay đổi.")})
    return Status(201, actions.do_propose_streamlining_case(person=person, acting_user=request.user, **data))


@router.post(
    "/cases/{case_id}/decide", response={200: CaseOut, **WRITE_ERRORS}, summary="Phê duyệt tinh giản"
)
def decide_streamlining_case(
    request: AuthenticatedRequest, case_id: RecordId, payload: DecideIn
) -> StreamliningCase:
    case = StreamliningCase.objects.restrict(request.user, Action.APPROVE).get_or_404(pk=case_id)
    return actions.do_decide_streamlining_case(case=case, acting_user=request.user, **payload.dict())


@router.post(
    "/cases/{case_id}/execute", response={200: CaseOut, **WRITE_ERRORS}, summary="Thực hiện tinh giản"
)
def execute_streamlining_case(request: AuthenticatedRequest, case_id: RecordId) -> StreamliningCase:
    """The person leaves their assignment on the case's leave date."""
    case = StreamliningCase.objects.restrict(request.user, Action.CHANGE).get_or_404(pk=case_id)
    return actions.do_execute_streamlining_case(case=case, acting_user=request.user)
