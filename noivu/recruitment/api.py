"""REST endpoints of recruitment (tuyển dụng), limited to the user's scope: the same filter sets, actions
and ranking engine as the pages."""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    QUERY_ERRORS,
    ErrorOut,
    FieldErrorOut,
    IsoDate,
    Pagination,
    RecordId,
    file_download,
)
from noivu.core.dates import today
from noivu.core.excel.reader import WorkbookError
from noivu.core.permissions import Action
from noivu.organizations.models import Organization
from noivu.personnel.models import Person
from noivu.recruitment import actions, jobs, ranking
from noivu.recruitment.documents import Upload, max_bytes
from noivu.recruitment.excel import read_candidates
from noivu.recruitment.filters import CandidateFilters, PlanFilters, TalentFilters
from noivu.recruitment.models import (
    DOCUMENTS,
    Appeal,
    AppealStatus,
    ApplicationDocument,
    Candidate,
    CandidateStatus,
    ExamForm,
    Method,
    PlanPosition,
    PlanStatus,
    Probation,
    RecruitmentPlan,
    ScorePart,
    StaffKind,
    TalentGrant,
)
from noivu.recruitment.vacancies import vacancies

router = Router(tags=["recruitment"])

WRITE_ERRORS: dict[int, Any] = {**CREATE_ERRORS, 404: DETAIL_ERRORS[404]}


class PositionOut(Schema):
    id: int
    code: str
    name: str
    quota: int
    min_qualification: str
    rank_code: str = Field(
        description="Mã ngạch tương ứng với vị trí (quyết định tuyển dụng công chức xếp ngạch này)."
    )
    exam_form: ExamForm
    round1: bool


class PlanOut(Schema):
    id: int
    organization: str
    title: str
    staff_kind: StaffKind
    method: Method
    status: PlanStatus
    applications_open: dt.date
    applications_close: dt.date
    exam_date: dt.date
    requirements: str
    approval_number: str
    approval_date: dt.date | None
    decision_number: str
    decision_date: dt.date | None
    start_date: dt.date | None
    positions: list[PositionOut]

    @staticmethod
    def resolve_organization(row: RecruitmentPlan) -> str:
        return row.organization.code

    @staticmethod
    def resolve_positions(row: RecruitmentPlan) -> list[PlanPosition]:
        return list(row.positions.all())


