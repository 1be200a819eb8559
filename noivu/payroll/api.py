"""Payroll API: monthly payrolls (compute, review, lock, lines), a person's itemised salary, the step raises
due, their proposals (propose, approve, return) and the placement on a new rank."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit, dates
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
from noivu.core.http import DOCX, XLSX
from noivu.core.models import ScopedQuerySet
from noivu.core.permissions import Action
from noivu.core.rules import rule_table
from noivu.organizations.models import Organization
from noivu.payroll import actions
from noivu.payroll.arrears import arrears
from noivu.payroll.engine import SalaryInputError, SalaryLaw
from noivu.payroll.models import (
    PayrollLine,
    PayrollRun,
    ProposalStatus,
    RaiseKind,
    RaiseProposal,
    RaiseProposalItem,
    RunStatus,
    SalaryHistory,
    SalaryScenario,
)
from noivu.payroll.persons import person_salary
from noivu.payroll.proposals import Selection, raise_basis
from noivu.payroll.quota import approved_early, early_quota, lapse_date, remainder_pool
from noivu.payroll.raises import RULES_TABLE, raises_due
from noivu.payroll.views import notice_response, sheet_response
from noivu.personnel.models import Person

router = Router(tags=["payroll"])

WRITE_ERRORS: dict[int, Any] = {**CREATE_ERRORS, 404: DETAIL_ERRORS[404]}


class RunOut(Schema):
    id: int
    organization: str = Field(description="Mã đơn vị; bảng lương gồm cả các đơn vị trực thuộc.")
    month: dt.date = Field(description="Ngày đầu tháng.")
    status: RunStatus
    corrects: int | None = Field(description="Bảng lương đã khóa mà bảng này điều chỉnh.")
    base_salary: int
    persons: int
    gross: int
    deductions: int
    net: int
    employer_contributions: int
    arrears: int = Field(
        description="Tiền lương chênh lệch truy lĩnh các tháng đã khóa trả kèm bảng lương này (đồng), "
        "đã gồm trong gross; các khoản trích và thực lĩnh của nó đã gồm trong deductions và net."
    )

    @staticmethod
    def resolve_organization(run: PayrollRun) -> str:
        return run.organization.code

    @staticmethod
    def resolve_corrects(run: PayrollRun) -> int | None:
        return run.corrects_id


class RunIn(Schema):
    organization: str = Field(max_length=32, description="Mã đơn vị.")
    month: IsoDate = Field(description="Ngày bất kỳ trong tháng.")
    correction: bool = Field(False, description="Lập bảng điều chỉnh cho tháng đã khóa.")


class LineOut(Schema):
    person_id: int
    organization: str
    category: str
    salary_group: str
    step: int
    coefficient: str
    seniority_percent: int
    salary: int
    seniority: int
    leadership: int
    allowances: int
    public_duty: int
    reserved: int
    gross: int
    insurance_base: int
    social_insurance: int
    health_insurance: int
    unemployment_insurance: int
    deductions: int
    net: int

    @staticmethod
    def resolve_organization(line: PayrollLine) -> str:
        return line.organization.code

    @staticmethod
    def resolve_coefficient(line: PayrollLine) -> str:
        return str(line.coefficient)


class RunFilters(Schema):
    month: IsoDate | None = Field(None, description="Chỉ các bảng lương của tháng chứa ngày này.")


@router.get("/runs", response={200: list[RunOut], **QUERY_ERRORS}, summary="Bảng lương tháng")
@paginate(Pagination)
def list_payroll_runs(request: AuthenticatedRequest, filters: Query[RunFilters]) -> QuerySet[PayrollRun]:
    found = PayrollRun.objects.restrict(request.user).select_related("organization")
    if filters.month:
        found = found.filter(month=filters.month.replace(day=1))
    return found.order_by("-month", "organization__path", "-pk")


@router.get("/runs/{run_id}", response={200: RunOut, **DETAIL_ERRORS}, summary="Một bảng lương tháng")
def get_payroll_run(request: AuthenticatedRequest, run_id: RecordId) -> PayrollRun:
    return PayrollRun.objects.restrict(request.user).select_related("organization").get_or_404(pk=run_id)


@router.get(
    "/runs/{run_id}/lines", response={200: list[LineOut], **DETAIL_ERRORS}, summary="Các dòng bảng lương"
)
@paginate(Pagination)
def list_payroll_lines(request: AuthenticatedRequest, run_id: RecordId) -> QuerySet[PayrollLine]:
    run = PayrollRun.objects.restrict(request.user).get_or_404(pk=run_id)
    return run.lines.select_related("organization").order_by("person_id")


@router.post("/runs", response={201: RunOut, **WRITE_ERRORS}, summary="Lập bảng lương tháng")
def compute_payroll_run(request: AuthenticatedRequest, payload: RunIn) -> Status:
    unit = (
        Organization.objects.restrict(request.user, Action.CHANGE).filter(code=payload.organization).first()
    )
    if unit is None:
        raise ValidationError(
            {"organization": _("Không tìm thấy đơn vị có mã này trong phạm vi bạn được thay đổi.")}
        )
    run = actions.do_compute_payroll(
        organization=unit, month=payload.month, correction=payload.correction, acting_user=request.user
    )
    return Status(201, run)


@router.post("/runs/{run_id}/review", response={200: RunOut, **WRITE_ERRORS}, summary="Kiểm tra bảng lương")
def review_payroll_run(request: AuthenticatedRequest, run_id: RecordId) -> PayrollRun:
    run = PayrollRun.objects.restrict(request.user, Action.CHANGE).get_or_404(pk=run_id)
    return actions.do_review_payroll(run=run, acting_user=request.user)


@router.post("/runs/{run_id}/lock", response={200: RunOut, **WRITE_ERRORS}, summary="Khóa bảng lương")
def lock_payroll_run(request: AuthenticatedRequest, run_id: RecordId) -> PayrollRun:
    run = PayrollRun.objects.restrict(request.user, Action.APPROVE).get_or_404(pk=run_id)
    return actions.do_lock_payroll(run=run, acting_user=request.user)


class ComponentOut(Schema):
    code: str
    label: str
    coefficient: str | None
    percent: str | None
    amount: int
    formula: str
    in_insurance_base: bool
    legal_basis: dict[str, Any] | None


class ContributionOut(Schema):
    fund: str
    label: str
    employee_rate: str
    employee_amount: int
    employer_rate: str
    employer_amount: int
    legal_basis: dict[str, Any]


class SalaryOut(Schema):
    on: dt.date
    base_salary: int
    scale: str
    step: int | None
    last_step: int | None
    components: list[ComponentOut]
    gross: int
    insurance_base: int
    insurance_cap: int
    contributions: list[ContributionOut]
    employee_deductions: int
    employer_contributions: int
    net: int


class SalaryQuery(Schema):
    on: IsoDate | None = Field(None, description="Ngày tính; mặc định hôm nay.")


@router.get(
    "/persons/{person_id}/salary",
    response={200: SalaryOut, **DETAIL_ERRORS},
    summary="Lương tháng theo từng khoản",
)
def get_person_salary(request: AuthenticatedRequest, person_id: RecordId, query: Query[SalaryQuery]) -> dict:
    person = Person.objects.restrict(request.user).get_or_404(pk=person_id)
    try:
        return person_salary(person, query.on or dates.today()).as_dict()
    except SalaryInputError as error:
        raise ValidationError({error.field: error.message}) from error


class ScenarioOut(Schema):
    id: int
    organization: str
    name: str
    starts_on: dt.date
    base_salary: int | None = Field(description="Mức lương cơ sở mới; trống khi không đổi.")
    allowance_changes: dict[str, float] = Field(description="Thay đổi (%) theo loại phụ cấp.")
    position_amounts: dict[str, int] = Field(
        description="Bảng lương theo vị trí việc làm: mã vị trí → tiền lương tháng (đồng) thay lương theo "
        "ngạch, bậc của người giữ vị trí đó."
    )
    job: int | None = Field(description="Tác vụ nền tính phương án: GET /api/v1/jobs/{id} cho tiến độ.")
    results: dict[str, Any] = Field(
        description="Khi tính xong: persons, monthly/yearly {baseline, scenario, difference}, by_unit, "
        "by_category, by_group."
    )

    @staticmethod
    def resolve_organization(scenario: SalaryScenario) -> str:
        return scenario.organization.code

    @staticmethod
    def resolve_job(scenario: SalaryScenario) -> int | None:
        return scenario.job_id


class ScenarioIn(Schema):
    organization: str = Field(max_length=32)
    name: str = Field(max_length=200)
    starts_on: IsoDate
    base_salary: int | None = Field(None, ge=1, le=10**9, strict=True)
    allowance_changes: dict[str, float] = Field(default_factory=dict)
    position_amounts: dict[str, int] = Field(
        default_factory=dict,
        description="Bảng lương theo vị trí việc làm: mã vị trí → tiền lương tháng (đồng), từ ngày áp dụng.",
    )


@router.get("/scenarios", response={200: list[ScenarioOut], **QUERY_ERRORS}, summary="Phương án trả lương")
@paginate(Pagination)
def list_salary_scenarios(request: AuthenticatedRequest) -> QuerySet[SalaryScenario]:
    return SalaryScenario.objects.restrict(request.user).select_related("organization").order_by("-pk")


@router.get(
    "/scenarios/{scenario_id}",
    response={200: ScenarioOut, **DETAIL_ERRORS},
    summary="Một phương án trả lương",
)
def get_salary_scenario(request: AuthenticatedRequest, scenario_id: RecordId) -> SalaryScenario:
    return (
        SalaryScenario.objects.restrict(request.user)
        .select_related("organization")
        .get_or_404(pk=scenario_id)
    )


@router.post("/scenarios", response={201: ScenarioOut, **WRITE_ERRORS}, summary="Tính phương án trả lương")
def start_salary_scenario(request: AuthenticatedRequest, payload: ScenarioIn) -> Status:
    unit = (
        Organization.objects.restrict(request.user, Action.CHANGE).filter(code=payload.organization).first()
    )
    if unit is None:
        raise ValidationError(
            {"organization": _("Không tìm thấy đơn vị có mã này trong phạm vi bạn được thay đổi.")}
        )
    scenario = actions.do_start_scenario(
        organization=unit,
        name=payload.name,
        starts_on=payload.starts_on,
        base_salary=payload.base_salary,
        allowance_changes=payload.allowance_changes,
        position_amounts=payload.position_amounts,
        acting_user=request.user,
    )
    return Status(201, scenario)


class RaiseOut(Schema):
    person_id: int
    organization_id: int
    scale: str = Field(description="Bảng lương và nhóm ngạch (mã trong bảng quy định salary_scales).")
    step: int
    seniority_percent: int
    clock_from: dt.date = Field(description="Ngày bắt đầu hưởng bậc hoặc mức hiện tại.")
    postponed: int = Field(description="Số tháng kéo dài (kỷ luật, không hoàn thành nhiệm vụ).")
    reasons: str = Field(
        description="Căn cứ kéo dài: từng năm không hoàn thành nhiệm vụ, từng quyết định kỷ luật trong "
        "thời gian giữ bậc, số tháng và văn bản quy định."
    )
    due_on: dt.date
    beyond_frame: bool = Field(description="Đến hạn hưởng hoặc tăng thâm niên vượt khung thay cho nâng bậc.")
    new_step: int
    new_coefficient: str | None
    new_seniority_percent: int


class RaiseQuery(Schema):
    organization: str | None = Field(
        None,
        max_length=32,
        description="Mã đơn vị, gồm cả các đơn vị trực thuộc; mặc định đơn vị đầu tiên trong phạm vi.",
    )
    year: int | None = Field(None, ge=2005, le=2099, description="Năm; mặc định năm nay.")


@router.get(
    "/raises", response={200: list[RaiseOut], **DETAIL_ERRORS}, summary="Nâng bậc lương đến hạn trong năm"
)
def list_step_raises(request: AuthenticatedRequest, query: Query[RaiseQuery]) -> list[dict[str, Any]]:
    units = Organization.objects.restrict(request.user).order_by("path")
    unit = units.filter(code=query.organization).first() if query.organization else units.first()
    if unit is None:
        raise Http404
    due = raises_due(unit.path, query.year or dates.today().year, SalaryLaw.load())
    return [
        {
            **row,
            "new_coefficient": f"{row['new_coefficient_e4'] / 10000:.2f}"
            if row["new_coefficient_e4"]
            else None,
        }
        for row in due.to_dicts()
    ]


class PoolUnitOut(Schema):
    organization: str = Field(description="Mã đơn vị trực thuộc trực tiếp.")
    name: str
    persons: int = Field(description="Số người trong danh sách trả lương ngày 31/12 của năm xét.")
    own_places: int = Field(description="Số người theo tỷ lệ của riêng đơn vị (mỗi đủ 10 người một suất).")
    remainder: int = Field(description="Số dư ra dưới 10 người (đơn vị dưới 10 người: tất cả).")
    granted: int = Field(description="Số người cấp trên đã giao thêm.")
    small: bool = Field(description="Đơn vị có dưới 10 người trong danh sách trả lương (được ưu tiên).")


class EarlyRaisePoolOut(Schema):
    persons: int
    remainder: int = Field(description="Tổng số dư của các đơn vị trực thuộc.")
    places: int = Field(
        description="Số người giao thêm được: tỷ lệ trên tổng danh sách trừ số theo tỷ lệ riêng."
    )
    granted: int
    available: int
    legal_basis: str
    units: list[PoolUnitOut]


class EarlyRaiseQuotaOut(Schema):
    organization: str
    year: int
    persons: int = Field(description="Số người trong danh sách trả lương ngày 31/12 của năm xét.")
    percent: int
    own_places: int
    remainder: int
    granted: int = Field(description="Số người cấp trên trực tiếp giao thêm từ số dư.")
    places: int = Field(description="Chỉ tiêu: own_places + granted.")
    approved: int = Field(
        description=(
            "Số suất đã dùng: người trong danh sách trả lương của đơn vị đã được phê duyệt nâng trước thời "
            "hạn trong năm, theo đề nghị của đơn vị, của các đơn vị trực thuộc hoặc của cấp trên."
        )
    )
    lapses_on: dt.date | None = Field(description="Hết ngày này (hết quý I năm sau) chỉ tiêu không còn.")
    legal_basis: str
    pool_legal_basis: str
    pool: EarlyRaisePoolOut | None = Field(
        description="Số dư của các đơn vị trực thuộc trực tiếp và số người giao thêm được."
    )


def _quota_out(unit: Organization, year: int) -> dict[str, Any]:
    quota = early_quota(unit, year)
    pool = remainder_pool(unit, year)
    return {
        "organization": unit.code,
        "year": year,
        "persons": quota.persons,
        "percent": quota.percent,
        "own_places": quota.own_places,
        "remainder": quota.remainder,
        "granted": quota.granted,
        "places": quota.places,
        "approved": approved_early(unit, year),
        "lapses_on": lapse_date(year),
        "legal_basis": quota.citation,
        "pool_legal_basis": quota.pool_citation,
        "pool": None
        if pool is None
        else {
            "persons": pool.persons,
            "remainder": pool.remainder,
            "places": pool.places,
            "granted": pool.granted,
            "available": pool.available,
            "legal_basis": pool.citation,
            "units": [
                {
                    "organization": row.organization.code,
                    "name": row.organization.name,
                    "persons": row.persons,
                    "own_places": row.own_places,
                    "remainder": row.remainder,
                    "granted": row.granted,
                    "small": row.small,
                }
                for row in pool.units
            ],
        },
    }


@router.get(
    "/early-raise-quota",
    response={200: EarlyRaiseQuotaOut, **DETAIL_ERRORS},
    summary="Chỉ tiêu nâng bậc lương trước thời hạn của năm",
    description="Chỉ tiêu của đơn vị (10% danh sách trả lương, mỗi đủ 10 người một suất, cộng số cấp trên "
    "giao thêm), số đã phê duyệt, và số dư của các đơn vị trực thuộc trực tiếp mà đơn vị giao thêm được "
    "(Thông tư 08/2013/TT-BNV Điều 3 khoản 1 điểm b, sửa đổi bởi Thông tư 03/2021/TT-BNV Điều 1 khoản 6).",
)
def get_early_raise_quota(request: AuthenticatedRequest, query: Query[RaiseQuery]) -> dict[str, Any]:
    units = Organization.objects.restrict(request.user).order_by("path")
    unit = units.filter(code=query.organization).first() if query.organization else units.first()
    if unit is None:
        raise Http404
    return _quota_out(unit, query.year or dates.today().year)


class EarlyPlacesGrantIn(Schema):
    organization: str = Field(max_length=32, description="Mã cơ quan quản lý cấp trên trực tiếp.")
    unit: str = Field(max_length=32, description="Mã đơn vị trực thuộc trực tiếp được giao thêm.")
    year: int = Field(ge=2005, le=2099, strict=True)
    places: int = Field(ge=1, le=10000, strict=True)
    decision_number: str = Field(max_length=64)
    decision_date: IsoDate | None = None


@router.post(
    "/early-raise-grants",
    response={201: EarlyRaiseQuotaOut, **WRITE_ERRORS},
    summary="Giao thêm chỉ tiêu nâng bậc lương trước thời hạn từ số dư",
    description="Cơ quan quản lý cấp trên trực tiếp giao thêm cho một đơn vị trực thuộc; bị từ chối (422, "
    "nêu quy định) khi vượt số dư giao thêm được, đơn vị không trực thuộc trực tiếp hoặc đã hết quý I năm "
    "sau. Trả về chỉ tiêu của đơn vị được giao.",
)
def grant_early_places(request: AuthenticatedRequest, payload: EarlyPlacesGrantIn) -> Status:
    superior = (
        Organization.objects.restrict(request.user, Action.APPROVE).filter(code=payload.organization).first()
    )
    if superior is None:
        raise ValidationError(
            {"organization": _("Không tìm thấy đơn vị có mã này trong phạm vi bạn được phê duyệt.")}
        )
    unit = Organization.objects.restrict(request.user).filter(code=payload.unit).first()
    if unit is None:
        raise ValidationError({"unit": _("Không tìm thấy đơn vị có mã này trong phạm vi của bạn.")})
    actions.do_grant_early_places(
        superior=superior,
        unit=unit,
        year=payload.year,
        places=payload.places,
        decision_number=payload.decision_number,
        decision_date=payload.decision_date,
        acting_user=request.user,
    )
    return Status(201, _quota_out(unit, payload.year))


class ArrearsPartOut(Schema):
    code: str = Field(description="Mã khoản lương hoặc quỹ bảo hiểm.")
    label: str
    new: int = Field(description="Số tiền cả tháng ở bậc mới (đồng).")
    old: int = Field(description="Số tiền cả tháng ở bậc cũ (đồng).")
    amount: int = Field(description="Chênh lệch cho số ngày được truy lĩnh (đồng).")
    formula: str
    basis: str = Field(description="Căn cứ pháp lý của khoản.")


class ArrearsOut(Schema):
    month: dt.date = Field(description="Ngày đầu của tháng đã khóa bảng lương.")
    base_salary: int = Field(description="Mức lương cơ sở của tháng (đồng).")
    new_salary: int = Field(description="Tổng thu nhập cả tháng ở bậc mới (đồng).")
    old_salary: int = Field(description="Như trên, ở bậc cũ đã trả trong bảng lương đã khóa (đồng).")
    monthly_difference: int = Field(
        description="Chênh lệch tổng thu nhập cả tháng giữa bậc mới và bậc cũ (đồng)."
    )
    days: int
    month_days: int
    amount: int = Field(description="Số tiền truy lĩnh của tháng (đồng): tổng chênh lệch các khoản.")
    components: list[ArrearsPartOut] = Field(
        description="Các khoản chênh lệch: lương theo hệ số, thâm niên vượt khung, phụ cấp tính theo % lương."
    )
    contributions: list[ArrearsPartOut] = Field(
        description="Các khoản trích của người lao động trên phần chênh lệch (BHXH, BHYT, BHTN)."
    )
    deductions: int = Field(description="Tổng các khoản trích trên phần chênh lệch (đồng).")
    net: int = Field(description="Thực lĩnh truy lĩnh của tháng (đồng).")
    employer_contributions: int = Field(description="Phần đơn vị đóng trên phần chênh lệch (đồng).")


class RaiseItemOut(Schema):
    id: int
    person_id: int
    kind: RaiseKind
    scale: str
    step: int
    coefficient: str
    seniority_percent: int
    clock_from: dt.date
    postponed: int
    regular_due: dt.date = Field(description="Ngày đến hạn nâng bậc thường xuyên, sau khi kéo dài.")
    months_early: int
    achievement: str
    notice: str = Field(description="Số, ngày thông báo nghỉ hưu (loại retirement).")
    retires_on: dt.date | None = Field(description="Ngày nghỉ hưu theo thông báo (loại retirement).")
    effective_from: dt.date = Field(description="Ngày hưởng bậc hoặc mức mới.")
    new_step: int
    new_coefficient: str
    new_seniority_percent: int
    reasons: str
    legal_basis: str = Field(
        description="Căn cứ của loại nâng bậc lương (các điều, khoản của bảng quy định step_raise_rules còn "
        "hiệu lực vào ngày hưởng mới)."
    )
    salary_record: int | None = Field(description="Quá trình lương được ghi khi phê duyệt.")
    arrears: list[ArrearsOut] = Field(
        description="Truy lĩnh: từng tháng đã khóa bảng lương kể từ tháng hưởng mới, "
        "trên lương cơ sở của tháng."
    )
    arrears_total: int = Field(description="Tổng số tiền truy lĩnh (đồng).")
    arrears_error: str = Field(
        description="Khi không tính được truy lĩnh từ hồ sơ (ví dụ một phụ cấp trái bảng quy định): lý do, "
        "nêu người, tháng, phụ cấp và quy định; trống khi tính được."
    )

    @staticmethod
    def resolve_coefficient(item: RaiseProposalItem) -> str:
        return f"{item.coefficient:.2f}"

    @staticmethod
    def resolve_new_coefficient(item: RaiseProposalItem) -> str:
        return f"{item.new_coefficient:.2f}"

    @staticmethod
    def resolve_salary_record(item: RaiseProposalItem) -> int | None:
        return item.salary_record_id

    @staticmethod
    def resolve_arrears(item: RaiseProposalItem) -> list[Any]:
        return list(getattr(item, "arrears", []))

    @staticmethod
    def resolve_arrears_total(item: RaiseProposalItem) -> int:
        return sum(month.amount for month in getattr(item, "arrears", []))

    @staticmethod
    def resolve_arrears_error(item: RaiseProposalItem) -> str:
        return str(getattr(item, "arrears_error", ""))

    @staticmethod
    def resolve_legal_basis(item: RaiseProposalItem) -> str:
        return raise_basis(rule_table(RULES_TABLE), item.kind, item.effective_from)


class ProposalOut(Schema):
    id: int
    organization: str
    year: int
    title: str
    status: ProposalStatus
    proposed_on: dt.date
    decision_number: str
    decision_date: dt.date | None
    comment: str
    items: list[RaiseItemOut]

    @staticmethod
    def resolve_organization(proposal: RaiseProposal) -> str:
        return proposal.organization.code

    @staticmethod
    def resolve_items(proposal: RaiseProposal) -> list[RaiseProposalItem]:
        items = list(proposal.items.order_by("effective_from", "person_id"))
        owed = arrears(items, SalaryLaw.load())
        for item in items:
            item.arrears = owed.get(item.person_id, [])
            item.arrears_error = owed.problems.get(item.person_id, "")
        return items


class SelectionIn(Schema):
    person_id: int = Field(ge=1, le=2**63 - 1, strict=True)
    months_early: int = Field(
        0,
        ge=0,
        le=99,
        strict=True,
        description="0: nâng bậc thường xuyên; 1–12: nâng trước thời hạn do thành tích.",
    )
    achievement: str = Field("", max_length=300, description="Thành tích xuất sắc đã được công nhận.")
    retires_on: dt.date | None = Field(
        None,
        description="Ngày nghỉ hưu theo thông báo: nâng bậc lương trước thời hạn 12 tháng khi có thông báo "
        "nghỉ hưu (Thông tư 08/2013/TT-BNV Điều 3 khoản 2), ngoài chỉ tiêu; months_early bị bỏ qua.",
    )
    notice: str = Field(
        "", max_length=200, description="Số, ngày thông báo nghỉ hưu (bắt buộc với retires_on)."
    )


class ProposalIn(Schema):
    organization: str = Field(max_length=32, description="Mã đơn vị, gồm cả các đơn vị trực thuộc.")
    year: int = Field(ge=2005, le=2099, strict=True, description="Năm xét nâng bậc.")
    title: str = Field("", max_length=200)
    persons: list[SelectionIn] = Field(max_length=5000)


class ApprovalIn(Schema):
    decision_number: str = Field(max_length=64)
    decision_date: IsoDate | None = None


class ReturnIn(Schema):
    comment: str = Field(max_length=2000)


def _proposals(request: AuthenticatedRequest, action_name: str = Action.VIEW) -> ScopedQuerySet:
    return RaiseProposal.objects.restrict(request.user, action_name).select_related("organization")


@router.get(
    "/raise-proposals",
    response={200: list[ProposalOut], **QUERY_ERRORS},
    summary="Đề nghị nâng bậc lương",
)
@paginate(Pagination)
def list_raise_proposals(request: AuthenticatedRequest) -> QuerySet[RaiseProposal]:
    return _proposals(request).order_by("-year", "-pk")


@router.get(
    "/raise-proposals/{proposal_id}",
    response={200: ProposalOut, **DETAIL_ERRORS},
    summary="Một đề nghị nâng bậc lương",
)
def get_raise_proposal(request: AuthenticatedRequest, proposal_id: RecordId) -> RaiseProposal:
    return _proposals(request).get_or_404(pk=proposal_id)


@router.post(
    "/raise-proposals",
    response={201: ProposalOut, **WRITE_ERRORS},
    summary="Lập đề nghị nâng bậc lương",
    description="Từ danh sách nâng bậc lương đến hạn của năm: mỗi người nâng bậc thường xuyên (hoặc hưởng "
    "thâm niên vượt khung ở bậc cuối), hoặc nâng trước thời hạn months_early tháng. Bị từ chối cả đề nghị "
    "(422, nêu từng người và quy định) khi có người ngoài phạm vi, không đến hạn, đang ở đề nghị khác hoặc "
    "vượt chỉ tiêu nâng trước thời hạn.",
)
def propose_raises(request: AuthenticatedRequest, payload: ProposalIn) -> Status:
    unit = (
        Organization.objects.restrict(request.user, Action.CHANGE).filter(code=payload.organization).first()
    )
    if unit is None:
        raise ValidationError(
            {"organization": _("Không tìm thấy đơn vị có mã này trong phạm vi bạn được thay đổi.")}
        )
    proposal = actions.do_propose_raises(
        organization=unit,
        year=payload.year,
        selections=[
            Selection(p.person_id, p.months_early, p.achievement, p.retires_on, p.notice)
            for p in payload.persons
        ],
        title=payload.title,
        acting_user=request.user,
    )
    return Status(201, proposal)


@router.post(
    "/raise-proposals/{proposal_id}/approve",
    response={200: ProposalOut, **WRITE_ERRORS},
    summary="Phê duyệt đề nghị nâng bậc lương",
    description="Ghi quá trình lương mới của từng người (từ ngày hưởng, với số và ngày quyết định) trong một "
    "giao dịch; kiểm tra lại từng người, bị từ chối cả đề nghị (422) và không thay đổi gì khi có vấn đề.",
)
def approve_raise_proposal(
    request: AuthenticatedRequest, proposal_id: RecordId, payload: ApprovalIn
) -> RaiseProposal:
    found = _proposals(request, Action.APPROVE).get_or_404(pk=proposal_id)
    return actions.do_approve_raise_proposal(
        proposal=found,
        decision_number=payload.decision_number,
        decision_date=payload.decision_date,
        acting_user=request.user,
    )


@router.post(
    "/raise-proposals/{proposal_id}/return",
    response={200: ProposalOut, **WRITE_ERRORS},
    summary="Trả lại đề nghị nâng bậc lương",
)
def return_raise_proposal(
    request: AuthenticatedRequest, proposal_id: RecordId, payload: ReturnIn
) -> RaiseProposal:
    found = _proposals(request, Action.APPROVE).get_or_404(pk=proposal_id)
    return actions.do_return_raise_proposal(proposal=found, comment=payload.comment, acting_user=request.user)


class ResubmitIn(Schema):
    title: str = Field("", max_length=200, description="Tên đề nghị; để trống thì giữ tên cũ.")
    persons: list[SelectionIn] = Field(
        max_length=5000, description="Toàn bộ các dòng của đề nghị sau khi sửa."
    )


@router.post(
    "/raise-proposals/{proposal_id}/resubmit",
    response={200: ProposalOut, **WRITE_ERRORS},
    summary="Sửa và trình lại đề nghị nâng bậc lương bị trả lại",
    description="Các dòng của đề nghị trở thành đúng danh sách persons (bỏ, thêm người, đổi số tháng nâng "
    "trước thời hạn và thành tích), được kiểm tra như một đề nghị mới; bị từ chối cả đề nghị (422, nêu từng "
    "người và quy định) và không thay đổi gì khi có vấn đề, hoặc khi đề nghị không ở trạng thái bị trả lại.",
)
def resubmit_raise_proposal(
    request: AuthenticatedRequest, proposal_id: RecordId, payload: ResubmitIn
) -> RaiseProposal:
    found = _proposals(request, Action.CHANGE).get_or_404(pk=proposal_id)
    return actions.do_resubmit_raise_proposal(
        proposal=found,
        selections=[
            Selection(p.person_id, p.months_early, p.achievement, p.retires_on, p.notice)
            for p in payload.persons
        ],
        title=payload.title,
        acting_user=request.user,
    )


@router.get(
    "/raise-proposals/{proposal_id}/list.xlsx",
    response={401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Danh sách nâng bậc lương (Excel)",
    description="Danh sách của một đề nghị đã phê duyệt, như trang đề nghị tải về: cần quyền kết xuất trên "
    "đơn vị của đề nghị; 404 khi đề nghị ngoài phạm vi hoặc chưa được phê duyệt.",
    operation_id="raise_proposal_sheet",
    openapi_extra=file_download(
        "Tệp .xlsx: mỗi người một dòng, bậc hiện hưởng, bậc mới, ngày hưởng, căn cứ.", XLSX
    ),
)
def raise_proposal_sheet(request: AuthenticatedRequest, proposal_id: RecordId) -> HttpResponse:
    found = _proposals(request, Action.EXPORT).get_or_404(pk=proposal_id)
    if found.status != ProposalStatus.APPROVED:
        raise Http404(_("Đề nghị chưa được phê duyệt: chưa có danh sách nâng bậc lương."))
    audit.record_read(request, audit.DATA_EXPORTED, target=found, channel="api")
    return sheet_response(found)


@router.get(
    "/raise-proposal-items/{item_id}/notice.docx",
    response={401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Thông báo nâng bậc lương của một người (Word)",
    description="Thông báo của một dòng đề nghị đã phê duyệt, như trang đề nghị tải về: cần quyền kết xuất "
    "trên đơn vị của đề nghị; 404 khi ngoài phạm vi hoặc đề nghị chưa được phê duyệt.",
    operation_id="raise_notice",
    openapi_extra=file_download("Tệp .docx: thông báo nâng bậc lương, căn cứ, bậc và ngày hưởng mới.", DOCX),
)
def raise_notice(request: AuthenticatedRequest, item_id: RecordId) -> HttpResponse:
    item = (
        RaiseProposalItem.objects.restrict(request.user, Action.EXPORT)
        .select_related("proposal__organization", "person", "salary_record")
        .get_or_404(pk=item_id)
    )
    if item.proposal.status != ProposalStatus.APPROVED:
        raise Http404(_("Đề nghị chưa được phê duyệt: chưa có thông báo nâng bậc lương."))
    audit.record_read(request, audit.DATA_EXPORTED, target=item.proposal, channel="api")
    return notice_response(item)


class RankPlacementIn(Schema):
    rank_code: str = Field(max_length=16, description="Mã ngạch mới.")
    appointed_on: IsoDate = Field(description="Ngày bổ nhiệm vào ngạch mới.")
    transfer: bool = Field(False, strict=True, description="Chuyển ngạch (true) hay nâng ngạch (false).")
    decision_number: str = Field("", max_length=64)
    decision_date: IsoDate | None = None


class SalaryStepOut(Schema):
    id: int
    rank_code: str
    salary_table: str
    salary_group: str
    step: int
    coefficient: str
    seniority_percent: int
    reserved_coefficient: str
    effective_from: dt.date
    clock_from: dt.date = Field(description="Mốc tính nâng bậc lần sau.")
    decision_number: str

    @staticmethod
    def resolve_coefficient(record: SalaryHistory) -> str:
        return f"{record.coefficient:.2f}"

    @staticmethod
    def resolve_reserved_coefficient(record: SalaryHistory) -> str:
        return f"{record.reserved_coefficient:.2f}"

    @staticmethod
    def resolve_clock_from(record: SalaryHistory) -> dt.date:
        return record.clock_from or record.effective_from


@router.post(
    "/persons/{person_id}/rank-placement",
    response={201: SalaryStepOut, **WRITE_ERRORS},
    summary="Nâng ngạch, chuyển ngạch và xếp lương ngạch mới",
    description="Thông tư 02/2007/TT-BNV Mục II: hệ số bằng hoặc cao hơn gần nhất của ngạch mới (kể cả % "
    "thâm niên vượt khung), bảo lưu chênh lệch trên bậc cuối, mốc nâng bậc giữ hoặc tính lại theo quy định.",
)
def place_on_new_rank(request: AuthenticatedRequest, person_id: RecordId, payload: RankPlacementIn) -> Status:
    person = Person.objects.restrict(request.user, Action.CHANGE).get_or_404(pk=person_id)
    record = actions.do_place_on_new_rank(
        person=person,
        rank_code=payload.rank_code,
        appointed_on=payload.appointed_on,
        transfer=payload.transfer,
        decision_number=payload.decision_number,
        decision_date=payload.decision_date,
        acting_user=request.user,
    )
    return Status(201, record)
