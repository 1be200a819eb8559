"""REST endpoints of emulation and commendation (thi đua, khen thưởng), limited to the user's scope: the
screening of a unit for a year with the same engine as the pages (the reward money is the calculator
``award-amount`` of the calculators' endpoint), the initiatives recognised, and the council sessions
(Hội đồng Thi đua – Khen thưởng) with their nominees, ballots and decision, and their documents (the list of
nominees, the decision and the list attached to it), and the emulation movements with their registrations."""

import datetime as dt
from typing import Any

import polars as pl
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.awards import actions, engine, views
from noivu.awards.filters import InitiativeFilters, MovementFilters
from noivu.awards.jobs import SCREENING_JOB
from noivu.awards.models import (
    Attendance,
    AwardQuota,
    CouncilMember,
    CouncilSession,
    Initiative,
    InitiativeLevel,
    MemberRole,
    Movement,
    Nominee,
    Registration,
    SessionStatus,
)
from noivu.core import audit
from noivu.core.actions import do_start_job
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
from noivu.core.http import DOCX, PDF, XLSX
from noivu.core.permissions import Action
from noivu.evaluation.models import UnitEvaluation
from noivu.organizations.models import Organization
from noivu.personnel.models import Person

router = Router(tags=["awards"])

WRITE_ERRORS: dict[int, Any] = {**CREATE_ERRORS, 404: DETAIL_ERRORS[404]}


class ScreeningOut(Schema):
    recipient: str
    id: int
    title: str
    eligible: bool
    failed: str | None
    failed_message: str | None
    citation: str
    confidence: str


def _decided(decided_on: dt.date | None) -> dt.date:
    day = decided_on or today()
    if day < engine.FIRST_DECISION:
        raise ValidationError(
            {"decided_on": _("Luật Thi đua, khen thưởng 06/2022/QH15 áp dụng từ 01/01/2024.")}
        )
    return day


def _out(screening: engine.Screening, key: str, recipient: str) -> list[dict]:
    return [
        {
            "recipient": recipient,
            "id": row[key],
            "title": row["title"],
            "eligible": row["eligible"],
            "failed": row["failed"],
            "failed_message": screening.messages[row["failed"]].message if row["failed"] else None,
            "citation": screening.rules[row["title"]].legal_basis.citation,
            "confidence": screening.rules[row["title"]].legal_basis.confidence,
        }
        for row in screening.results.sort(key, "title").iter_rows(named=True)
    ]


@router.get(
    "/eligibility/{code}",
    response={200: list[ScreeningOut], **DETAIL_ERRORS},
    summary="Xét điều kiện thi đua, khen thưởng của đơn vị",
)
def get_unit_award_eligibility(
    request: AuthenticatedRequest,
    code: str,
    year: int | None = Query(None, ge=2024, le=2100),
    decided_on: IsoDate | None = None,
    only_eligible: bool = False,
) -> list[dict]:
    """Every person of the unit and the units below it, and every unit rated, for each title and form of
    ``year`` (default last year): eligible or the condition that failed, with the citation and its
    confidence, under the regime in force on ``decided_on`` (default today)."""
    day = _decided(decided_on)
    year = year or max(today().year - 1, engine.FIRST_DECISION.year)
    unit = Organization.objects.restrict(request.user).get_or_404(code=code)
    persons = Person.objects.restrict(request.user).filter(organization__path__startswith=unit.path)
    units = UnitEvaluation.objects.restrict(request.user).filter(organization__path__startswith=unit.path)
    individual, collective = engine.scope_screening(persons, units, year, day)
    if only_eligible:
        individual = _only(individual)
        collective = _only(collective)
    return _out(individual, "person_id", engine.INDIVIDUAL) + _out(
        collective, "organization_id", engine.COLLECTIVE
    )


def _only(screening: engine.Screening) -> engine.Screening:
    return engine.Screening(
        screening.results.filter(pl.col("eligible")),
        screening.checks,
        screening.rules,
        screening.messages,
    )