@router.get(
    "/plans",
    response={200: list[PlanOut], **QUERY_ERRORS},
    summary="Kế hoạch tuyển dụng",
    description=(
        "Các kế hoạch tuyển dụng trong phạm vi quyền, ngày thi gần nhất trước; lọc theo đơn vị, trạng thái, "
        "đối tượng, hình thức và năm thi."
    ),
)
@paginate(Pagination)
def list_recruitment_plans(
    request: AuthenticatedRequest,
    query: Query[PlanFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet[RecruitmentPlan]:
    filters = PlanFilters.from_schema(query, user=request.user)
    rows = filters.apply(RecruitmentPlan.objects.restrict(request.user))
    return rows.select_related("organization").prefetch_related("positions").order_by("-exam_date", "pk")


@router.get(
    "/plans/{plan_id}",
    response={200: PlanOut, **DETAIL_ERRORS},
    summary="Một kế hoạch tuyển dụng",
    description=(
        "Kế hoạch với các vị trí cần tuyển, lịch nhận hồ sơ và thi, các quyết định đã ghi; 404 khi ngoài "
        "phạm vi."
    ),
)
def get_recruitment_plan(request: AuthenticatedRequest, plan_id: RecordId) -> RecruitmentPlan:
    return (
        RecruitmentPlan.objects.restrict(request.user).select_related("organization").get_or_404(pk=plan_id)
    )


class VacancyOut(Schema):
    code: str
    name: str
    staff_kind: str
    headcount: int
    present: int
    vacant: int
    min_qualification: str
    min_rank_code: str = Field(description="Mã ngạch, chức danh tối thiểu của vị trí trong danh mục.")


@router.get(
    "/vacancies",
    response={200: list[VacancyOut], **DETAIL_ERRORS},
    summary="Vị trí việc làm còn thiếu người",
    description=(
        "Các vị trí việc làm của cơ quan (organization: mã cơ quan) có đề án được duyệt còn thiếu người vào "
        "ngày day (mặc định hôm nay), theo phân tích thiếu hụt của ứng dụng vị trí việc làm: kế hoạch chỉ "
        "tuyển các vị trí này, chỉ tiêu không quá số còn thiếu. Danh sách rỗng khi không nêu cơ quan."
    ),
)
def list_recruitment_vacancies(
    request: AuthenticatedRequest, organization: str = "", day: IsoDate | None = None
) -> list[Any]:
    if not organization:
        return []
    unit = Organization.objects.restrict(request.user).get_or_404(code=organization[:32])
    return vacancies(unit, day or today())


class PositionIn(Schema):
    code: str = Field(..., max_length=32, description="Mã vị trí việc làm còn thiếu người.")
    quota: int = Field(..., ge=1, le=100000, strict=True, description="Chỉ tiêu, không quá số còn thiếu.")
    exam_form: ExamForm = Field(ExamForm.SINGLE, description="Hình thức thi vòng 2.")
    min_qualification: str = Field(
        "", max_length=32, description="Mã trình độ tối thiểu; mặc định trình độ của vị trí."
    )
    field_of_study: str = Field("", max_length=255, description="Chuyên ngành đào tạo yêu cầu.")
    round1: bool | None = Field(None, description="Có vòng 1 (kiến thức chung); mặc định có khi thi tuyển.")


class PlanIn(Schema):
    organization: str = Field(..., max_length=32, description="Mã cơ quan tuyển dụng")
    title: str = Field(..., max_length=255, description="Tên kế hoạch.")
    staff_kind: StaffKind = Field(description="Đối tượng: công chức hoặc viên chức.")
    method: Method = Field(description="Hình thức tuyển dụng: thi tuyển, xét tuyển, tiếp nhận.")
    applications_open: IsoDate = Field(description="Ngày bắt đầu nhận hồ sơ.")
    applications_close: IsoDate = Field(description="Hạn nộp hồ sơ, không trước ngày bắt đầu.")
    exam_date: IsoDate = Field(description="Ngày thi, không trước hạn nộp hồ sơ.")
    requirements: str = Field("", max_length=5000, description="Điều kiện, tiêu chuẩn chung.")
    positions: list[PositionIn] = Field(..., min_length=1, max_length=500, description="Vị trí cần tuyển.")


@router.post(
    "/plans",
    response={201: PlanOut, **WRITE_ERRORS},
    summary="Lập kế hoạch tuyển dụng",
    description=(
        "Kế hoạch ở trạng thái dự thảo; mỗi vị trí phải còn thiếu người trong đề án vị trí việc làm được "
        "duyệt vào ngày bắt đầu nhận hồ sơ, chỉ tiêu từ 1 đến số còn thiếu. Bị từ chối (422) nêu từng vị trí"
        " và quy định."
    ),
)
def create_recruitment_plan(request: AuthenticatedRequest, payload: PlanIn) -> Status:
    values = payload.dict()
    unit = Organization.objects.restrict(request.user, Action.CHANGE).get_or_404(
        code=values.pop("organization")
    )
    positions = [
        {k: v for k, v in position.items() if v not in (None, "")} for position in values.pop("positions")
    ]
    plan = actions.do_create_plan(organization=unit, positions=positions, acting_user=request.user, **values)
    return Status(201, plan)


class ApprovalIn(Schema):
    approval_number: str = Field(..., max_length=64, description="Số quyết định phê duyệt kế hoạch.")
    approval_date: IsoDate = Field(description="Ngày phê duyệt.")


@router.post(
    "/plans/{plan_id}/approval",
    response={200: PlanOut, **WRITE_ERRORS},
    summary="Phê duyệt kế hoạch",
    description=(
        "Người phê duyệt ghi quyết định phê duyệt kế hoạch (số, ngày); từ đó kế hoạch nhận hồ sơ. Cán bộ tổ "
        "chức – nhân sự bị từ chối (403)."
    ),
)
def approve_recruitment_plan(request: AuthenticatedRequest, plan_id: RecordId, payload: ApprovalIn) -> Any:
    plan = RecruitmentPlan.objects.restrict(request.user).get_or_404(pk=plan_id)
    return actions.do_approve_plan(plan=plan, acting_user=request.user, **payload.dict())


class CandidateOut(Schema):
    id: int
    plan_id: int
    position: str
    second_position: str | None = Field(description="Mã vị trí nguyện vọng 2, nếu có")
    won_second: bool = Field(description="Trúng tuyển ở nguyện vọng 2")
    full_name: str
    birth_date: dt.date
    gender: str
    qualification: str
    priority_grounds: list[str]
    exemptions: list[str]
    talent_track: str
    admission_group: str
    work_months: int | None
    admission_conditions: list[str]
    source: str
    status: CandidateStatus
    ineligibility: list[str]
    room: str | None
    number: str
    total: Decimal | None
    rank: int | None
    person_id: int | None

    @staticmethod
    def resolve_position(row: Candidate) -> str:
        return row.position.code

    @staticmethod
    def resolve_second_position(row: Candidate) -> str | None:
        return row.second_position.code if row.second_position else None

    @staticmethod
    def resolve_room(row: Candidate) -> str | None:
        return row.room.name if row.room else None


@router.get(
    "/plans/{plan_id}/candidates",
    response={200: list[CandidateOut], **DETAIL_ERRORS},
    summary="Thí sinh của kế hoạch",
    description="Thí sinh theo vị trí, số báo danh và họ tên; lọc theo trạng thái và mã vị trí.",
)
@paginate(Pagination)
def list_recruitment_candidates(
    request: AuthenticatedRequest,
    plan_id: RecordId,
    query: Query[CandidateFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet[Candidate]:
    plan = RecruitmentPlan.objects.restrict(request.user).get_or_404(pk=plan_id)
    filters = CandidateFilters.from_schema(query, user=request.user)
    rows = filters.apply(Candidate.objects.restrict(request.user).filter(plan=plan))
    return rows.select_related("position", "second_position", "room").order_by(
        "position__code", "number", "full_name", "pk"
    )


class CandidateIn(Schema):
    position: str = Field(..., max_length=32, description="Mã vị trí trong kế hoạch")
    second_position: str = Field(
        "",
        max_length=32,
        description="Mã vị trí nguyện vọng 2 trong kế hoạch (khi quy định có hiệu lực vào ngày thi "
        "cho phép).",
    )
    full_name: str = Field(..., max_length=200)
    birth_date: IsoDate
    gender: str = Field(..., pattern="^[MF]$")
    cccd_number: str = Field(..., max_length=20)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=20)
    qualification: str = Field(..., max_length=32, description="Mã trình độ chuyên môn (university, master…)")
    field_of_study: str = Field("", max_length=255)
    documents: list[str] = Field(default_factory=list, max_length=20)
    priority_grounds: list[str] = Field(default_factory=list, max_length=20)
    exemptions: list[str] = Field(default_factory=list, max_length=5)
    talent_track: str = Field("", max_length=32)
    admission_group: str = Field(
        "",
        max_length=32,
        description="Đối tượng tiếp nhận (kế hoạch tiếp nhận), mã theo bảng recruitment_admission",
    )
    work_months: int | None = Field(
        None, ge=0, le=600, strict=True, description="Số tháng công tác phù hợp (tiếp nhận)"
    )
    admission_conditions: list[str] = Field(
        default_factory=list,
        max_length=10,
        description="Điều kiện tiếp nhận đã đáp ứng: no_discipline, transfer_decision, fitting_products, "
        "nominated_locality",
    )


@router.post(
    "/plans/{plan_id}/candidates",
    response={201: CandidateOut, **WRITE_ERRORS},
    summary="Nhận hồ sơ dự tuyển",
    description=(
        "Hồ sơ do cán bộ nhập, kiểm tra như trang nộp hồ sơ công khai: số CCCD khớp ngày sinh và giới tính, "
        "trình độ, đối tượng ưu tiên và diện thu hút có trong quy định. Hồ sơ không đủ điều kiện (tuổi, "
        "trình độ, giấy tờ) vẫn được lưu với lý do; hồ sơ sai (422) không được lưu."
    ),
)
def add_recruitment_candidate(
    request: AuthenticatedRequest, plan_id: RecordId, payload: CandidateIn
) -> Status:
    plan = RecruitmentPlan.objects.restrict(request.user).get_or_404(pk=plan_id)
    values = payload.dict()
    positions = PlanPosition.objects.restrict(request.user).filter(plan=plan)
    position = positions.get_or_404(code=values.pop("position"))
    second = values.pop("second_position")
    if second:
        values["second_position"] = positions.filter(code=second).first()
        if values["second_position"] is None:
            raise ValidationError({"second_position": _("Không có vị trí này trong kế hoạch.")})
    return Status(
        201, actions.do_add_candidate(plan=plan, position=position, values=values, acting_user=request.user)
    )


class ImportProblemOut(FieldErrorOut):
    row: int | None = Field(None, description="Dòng Excel của lỗi (trong tệp nhập).")
    column: str = Field("", description="Tiêu đề cột của lỗi; rỗng khi lỗi của cả dòng.")
    rule: str = Field(
        "",
        description=(
            "Mã quy tắc: required, format, choice, cccd, once_per_plan, rules, second_preference, admission."
        ),
    )


class CandidateImportErrorOut(Schema):
    """The 422 body of a refused application import: each entry also names the row, the column and the
    rule of its problem; nothing was saved."""

    detail: str
    errors: list[ImportProblemOut]


class CandidateImportOut(Schema):
    imported: int = Field(description="Số hồ sơ được ghi.")
    ineligible: int = Field(description="Trong đó, số hồ sơ không đủ điều kiện (ghi kèm lý do).")
    candidates: list[CandidateOut]


class CandidateImportJobOut(Schema):
    job: int = Field(
        description="Tác vụ nền nhận hồ sơ (tệp lớn): GET /api/v1/jobs/{id} cho tiến độ và kết quả."
    )
    rows: int = Field(description="Số dòng hồ sơ của tệp.")


@router.post(
    "/plans/{plan_id}/candidates/import",
    response={
        201: CandidateImportOut,
        202: CandidateImportJobOut,
        404: DETAIL_ERRORS[404],
        **CREATE_ERRORS,
        422: CandidateImportErrorOut,
    },
    summary="Nhận hồ sơ dự tuyển từ tệp Excel (tất cả hoặc không)",
    description=(
        "Tải lên tệp mẫu nhận hồ sơ của kế hoạch (như trang «Nhận hồ sơ từ tệp»): mỗi dòng được đọc bằng "
        "mẫu nhận hồ sơ của trang kế hoạch và kiểm tra như khi nhận một hồ sơ; hồ sơ không đủ điều kiện "
        "vẫn được ghi kèm lý do. Một dòng sai là cả tệp bị từ chối (422), mỗi lỗi nêu dòng, cột và quy tắc; "
        "không hồ sơ nào được ghi. Tệp nhiều dòng hơn RECRUITMENT_IMPORT_INLINE_ROWS (mặc định 300) được "
        "nhận ở chế độ nền: trả 202 với mã tác vụ; kết quả (số hồ sơ đã ghi, hoặc các lỗi theo dòng, cột, "
        "quy tắc) ở GET /api/v1/jobs/{id}."
    ),
    operation_id="import_recruitment_candidates",
)
def import_recruitment_candidates(
    request: AuthenticatedRequest, plan_id: RecordId, workbook: File[UploadedFile]
) -> Status:
    plan = RecruitmentPlan.objects.restrict(request.user).get_or_404(pk=plan_id)
    content = workbook.read()
    try:
        rows = read_candidates(plan, content)
        if len(rows) > jobs.inline_rows():
            record = jobs.start_import(plan, content, workbook.name or "", request.user)
            return Status(202, {"job": record.pk, "rows": len(rows)})
        added = actions.do_import_candidates(plan=plan, rows=rows, acting_user=request.user)
    except WorkbookError as error:
        return Status(
            422,
            {
                "detail": _("Tệp không đọc được như một tệp nhận hồ sơ dự tuyển."),
                "errors": [{"field": "workbook", "message": message} for message in error.messages],
            },
        )
    except actions.CandidateImportRefused as refused:
        return Status(
            422,
            {
                "detail": _("Tệp có %(count)s lỗi; chưa hồ sơ nào được ghi.")
                % {"count": len(refused.problems)},
                "errors": [
                    {
                        "field": problem.field or "__all__",
                        "row": problem.row,
                        "column": actions.candidate_column(problem.field),
                        "rule": problem.rule,
                        "message": problem.message,
                    }
                    for problem in refused.problems
                ],
            },
        )
    ineligible = sum(1 for candidate in added if candidate.status == CandidateStatus.INELIGIBLE)
    return Status(201, {"imported": len(added), "ineligible": ineligible, "candidates": added})


class RoomIn(Schema):
    name: str = Field(..., max_length=64)
    capacity: int = Field(..., ge=1, le=10000, strict=True)


class RoomOut(Schema):
    id: int
    name: str
    capacity: int


@router.post(
    "/plans/{plan_id}/rooms",
    response={201: RoomOut, **WRITE_ERRORS},
    summary="Thêm phòng thi",
    description="Một phòng thi của kế hoạch với số chỗ; tên phòng không trùng trong kế hoạch.",
)
def add_recruitment_room(request: AuthenticatedRequest, plan_id: RecordId, payload: RoomIn) -> Status:
    plan = RecruitmentPlan.objects.restrict(request.user).get_or_404(pk=plan_id)
    return Status(201, actions.do_add_room(plan=plan, acting_user=request.user, **payload.dict()))


class SeatingOut(Schema):
    seated: int


@router.post(
    "/plans/{plan_id}/seating",
    response={200: SeatingOut, **WRITE_ERRORS},
    summary="Xếp phòng, cấp số báo danh",
    description=(
        "Xếp mọi thí sinh đủ điều kiện chưa có phòng vào các phòng còn chỗ theo vị trí và họ tên, cấp số báo"
        " danh nối tiếp; bị từ chối (422) khi không đủ chỗ."
    ),
)
def seat_recruitment_candidates(request: AuthenticatedRequest, plan_id: RecordId) -> dict[str, int]:
    plan = RecruitmentPlan.objects.restrict(request.user).get_or_404(pk=plan_id)
    return {"seated": actions.do_seat_candidates(plan=plan, acting_user=request.user)}


class ScoreIn(Schema):
    part: ScorePart
    value: Decimal | None = Field(None, description="Điểm thang 100, tối đa 2 chữ số thập phân")
    entry: int = Field(1, ge=1, le=2, strict=True, description="Lần nhập: 1, hoặc 2 để đối chiếu")
    absent: bool = False


class ScoreOut(Schema):
    candidate_id: int
    part: ScorePart
    first_entry: Decimal | None
    second_entry: Decimal | None
    value: Decimal | None
    absent: bool


@router.post(
    "/candidates/{candidate_id}/scores",
    response={200: ScoreOut, **WRITE_ERRORS},
    summary="Nhập điểm (hai lần)",
    description=(
        "Nhập điểm hai lần: lần 1 được giữ, lần 2 phải trùng lần 1 thì điểm mới được tính; khác nhau bị từ "
        "chối (422) nêu cả hai giá trị. Điểm đã xác nhận chỉ thay đổi qua phúc khảo."
    ),
)
def enter_recruitment_score(request: AuthenticatedRequest, candidate_id: RecordId, payload: ScoreIn) -> Any:
    candidate = Candidate.objects.restrict(request.user).get_or_404(pk=candidate_id)
    return actions.do_enter_score(candidate=candidate, acting_user=request.user, **payload.dict())


class ImportRow(Schema):
    number: str = Field(..., max_length=16, description="Số báo danh")
    part: str = Field(..., max_length=16, description="Phần thi: general, professional, written, interview.")
    value: str | float = Field(..., description="Điểm thang 100")


class ImportIn(Schema):
    rows: list[ImportRow] = Field(..., min_length=1, max_length=100000)


class ImportOut(Schema):
    imported: int


@router.post(
    "/plans/{plan_id}/scores",
    response={200: ImportOut, **WRITE_ERRORS},
    summary="Nhập điểm từ tệp (tất cả hoặc không)",
    description=(
        "Các dòng số báo danh, phần thi, điểm, kiểm tra như khi nhập tay; một dòng sai là cả "
        "bảng bị từ chối (422), mỗi lỗi nêu dòng, cột và quy định."
    ),
)
def import_recruitment_scores(
    request: AuthenticatedRequest, plan_id: RecordId, payload: ImportIn
) -> dict[str, int]:
    plan = RecruitmentPlan.objects.restrict(request.user).get_or_404(pk=plan_id)
    rows = [row.dict() for row in payload.rows]
    return {"imported": actions.do_import_scores(plan=plan, rows=rows, acting_user=request.user)}


class AppealIn(Schema):
    part: ScorePart
    requested_on: IsoDate | None = None


class AppealOut(Schema):
    id: int
    candidate_id: int
    part: ScorePart
    requested_on: dt.date
    status: AppealStatus
    old_value: Decimal
    new_value: Decimal | None
    decided_on: dt.date | None
    note: str


@router.post(
    "/candidates/{candidate_id}/appeals",
    response={201: AppealOut, **WRITE_ERRORS},
    summary="Nhận đơn phúc khảo",
    description="Đơn phúc khảo một phần thi đã có điểm; mỗi phần thi chỉ một đơn đang xử lý.",
)
def file_recruitment_appeal(
    request: AuthenticatedRequest, candidate_id: RecordId, payload: AppealIn
) -> Status:
    candidate = Candidate.objects.restrict(request.user).select_related("plan").get_or_404(pk=candidate_id)
    return Status(
        201, actions.do_file_appeal(candidate=candidate, acting_user=request.user, **payload.dict())
    )


class AppealResultIn(Schema):
    new_value: Decimal
    note: str = Field("", max_length=500)


@router.post(
    "/appeals/{appeal_id}/result",
    response={200: AppealOut, **WRITE_ERRORS},
    summary="Kết quả phúc khảo",
    description=(
        "Điểm sau phúc khảo thay điểm của phần thi; điểm trước và sau được ghi vào nhật ký và lịch sử điểm."
    ),
)
def decide_recruitment_appeal(
    request: AuthenticatedRequest, appeal_id: RecordId, payload: AppealResultIn
) -> Any:
    appeal = Appeal.objects.restrict(request.user).get_or_404(pk=appeal_id)
    return actions.do_decide_appeal(appeal=appeal, acting_user=request.user, **payload.dict())


class ResultOut(Schema):
    candidate_id: int
    position_id: int
    score: float | None
    priority: float
    total: float | None
    reason: str | None = Field(description="Mã lý do không đạt: ineligible, round1, missing, part, minimum")
    rank: int | None
    tied: bool
    winner: bool
    needs_decision: bool = Field(description="Bằng điểm ở chỉ tiêu cuối cùng: người đứng đầu quyết định")
    second_position_id: int | None = Field(description="Vị trí nguyện vọng 2, nếu có")
    second_rank: int | None = Field(description="Thứ hạng trong số chỉ tiêu còn lại của vị trí nguyện vọng 2")
    second_winner: bool = Field(description="Trúng tuyển ở nguyện vọng 2")
    second_needs_decision: bool = Field(
        description="Bằng điểm ở chỉ tiêu còn lại cuối cùng của nguyện vọng 2: người đứng đầu quyết định"
    )
    steps: list[str]


@router.get(
    "/plans/{plan_id}/results",
    response={200: list[ResultOut], **DETAIL_ERRORS},
    summary="Kết quả, xếp hạng",
    description=(
        "Xếp hạng theo bảng quy định recruitment_exam và recruitment_priority có hiệu lực vào ngày thi: "
        "điểm, điểm ưu tiên, tổng điểm, thứ hạng trong chỉ tiêu từng vị trí, kèm các bước tính và căn cứ "
        "pháp lý."
    ),
)
def get_recruitment_results(request: AuthenticatedRequest, plan_id: RecordId) -> list[dict[str, Any]]:
    plan = RecruitmentPlan.objects.restrict(request.user).get_or_404(pk=plan_id)
    ranked, rules = actions.results(plan)
    return [{**row, "steps": ranking.explain(row, rules)} for row in ranked.iter_rows(named=True)]


class RecognitionIn(Schema):
    result_number: str = Field(..., max_length=64, description="Số quyết định công nhận kết quả.")
    result_date: IsoDate = Field(description="Ngày quyết định công nhận kết quả.")
    tie_winners: list[int] = Field(
        default_factory=list,
        max_length=1000,
        description="Mã thí sinh người đứng đầu chọn trong số thí sinh bằng điểm ở chỉ tiêu cuối cùng.",
    )


@router.post(
    "/plans/{plan_id}/result-recognition",
    response={200: list[CandidateOut], **WRITE_ERRORS},
    summary="Quyết định công nhận kết quả tuyển dụng",
    description=(
        "Người phê duyệt ghi quyết định công nhận kết quả của người đứng đầu cơ quan tuyển dụng: "
        "tổng điểm và thứ hạng được chốt, người trúng tuyển của từng vị trí được ghi «Trúng tuyển», "
        "những người khác «Không trúng tuyển»; trả về danh sách người trúng tuyển. "
        "Cán bộ tổ chức – nhân sự bị từ chối (403). Bị từ chối (422) khi còn đơn phúc khảo chưa có "
        "kết quả hoặc có thí sinh bằng điểm ở chỉ tiêu cuối cùng mà tie_winners chưa chọn đủ."
    ),
)
def recognise_recruitment_results(
    request: AuthenticatedRequest, plan_id: RecordId, payload: RecognitionIn
) -> list[Candidate]:
    plan = RecruitmentPlan.objects.restrict(request.user).get_or_404(pk=plan_id)
    return actions.do_recognise_results(plan=plan, acting_user=request.user, **payload.dict())


class DecisionIn(Schema):
    decision_number: str = Field(..., max_length=64, description="Số quyết định tuyển dụng.")
    decision_date: IsoDate = Field(description="Ngày quyết định tuyển dụng.")
    start_date: IsoDate = Field(description="Ngày nhận việc; thời gian tập sự tính từ ngày này.")


@router.post(
    "/plans/{plan_id}/decision",
    response={200: list[CandidateOut], **WRITE_ERRORS},
    summary="Quyết định tuyển dụng (tạo hồ sơ người trúng tuyển)",
    description="Sau khi kết quả được công nhận, cán bộ tổ chức – nhân sự ghi quyết định tuyển dụng: mỗi "
    "người trúng tuyển có hồ sơ cán bộ, quá trình công tác từ ngày nhận việc và thời gian tập sự theo bảng "
    "quy định recruitment_exam.",
)
def decide_recruitment(
    request: AuthenticatedRequest, plan_id: RecordId, payload: DecisionIn
) -> list[Candidate]:
    plan = RecruitmentPlan.objects.restrict(request.user).get_or_404(pk=plan_id)
    return actions.do_decide_recruitment(plan=plan, acting_user=request.user, **payload.dict())


class ProbationOut(Schema):
    id: int
    person_id: int
    starts_on: dt.date
    ends_on: dt.date
    months: int
    outcome: str = Field(description="passed, failed; rỗng khi đang tập sự.")
    decided_on: dt.date | None
    decision_number: str
    rank_code: str
    consequence: str = Field(
        description="Hệ quả theo quy định: bổ nhiệm vào ngạch, hủy bỏ quyết định tuyển dụng…"
    )
    legal_basis: str = Field(description="Căn cứ pháp lý của hệ quả.")


@router.get(
    "/probations",
    response={200: list[ProbationOut], **QUERY_ERRORS},
    summary="Tập sự của người được tuyển dụng",
    description="Các thời gian tập sự trong phạm vi quyền, đang tập sự trước, theo ngày kết thúc.",
)
@paginate(Pagination)
def list_recruitment_probations(request: AuthenticatedRequest) -> QuerySet[Probation]:
    return Probation.objects.restrict(request.user).order_by("-outcome", "ends_on", "pk")


class ProbationEndIn(Schema):
    outcome: Literal["passed", "failed"] = Field(description="passed: đạt yêu cầu; failed: không đạt.")
    decided_on: IsoDate = Field(description="Ngày quyết định; khi đạt, sau ngày kết thúc tập sự.")
    decision_number: str = Field(..., max_length=64, description="Số quyết định.")
    rank_code: str = Field(
        "", max_length=16, description="Mã ngạch hoặc chức danh nghề nghiệp được bổ nhiệm (bắt buộc khi đạt)."
    )
    rank_name: str = Field(
        "",
        max_length=200,
        description="Tên ngạch hoặc chức danh nghề nghiệp, khi mã chưa có trong danh mục ngạch.",
    )


@router.post(
    "/probations/{probation_id}/end",
    response={200: ProbationOut, **WRITE_ERRORS},
    summary="Kết thúc tập sự",
    description=(
        "Ghi quyết định kết thúc tập sự theo bảng quy định recruitment_probation có hiệu lực vào ngày quyết "
        "định: đạt yêu cầu thì bổ nhiệm vào ngạch (công chức) hoặc chức danh nghề nghiệp (viên chức) từ ngày "
        "đó; không đạt thì hủy bỏ quyết định tuyển dụng hoặc chấm dứt hợp đồng làm việc, quá trình công tác "
        "kết thúc vào ngày đó. Bị từ chối (422) khi tập sự đã có kết quả hoặc bổ nhiệm trước khi hết tập sự."
    ),
)
def end_recruitment_probation(
    request: AuthenticatedRequest, probation_id: RecordId, payload: ProbationEndIn
) -> Probation:
    found = Probation.objects.restrict(request.user).get_or_404(pk=probation_id)
    return actions.do_end_probation(probation=found, acting_user=request.user, **payload.dict())


class TalentGrantOut(Schema):
    id: int
    person_id: int
    track: str = Field(description="Mã diện thu hút: excellent_graduate, young_scientist, expert.")
    conditions: list[str] = Field(description="Mã các điều kiện đã đáp ứng.")
    incentives: list[str] = Field(description="Các chính sách được hưởng.")
    granted_on: dt.date
    decision_number: str
    legal_basis: str = Field(description="Căn cứ pháp lý của diện, theo ngày quyết định.")


@router.get(
    "/talent-grants",
    response={200: list[TalentGrantOut], **QUERY_ERRORS},
    summary="Người được tuyển dụng theo diện thu hút tài năng",
    description=(
        "Các diện thu hút đã ghi nhận trong phạm vi quyền, quyết định mới nhất trước; lọc theo đơn vị, diện "
        "và năm quyết định."
    ),
)
@paginate(Pagination)
def list_recruitment_talent_grants(
    request: AuthenticatedRequest,
    query: Query[TalentFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet[TalentGrant]:
    filters = TalentFilters.from_schema(query, user=request.user)
    return filters.apply(TalentGrant.objects.restrict(request.user)).order_by("-granted_on", "pk")


class TalentGrantIn(Schema):
    track: str = Field(..., max_length=32, description="Mã diện thu hút (bảng quy định recruitment_talent).")
    conditions: list[str] = Field(description="Mã các điều kiện đã đáp ứng.")
    incentives: list[str] = Field(description="Các chính sách được hưởng, như bảng quy định ghi.")
    granted_on: IsoDate = Field(description="Ngày quyết định; chọn quy định có hiệu lực vào ngày này.")
    decision_number: str = Field(..., max_length=64, description="Số quyết định.")


@router.post(
    "/people/{person_id}/talent-grants",
    response={201: TalentGrantOut, **WRITE_ERRORS},
    summary="Ghi nhận diện thu hút tài năng",
    description=(
        "Ghi nhận trên hồ sơ một người diện thu hút tài năng (sinh viên tốt nghiệp xuất sắc, nhà khoa học "
        "trẻ, chuyên gia) theo quy định có hiệu lực vào ngày quyết định: đủ mọi điều kiện bắt buộc, ít nhất "
        "một điều kiện khác, trong giới hạn tuổi, chính sách thuộc diện. Bị từ chối (422) nêu điều kiện "
        "không đạt."
    ),
)
def record_recruitment_talent_grant(
    request: AuthenticatedRequest, person_id: RecordId, payload: TalentGrantIn
) -> Status:
    person = Person.objects.restrict(request.user, Action.CHANGE).get_or_404(pk=person_id)
    grant = actions.do_record_talent_grant(person=person, acting_user=request.user, **payload.dict())
    return Status(201, grant)


class DocumentOut(Schema):
    id: int
    kind: str = Field(description="Loại giấy tờ: " + ", ".join(DOCUMENTS) + ".")
    name: str
    size: int = Field(description="Dung lượng (byte).")
    content_type: str


@router.get(
    "/candidates/{candidate_id}/documents",
    response={200: list[DocumentOut], **DETAIL_ERRORS},
    summary="Tệp hồ sơ của một thí sinh",
    description="Các tệp (văn bằng, chứng chỉ, giấy tờ ưu tiên) của hồ sơ dự tuyển; 404 khi ngoài phạm vi.",
)
def list_recruitment_documents(
    request: AuthenticatedRequest, candidate_id: RecordId
) -> list[ApplicationDocument]:
    candidate = Candidate.objects.restrict(request.user).get_or_404(pk=candidate_id)
    return list(ApplicationDocument.objects.restrict(request.user).filter(candidate=candidate))


@router.post(
    "/candidates/{candidate_id}/documents",
    response={201: DocumentOut, **WRITE_ERRORS},
    summary="Nhận thêm tệp hồ sơ dự tuyển",
    description=(
        "Một tệp PDF, JPEG hoặc PNG của hồ sơ (multipart: kind, file), kiểm tra loại theo đuôi và nội dung, "
        "dung lượng theo RECRUITMENT_MAX_DOCUMENT_BYTES, tối đa 10 tệp mỗi hồ sơ; 422 nêu tệp và quy tắc."
    ),
)
def attach_recruitment_document(
    request: AuthenticatedRequest, candidate_id: RecordId, kind: Form[str], file: File[UploadedFile]
) -> Status:
    candidate = Candidate.objects.restrict(request.user).get_or_404(pk=candidate_id)
    sent = Upload(kind, file.name or "", file.read(max_bytes() + 1))
    return Status(201, actions.do_attach_document(candidate=candidate, upload=sent, acting_user=request.user))


@router.get(
    "/documents/{document_id}",
    response={401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Tải một tệp hồ sơ dự tuyển",
    description="Tệp như thí sinh đã nộp, cho người xem được thí sinh; mỗi lần tải được ghi nhật ký.",
    openapi_extra=file_download("Tệp PDF, JPEG hoặc PNG.", "application/pdf", "image/jpeg", "image/png"),
)
def download_recruitment_document(request: AuthenticatedRequest, document_id: RecordId) -> FileResponse:
    found = ApplicationDocument.objects.restrict(request.user).get_or_404(pk=document_id)
    audit.record_read(
        request,
        actions.DOCUMENT_DOWNLOADED,
        target=found.candidate,
        channel="api",
        extra={"document": found.pk},
    )
    return FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.name, content_type=found.content_type
    )