class ScreeningJobIn(Schema):
    year: int = Field(ge=2024, le=2100, strict=True, description="Năm thành tích được xét (từ 2024).")
    decided_on: IsoDate | None = Field(
        None, description="Ngày quyết định: chọn chế độ áp dụng (từ 01/01/2024); mặc định hôm nay."
    )


class ScreeningJobOut(Schema):
    job: int = Field(description="Mã tác vụ nền xét điều kiện.")
    status_url: str = Field(description="Tiến độ và kết quả của tác vụ (GET).")


@router.post(
    "/units/{code}/screenings",
    response={202: ScreeningJobOut, **WRITE_ERRORS},
    summary="Xét điều kiện thi đua, khen thưởng toàn phạm vi (tác vụ nền)",
    operation_id="start_award_screening",
)
def start_award_screening(request: AuthenticatedRequest, code: str, payload: ScreeningJobIn) -> Status:
    """Screen every person and rated unit of the unit's subtree for ``year`` in the background, as the
    page «Xét toàn phạm vi» does (a province or the country are too many persons for one answer): answers
    202 with the job, whose progress and result — per title, the numbers found eligible and refused — are
    read at ``status_url`` (GET /api/v1/jobs/{id}). Refused (422) for a year after this one or a decision
    date before 01/01/2024."""
    unit = Organization.objects.restrict(request.user).get_or_404(code=code)
    if payload.year > today().year:
        raise ValidationError(
            {"year": _("Năm thành tích %(year)s chưa đến: chỉ xét đến năm nay.") % {"year": payload.year}}
        )
    decided_on = _decided(payload.decided_on)
    started = do_start_job(
        kind=SCREENING_JOB,
        params={"organization": unit.pk, "year": payload.year, "decided_on": decided_on.isoformat()},
        on=unit,
        permission=Action.VIEW,
        acting_user=request.user,
    )
    return Status(
        202, {"job": started.pk, "status_url": reverse("api:job_status", kwargs={"job_id": started.pk})}
    )


class AppliedQuotaOut(Schema):
    title: str = Field(description="Mã danh hiệu, hình thức (award_titles).")
    percent: int = Field(description="Tỷ lệ tối đa (%).")
    of_title: str = Field(
        description="Tính trên số đủ điều kiện danh hiệu này; trống: trên tổng số được xét."
    )
    citation: str = Field(description="Văn bản quy định hạn mức.")
    set_by: str = Field(description="Cơ quan quy định (đơn vị hoặc cấp trên gần nhất có hạn mức).")


class AwardQuotaOut(Schema):
    id: int
    organization: str = Field(alias="organization.code")
    title: str
    percent: int
    of_title: str
    document: str
    article: str
    citation: str
    effective_from: dt.date
    effective_to: dt.date | None


class RankingRuleOut(Schema):
    citation: str
    confidence: str


class AwardQuotasOut(Schema):
    organization: str
    date: dt.date
    applying: list[AppliedQuotaOut] = Field(
        description="Hạn mức có hiệu lực ngày đã hỏi cho phạm vi đơn vị: của đơn vị hoặc cấp trên gần nhất."
    )
    history: list[AwardQuotaOut] = Field(description="Các hạn mức đơn vị đã quy định, mới nhất trước.")
    order: RankingRuleOut = Field(description="Thứ tự xét trong hạn mức.")
    tie_break: RankingRuleOut = Field(description="Ưu tiên khi bằng nhau.")


class AwardQuotaIn(Schema):
    title: str = Field(min_length=1, max_length=32, description="Mã danh hiệu, hình thức (award_titles).")
    percent: int = Field(ge=1, le=100, strict=True, description="Tỷ lệ tối đa (%), từ 1 đến 100.")
    of_title: str = Field(
        "",
        max_length=32,
        description="Tính trên số đủ điều kiện danh hiệu này; trống: trên tổng số được xét.",
    )
    document: str = Field(min_length=1, max_length=64, description="Văn bản quy định (số, ký hiệu).")
    article: str = Field("", max_length=64, description="Điều, khoản.")
    effective_from: IsoDate


def _ranking(rule: Any) -> dict[str, str]:
    return {"citation": rule.legal_basis.citation, "confidence": rule.legal_basis.confidence}


@router.get(
    "/units/{code}/quotas",
    response={200: AwardQuotasOut, **DETAIL_ERRORS},
    summary="Hạn mức khen thưởng của đơn vị",
    operation_id="get_award_quotas",
)
def get_award_quotas(request: AuthenticatedRequest, code: str, date: IsoDate | None = None) -> dict[str, Any]:
    """The quotas of titles in force on ``date`` (default today) for the unit's scope — its own and those
    of the organisations above it, the nearest applying — each with its citation, the quotas the unit set
    over time, and the ranking rule applied within a quota."""
    unit = Organization.objects.restrict(request.user).get_or_404(code=code)
    day = date or today()
    order, tie_break = engine.ranking_rules(max(day, engine.FIRST_DECISION))
    return {
        "organization": unit.code,
        "date": day,
        "applying": list(engine.quotas_on(unit, day).values()),
        "history": AwardQuota.objects.restrict(request.user)
        .filter(organization=unit)
        .select_related("organization")
        .order_by("title", "-effective_from"),
        "order": _ranking(order),
        "tie_break": _ranking(tie_break),
    }


@router.post(
    "/units/{code}/quotas",
    response={201: AwardQuotaOut, **WRITE_ERRORS},
    summary="Quy định hạn mức khen thưởng",
    operation_id="set_award_quota",
)
def set_award_quota(request: AuthenticatedRequest, code: str, payload: AwardQuotaIn) -> Status:
    """Set the unit's quota of a title from ``effective_from`` (an administrator of the unit, as on the page
    «Hạn mức»): at most ``percent`` per cent of those screened, or of those eligible for ``of_title``,
    resting on its own ``document``; the unit's quota of the title in force until then is closed on the day
    before. Refused (422, naming the field) for a title not in the rules of that day, a base title of
    another recipient, or a quota already starting on or after that day."""
    unit = Organization.objects.restrict(request.user).get_or_404(code=code)
    return Status(201, actions.do_set_quota(organization=unit, acting_user=request.user, **payload.dict()))


class InitiativeIn(Schema):
    person_id: int = Field(strict=True)
    title: str = Field(min_length=1, max_length=300)
    level: InitiativeLevel
    recognised_on: IsoDate
    decision_number: str = Field("", max_length=64)
    authority: str = Field("", max_length=255)


class InitiativeOut(Schema):
    id: int
    person_id: int
    title: str
    level: str
    recognised_on: dt.date
    decision_number: str
    authority: str


@router.get("/initiatives", response={200: list[InitiativeOut], **QUERY_ERRORS}, summary="Sáng kiến")
@paginate(Pagination)
def list_initiatives(
    request: AuthenticatedRequest,
    query: Query[InitiativeFilters.schema()],  # type: ignore[valid-type]
) -> Any:
    """The initiatives recognised in the user's scope, newest first, by unit, year, level and author."""
    filters = InitiativeFilters.from_schema(query, user=request.user)
    return filters.apply(Initiative.objects.restrict(request.user)).order_by("-recognised_on", "pk")


@router.post(
    "/initiatives",
    response={201: InitiativeOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Ghi sáng kiến được công nhận",
)
def record_initiative(request: AuthenticatedRequest, payload: InitiativeIn) -> Status:
    data = payload.dict()
    person = Person.objects.restrict(request.user).get_or_404(pk=data.pop("person_id"))
    return Status(201, actions.do_record_initiative(person=person, acting_user=request.user, **data))


class NomineeOut(Schema):
    id: int
    person_id: int | None = Field(description="Cá nhân được đề nghị; trống khi đề nghị một tập thể.")
    organization: str | None = Field(description="Mã đơn vị của tập thể được đề nghị; trống với cá nhân.")
    full_name: str = Field(alias="name", description="Họ và tên cá nhân, hoặc tên tập thể.")
    title: str
    yes_votes: int | None
    votes_needed: int | None
    passed: bool | None
    reward: int | None = Field(description="Tiền thưởng (đồng), khi đã có quyết định.")

    @staticmethod
    def resolve_organization(nominee: Nominee) -> str | None:
        return nominee.organization.code if nominee.organization is not None else None


class CouncilMemberOut(Schema):
    id: int
    name: str
    role: MemberRole
    attendance: Attendance


class CouncilOut(Schema):
    id: int
    organization: str = Field(alias="organization.code")
    year: int
    held_on: dt.date
    members: int
    status: SessionStatus
    decision_number: str
    decided_on: dt.date | None
    signer: str
    council_members: list[CouncilMemberOut] = Field(description="Thành viên Hội đồng tại phiên họp.")
    nominees: list[NomineeOut]

    @staticmethod
    def resolve_council_members(session: CouncilSession) -> list[CouncilMember]:
        return list(session.council_members.order_by("pk"))

    @staticmethod
    def resolve_nominees(session: CouncilSession) -> list[Nominee]:
        return list(session.nominees.select_related("person", "organization").order_by("title", "pk"))


class CouncilIn(Schema):
    organization: str = Field(min_length=1, max_length=32, description="Mã đơn vị có Hội đồng.")
    year: int = Field(ge=2024, le=2100, strict=True)
    held_on: IsoDate
    members: int = Field(ge=1, le=999, strict=True, description="Tổng số thành viên Hội đồng.")


class CouncilMemberIn(Schema):
    name: str = Field(min_length=1, max_length=255)
    role: MemberRole
    attendance: Attendance = Field(
        Attendance.PRESENT, description="Có mặt, vắng mặt có ý kiến bằng văn bản, hoặc vắng mặt."
    )


class NominateIn(Schema):
    person_id: int | None = Field(None, strict=True, description="Cá nhân đề nghị (hoặc organization).")
    organization: str | None = Field(
        None, min_length=1, max_length=32, description="Mã đơn vị của tập thể đề nghị (hoặc person_id)."
    )
    title: str = Field(min_length=1, max_length=32, description="Mã danh hiệu, hình thức (award_titles).")


class VotesIn(Schema):
    yes_votes: int = Field(ge=0, le=999, strict=True, description="Số phiếu đồng ý của cuộc bỏ phiếu kín.")


class DecisionIn(Schema):
    decision_number: str = Field(min_length=1, max_length=64)
    decided_on: IsoDate
    signer: str = Field(min_length=1, max_length=255)


@router.get("/councils", response={200: list[CouncilOut], **QUERY_ERRORS}, summary="Phiên họp Hội đồng TĐKT")
@paginate(Pagination)
def list_award_councils(request: AuthenticatedRequest) -> Any:
    """The council sessions of the user's scope, newest first, each with its nominees."""
    return (
        CouncilSession.objects.restrict(request.user)
        .select_related("organization")
        .order_by("-held_on", "-pk")
    )


@router.get(
    "/councils/{council_id}",
    response={200: CouncilOut, **DETAIL_ERRORS},
    summary="Phiên họp Hội đồng TĐKT",
)
def get_award_council(request: AuthenticatedRequest, council_id: RecordId) -> CouncilSession:
    return (
        CouncilSession.objects.restrict(request.user).select_related("organization").get_or_404(pk=council_id)
    )


@router.post(
    "/councils",
    response={201: CouncilOut, **WRITE_ERRORS},
    summary="Mở phiên họp Hội đồng TĐKT",
)
def open_award_council(request: AuthenticatedRequest, payload: CouncilIn) -> Status:
    """Open a session of a unit's council for a year's achievements; the share of yes votes a title needs
    is of all ``members``."""
    data = payload.dict()
    unit = Organization.objects.restrict(request.user).get_or_404(code=data.pop("organization"))
    return Status(201, actions.do_open_council(organization=unit, acting_user=request.user, **data))


@router.post(
    "/councils/{council_id}/members",
    response={201: CouncilMemberOut, **WRITE_ERRORS},
    summary="Ghi thành viên Hội đồng TĐKT",
)
def add_award_council_member(
    request: AuthenticatedRequest, council_id: RecordId, payload: CouncilMemberIn
) -> Status:
    """Name a member of the council at the session with their place and attendance: refused (422) beyond
    the council's number of members, for a second chair, or once a ballot result is recorded."""
    session = CouncilSession.objects.restrict(request.user).get_or_404(pk=council_id)
    return Status(
        201, actions.do_add_council_member(session=session, acting_user=request.user, **payload.dict())
    )


@router.delete(
    "/council-members/{member_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Bỏ thành viên khỏi danh sách Hội đồng TĐKT",
)
def remove_award_council_member(request: AuthenticatedRequest, member_id: RecordId) -> Status:
    """Take a member entered by mistake off the session's list: refused (422) once a ballot result is
    recorded."""
    member = CouncilMember.objects.restrict(request.user).select_related("session").get_or_404(pk=member_id)
    actions.do_remove_council_member(member=member, acting_user=request.user)
    return Status(204, None)


@router.post(
    "/councils/{council_id}/nominees",
    response={201: CouncilOut, **WRITE_ERRORS},
    summary="Đề nghị xét danh hiệu tại Hội đồng",
)
def nominate_award_candidate(
    request: AuthenticatedRequest, council_id: RecordId, payload: NominateIn
) -> Status:
    """Propose a person (``person_id``) or a collective (``organization``, a unit's code) of the council's
    unit for a title: refused (422) naming the condition that failed unless the screening of the session's
    year finds them eligible."""
    session = CouncilSession.objects.restrict(request.user).get_or_404(pk=council_id)
    person = unit = None
    if payload.person_id is not None:
        person = Person.objects.restrict(request.user).get_or_404(pk=payload.person_id)
    if payload.organization is not None:
        unit = Organization.objects.restrict(request.user).get_or_404(code=payload.organization)
    actions.do_nominate(
        session=session, person=person, unit=unit, title=payload.title, acting_user=request.user
    )
    return Status(201, session)


@router.post(
    "/nominees/{nominee_id}/votes",
    response={200: NomineeOut, **WRITE_ERRORS},
    summary="Ghi kết quả bỏ phiếu kín",
)
def record_award_votes(request: AuthenticatedRequest, nominee_id: RecordId, payload: VotesIn) -> Nominee:
    """The yes votes of the secret ballot on a nominee, once the session names all the council's members:
    at most the members who voted, checked against the votes its title needs of all the council's members
    (Nghị định 98/2023/NĐ-CP khoản 7 Điều 30)."""
    nominee = (
        Nominee.objects.restrict(request.user)
        .select_related("session", "person", "organization")
        .get_or_404(pk=nominee_id)
    )
    return actions.do_record_votes(nominee=nominee, yes_votes=payload.yes_votes, acting_user=request.user)


@router.post(
    "/councils/{council_id}/decision",
    response={200: CouncilOut, **WRITE_ERRORS},
    summary="Ký quyết định khen thưởng",
)
def decide_award_council(
    request: AuthenticatedRequest, council_id: RecordId, payload: DecisionIn
) -> CouncilSession:
    """Sign the session's decision (an approver): each nominee who passed receives the title on their record
    with the reward money on the base salary in force on the decision date."""
    session = (
        CouncilSession.objects.restrict(request.user).select_related("organization").get_or_404(pk=council_id)
    )
    return actions.do_decide_council(session=session, acting_user=request.user, **payload.dict())


def _exported(request: AuthenticatedRequest, council_id: int, *, decided: bool) -> CouncilSession:
    session = (
        CouncilSession.objects.restrict(request.user, Action.EXPORT)
        .select_related("organization")
        .get_or_404(pk=council_id)
    )
    if decided and session.status != SessionStatus.DECIDED:
        raise Http404(_("Phiên họp chưa có quyết định khen thưởng."))
    audit.record_read(request, audit.DATA_EXPORTED, target=session, channel="api")
    return session


@router.get(
    "/councils/{council_id}/nominees.xlsx",
    response={401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Danh sách đề nghị khen thưởng (Excel)",
    description="Danh sách người được đề nghị của một phiên họp, như trang phiên họp tải về: cần quyền kết "
    "xuất trên đơn vị của Hội đồng; 404 khi phiên họp ngoài phạm vi.",
    operation_id="award_council_nominations",
    openapi_extra=file_download(
        "Tệp .xlsx: mỗi người một dòng, danh hiệu đề nghị, số phiếu đồng ý, số phiếu cần đạt, kết quả.",
        XLSX,
    ),
)
def award_council_nominations(request: AuthenticatedRequest, council_id: RecordId) -> HttpResponse:
    return views.nominations_response(_exported(request, council_id, decided=False))


@router.get(
    "/councils/{council_id}/annex.xlsx",
    response={401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Danh sách kèm theo quyết định khen thưởng (Excel)",
    description="Người được khen thưởng theo quyết định của phiên họp, với tiền thưởng: cần quyền kết xuất; "
    "404 khi phiên họp ngoài phạm vi hoặc chưa có quyết định.",
    operation_id="award_decision_annex",
    openapi_extra=file_download(
        "Tệp .xlsx: mỗi người một dòng, danh hiệu, hệ số, tiền thưởng (đồng) và tổng cộng.", XLSX
    ),
)
def award_decision_annex(request: AuthenticatedRequest, council_id: RecordId) -> HttpResponse:
    return views.annex_response(_exported(request, council_id, decided=True))


@router.get(
    "/councils/{council_id}/decision.docx",
    response={401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Quyết định khen thưởng (Word)",
    description="Quyết định của phiên họp: căn cứ, danh hiệu, tiền thưởng, người ký và danh sách kèm theo; "
    "cần quyền kết xuất; 404 khi phiên họp ngoài phạm vi hoặc chưa có quyết định.",
    operation_id="award_decision_document",
    openapi_extra=file_download("Tệp .docx: quyết định khen thưởng và danh sách kèm theo.", DOCX),
)
def award_decision_document(request: AuthenticatedRequest, council_id: RecordId) -> HttpResponse:
    return views.decision_response(_exported(request, council_id, decided=True))


@router.get(
    "/councils/{council_id}/decision.pdf",
    response={401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Quyết định khen thưởng (PDF)",
    description="Quyết định của phiên họp như tệp Word, để in: cần quyền kết xuất; 404 khi phiên họp ngoài "
    "phạm vi hoặc chưa có quyết định.",
    operation_id="award_decision_pdf",
    openapi_extra=file_download("Tệp .pdf: quyết định khen thưởng và danh sách kèm theo.", PDF),
)
def award_decision_pdf(request: AuthenticatedRequest, council_id: RecordId) -> HttpResponse:
    return views.decision_pdf_response(_exported(request, council_id, decided=True))


class MovementOut(Schema):
    id: int
    organization: str = Field(alias="organization.code")
    name: str
    year: int
    starts_on: dt.date
    ends_on: dt.date
    criteria: str
    units: list[str] = Field(description="Mã các đơn vị tham gia.")

    @staticmethod
    def resolve_units(movement: Movement) -> list[str]:
        return list(movement.units.order_by("path").values_list("code", flat=True))


class MovementIn(Schema):
    organization: str = Field(min_length=1, max_length=32, description="Mã đơn vị phát động.")
    name: str = Field(min_length=1, max_length=300)
    year: int = Field(ge=2024, le=2100, strict=True)
    starts_on: IsoDate
    ends_on: IsoDate
    criteria: str = Field("", max_length=5000)
    units: list[str] = Field(
        min_length=1, description="Mã các đơn vị tham gia (đơn vị phát động hoặc cấp dưới)."
    )


class RegistrationOut(Schema):
    id: int
    movement_id: int
    organization: str = Field(alias="organization.code")
    person_id: int | None
    title: str
    registered_on: dt.date


class RegistrationIn(Schema):
    person_id: int | None = Field(None, strict=True, description="Cá nhân đăng ký (danh hiệu cá nhân).")
    unit: str | None = Field(None, max_length=32, description="Mã tập thể đăng ký (danh hiệu tập thể).")
    title: str = Field(min_length=1, max_length=32, description="Mã danh hiệu (award_titles).")
    registered_on: IsoDate


@router.get("/movements", response={200: list[MovementOut], **QUERY_ERRORS}, summary="Phong trào thi đua")
@paginate(Pagination)
def list_award_movements(
    request: AuthenticatedRequest,
    query: Query[MovementFilters.schema()],  # type: ignore[valid-type]
) -> Any:
    """The emulation movements of the user's scope, newest first, by launching unit and year."""
    filters = MovementFilters.from_schema(query, user=request.user)
    return (
        filters.apply(Movement.objects.restrict(request.user))
        .select_related("organization")
        .order_by("-year", "-starts_on", "-pk")
    )


@router.get(
    "/movements/{movement_id}", response={200: MovementOut, **DETAIL_ERRORS}, summary="Phong trào thi đua"
)
def get_award_movement(request: AuthenticatedRequest, movement_id: RecordId) -> Movement:
    return Movement.objects.restrict(request.user).select_related("organization").get_or_404(pk=movement_id)


@router.post(
    "/movements", response={201: MovementOut, **WRITE_ERRORS}, summary="Phát động phong trào thi đua"
)
def launch_award_movement(request: AuthenticatedRequest, payload: MovementIn) -> Status:
    """Launch a unit's movement for a period with its criteria and the units taking part."""
    data = payload.dict()
    unit = Organization.objects.restrict(request.user).get_or_404(code=data.pop("organization"))
    codes = data.pop("units")
    units = list(Organization.objects.restrict(request.user).filter(code__in=codes))
    missing = sorted(set(codes) - {u.code for u in units})
    if missing:
        raise ValidationError(
            {"units": _("Không tìm thấy đơn vị: %(codes)s.") % {"codes": ", ".join(missing)}}
        )
    return Status(
        201, actions.do_launch_movement(organization=unit, units=units, acting_user=request.user, **data)
    )


@router.get(
    "/movements/{movement_id}/registrations",
    response={200: list[RegistrationOut], **DETAIL_ERRORS},
    summary="Đăng ký thi đua của phong trào",
)
@paginate(Pagination)
def list_movement_registrations(request: AuthenticatedRequest, movement_id: RecordId) -> Any:
    """The registrations of a movement the user may read (those of the units of their scope)."""
    movement = Movement.objects.restrict(request.user).get_or_404(pk=movement_id)
    return (
        Registration.objects.restrict(request.user)
        .filter(movement=movement)
        .select_related("organization")
        .order_by("title", "pk")
    )


@router.post(
    "/movements/{movement_id}/registrations",
    response={201: RegistrationOut, **WRITE_ERRORS},
    summary="Đăng ký thi đua",
)
def register_for_award_movement(
    request: AuthenticatedRequest, movement_id: RecordId, payload: RegistrationIn
) -> Status:
    """Register a person for an individual title or a unit for a collective one: refused (422) when the
    registrant is outside the units taking part or the title does not exist for it in the regime."""
    movement = Movement.objects.restrict(request.user).get_or_404(pk=movement_id)
    person = unit = None
    if payload.person_id is not None:
        person = Person.objects.restrict(request.user).get_or_404(pk=payload.person_id)
    if payload.unit:
        unit = Organization.objects.restrict(request.user).get_or_404(code=payload.unit)
    row = actions.do_register(
        movement=movement,
        person=person,
        unit=unit,
        title=payload.title,
        registered_on=payload.registered_on,
        acting_user=request.user,
    )
    return Status(201, row)
