"""REST endpoints of job positions (vị trí việc làm), limited to the user's scope: the catalogue, the
projects and their workflow, the campaigns and their dashboard, the gap analysis and the approved positions
of an agency — the same filter sets, actions and checks as the pages."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit, dates
from noivu.core.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    QUERY_ERRORS,
    ErrorOut,
    FieldErrorOut,
    IsoDate,
    Pagination,
    RecordId,
    ValidationErrorOut,
    file_download,
)
from noivu.core.excel.reader import WorkbookError
from noivu.core.http import XLSX
from noivu.core.permissions import Action, may_somewhere
from noivu.organizations.models import Organization
from noivu.personnel.models import Person
from noivu.positions import actions
from noivu.positions.campaigns import dashboard
from noivu.positions.catalogue.excel import column_header, export_catalogue, read_catalogue
from noivu.positions.catalogue.history import position_history
from noivu.positions.catalogue.rules import rule_label
from noivu.positions.catalogue.views import edit_refused, may_edit_catalogue
from noivu.positions.filters import CatalogFilters, GapFilters, ProjectFilters
from noivu.positions.frames import project_findings
from noivu.positions.gaps import approved_positions, gap_analysis
from noivu.positions.models import (
    Campaign,
    CatalogPosition,
    LeadershipRole,
    PositionGroup,
    PositionHolder,
    PositionProject,
    ProjectPosition,
    ProjectStatus,
    StaffKind,
)
from noivu.positions.versions import changes_since_last_round

router = Router(tags=["positions"])

WRITE_ERRORS: dict[int, Any] = {**CREATE_ERRORS, 404: DETAIL_ERRORS[404]}


def _unit(user: Any, code: str, field: str, action: str = Action.CHANGE) -> Organization:
    found = Organization.objects.restrict(user, action).filter(code=code).first()
    if found is None:
        raise ValidationError({field: _("Không tìm thấy đơn vị có mã này trong phạm vi bạn được thay đổi.")})
    return found


def _project(request: AuthenticatedRequest, project_id: int, action: str = Action.VIEW) -> PositionProject:
    return (
        PositionProject.objects.restrict(request.user, action)
        .select_related("organization")
        .get_or_404(pk=project_id)
    )


# --- Catalogue --------------------------------------------------------------------------------------


class CatalogOut(Schema):
    code: str
    name: str
    group: PositionGroup
    staff_kind: StaffKind
    level: str
    leadership_role: str
    tasks: str
    products: str
    conditions: str
    competencies: list[dict[str, Any]]
    min_rank_code: str
    min_qualification: str
    required: bool
    active: bool


class CatalogIn(Schema):
    name: str = Field(min_length=1, max_length=255)
    group: PositionGroup
    staff_kind: StaffKind
    level: str = Field("", pattern=r"^(|central|province|commune)$")
    leadership_role: LeadershipRole = LeadershipRole.NONE
    tasks: str = Field("", max_length=10000)
    products: str = Field("", max_length=10000)
    conditions: str = Field("", max_length=10000)
    competencies: list[dict[str, str]] = Field(default_factory=list, max_length=100)
    min_rank_code: str = Field("", max_length=16)
    min_qualification: str = Field("", max_length=32)
    required: bool = False
    active: bool = True


@router.get(
    "/catalogue", response={200: list[CatalogOut], **QUERY_ERRORS}, summary="Danh mục vị trí việc làm"
)
@paginate(Pagination)
def list_catalogue(
    request: AuthenticatedRequest,
    query: Query[CatalogFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet[CatalogPosition]:
    filters = CatalogFilters.from_schema(query, user=request.user)
    return filters.apply(CatalogPosition.objects.restrict(request.user)).order_by("code")


@router.get(
    "/catalogue/export",
    response={401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    summary="Kết xuất danh mục ra Excel",
    operation_id="export_catalogue",
    openapi_extra=file_download("Tệp .xlsx của danh mục, một vị trí một dòng; sửa rồi nhập lại được.", XLSX),
)
def export_catalogue_workbook(
    request: AuthenticatedRequest,
    query: Query[CatalogFilters.schema()],  # type: ignore[valid-type]
) -> HttpResponse:
    """The catalogue (filtered as the list) as the workbook of the page's export: whoever may export
    somewhere exports the national catalogue."""
    if not may_somewhere(request.user, Action.EXPORT):
        raise PermissionDenied(_("Bạn không có quyền kết xuất dữ liệu."))
    filters = CatalogFilters.from_schema(query, user=request.user)
    rows = filters.apply(CatalogPosition.objects.restrict(request.user)).order_by("code")
    audit.record_read(request, audit.DATA_EXPORTED, extra={"list": "position_catalogue", "api": True})
    response = HttpResponse(export_catalogue(rows), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="danh-muc-vi-tri-viec-lam.xlsx"'
    return response


class ImportProblemOut(FieldErrorOut):
    row: int | None = Field(None, description="Dòng Excel của lỗi (trong tệp nhập).")
    column: str = Field("", description="Tiêu đề cột của lỗi.")
    rule: str = Field("", description="Mã quy tắc bị vi phạm (required, invalid_choice, rank, duplicate…).")


class CatalogueImportErrorOut(Schema):
    """The API's 422 body (``ValidationErrorOut``) whose entries also carry the row, column and rule of
    each problem of a refused import; nothing was saved."""

    detail: str
    errors: list[ImportProblemOut]


class CatalogueImportOut(Schema):
    added: list[str]
    changed: list[str]
    unchanged: int


@router.post(
    "/catalogue/import",
    response={200: CatalogueImportOut, **CREATE_ERRORS, 422: CatalogueImportErrorOut},
    summary="Nhập danh mục từ Excel",
    operation_id="import_catalogue",
)
def import_catalogue_workbook(
    request: AuthenticatedRequest,
    workbook: File[UploadedFile],
    reason: Form[str] = "",
) -> Any:
    """Upload the catalogue workbook (as exported): every row checked as the page's form and the save
    endpoint check a position; nothing is saved unless every row is right, and a refusal (422) names the
    row, column and rule of each problem."""
    if not may_edit_catalogue(request.user):
        raise PermissionDenied(edit_refused())
    name = (workbook.name or "")[:200]
    try:
        rows = read_catalogue(workbook.read())
        result = actions.do_import_catalogue(
            rows=rows,
            source=name,
            acting_user=request.user,
            reason=reason[:500] or _("Nhập từ tệp %(name)s") % {"name": name},
        )
    except WorkbookError as error:
        return Status(
            422,
            {
                "detail": _("Tệp không đọc được như một danh mục vị trí việc làm."),
                "errors": [{"field": "workbook", "message": message} for message in error.messages],
            },
        )
    except actions.CatalogueImportRefused as refused:
        return Status(
            422,
            {
                "detail": _("Tệp có %(count)s lỗi; danh mục chưa được cập nhật.")
                % {"count": len(refused.problems)},
                "errors": [
                    {
                        "field": field,
                        "row": row,
                        "column": column_header(field),
                        "rule": rule,
                        "message": _("Dòng %(row)s, cột «%(column)s» (%(rule)s): %(message)s")
                        % {
                            "row": row,
                            "column": column_header(field),
                            "rule": rule_label(rule),
                            "message": message,
                        },
                    }
                    for row, field, rule, message in refused.problems
                ],
            },
        )
    return {"added": result.added, "changed": result.changed, "unchanged": result.unchanged}


class HistoryChangeOut(Schema):
    field: str
    label: str
    old: Any
    new: Any


class HistoryEntryOut(Schema):
    at: dt.datetime = Field(description="Thời điểm lưu.")
    kind: str = Field(description="created, changed hoặc deleted")
    user: str
    reason: str
    changes: list[HistoryChangeOut]


HISTORY_KINDS = {"+": "created", "~": "changed", "-": "deleted"}


@router.get(
    "/catalogue/{code}/history",
    response={200: list[HistoryEntryOut], **DETAIL_ERRORS},
    summary="Lịch sử thay đổi của vị trí trong danh mục",
    operation_id="get_catalogue_history",
)
def catalogue_position_history(request: AuthenticatedRequest, code: str) -> list[dict[str, Any]]:
    """The audited changes of a catalogue position, newest first (the last 200): when, who, why, and
    each field's old and new value."""
    item = CatalogPosition.objects.restrict(request.user).get_or_404(code=code[:64])
    return [
        {
            "at": entry["record"].history_date,
            "kind": HISTORY_KINDS.get(entry["record"].history_type, ""),
            "user": entry["user"],
            "reason": entry["reason"],
            "changes": entry["changes"],
        }
        for entry in position_history(item, limit=200)
    ]


@router.post(
    "/catalogue/{code}", response={200: CatalogOut, **WRITE_ERRORS}, summary="Cập nhật vị trí trong danh mục"
)
def save_catalog_position(request: AuthenticatedRequest, code: str, payload: CatalogIn) -> CatalogPosition:
    """National catalogue: only a national administrator changes it (history kept)."""
    if not code.strip() or len(code) > 32:
        raise ValidationError({"code": _("Mã vị trí từ 1 đến 32 ký tự.")})
    return actions.do_save_catalog_position(code=code, acting_user=request.user, **payload.dict())


# --- Projects ---------------------------------------------------------------------------------------


class ProjectFields(Schema):
    id: int
    organization: str
    organization_name: str
    staff_kind: StaffKind
    version: int
    title: str
    legal_basis: str
    status: ProjectStatus
    round: int
    submitted_on: dt.date | None
    return_reason: str
    decision_number: str
    decision_date: dt.date | None
    signer: str
    effective_from: dt.date | None
    effective_to: dt.date | None


class ProjectOut(ProjectFields):
    @staticmethod
    def resolve_organization(project: PositionProject) -> str:
        return project.organization.code

    @staticmethod
    def resolve_organization_name(project: PositionProject) -> str:
        return project.organization.name


class PositionOut(Schema):
    code: str
    name: str
    group: PositionGroup
    headcount: int
    rank_code: str
    note: str


class HolderOut(Schema):
    id: int
    person_id: int
    full_name: str
    position_code: str
    is_main: bool


class CommentOut(Schema):
    position_code: str
    round: int
    text: str
    created_at: dt.datetime


class FindingOut(Schema):
    check: str
    severity: str = Field(description="error: chặn gửi thẩm định; warning: để người thẩm định cân nhắc.")
    message: str
    citation: str
    position_code: str | None
    person_id: int | None


class ChangeOut(Schema):
    code: str
    name: str
    kind: str = Field(description="added, removed hoặc changed")
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class ProjectDetailOut(ProjectFields):
    positions: list[PositionOut]
    holders: list[HolderOut]
    comments: list[CommentOut]
    findings: list[FindingOut]
    compared_with_round: int | None
    changes: list[ChangeOut]


def _detail(project: PositionProject) -> dict[str, Any]:
    compared, changes = changes_since_last_round(project)
    positions = project.positions.select_related("catalog").order_by("catalog__group", "catalog__code")
    holders = project.holders.select_related("person", "position__catalog").order_by(
        "person__full_name_folded"
    )
    return {
        **{
            name: getattr(project, name) for name in ProjectFields.model_fields if name != "organization_name"
        },
        "organization": project.organization.code,
        "organization_name": project.organization.name,
        "positions": [
            {
                "code": p.catalog.code,
                "name": p.catalog.name,
                "group": p.catalog.group,
                "headcount": p.headcount,
                "rank_code": p.rank_code,
                "note": p.note,
            }
            for p in positions
        ],
        "holders": [
            {
                "id": h.pk,
                "person_id": h.person_id,
                "full_name": h.person.full_name,
                "position_code": h.position.catalog.code,
                "is_main": h.is_main,
            }
            for h in holders
        ],
        "comments": [
            {"position_code": c.position_code, "round": c.round, "text": c.text, "created_at": c.created_at}
            for c in project.comments.all()
        ],
        "findings": [f.as_dict() for f in project_findings(project, dates.today())],
        "compared_with_round": compared,
        "changes": [c.as_dict() for c in changes],
    }


class ProjectIn(Schema):
    organization: str = Field(max_length=32, description="Mã cơ quan, đơn vị lập đề án.")
    staff_kind: StaffKind
    title: str = Field("", max_length=255)
    legal_basis: str = Field("", max_length=5000)


@router.get("/projects", response={200: list[ProjectOut], **QUERY_ERRORS}, summary="Đề án vị trí việc làm")
@paginate(Pagination)
def list_projects(
    request: AuthenticatedRequest,
    query: Query[ProjectFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet[PositionProject]:
    filters = ProjectFilters.from_schema(query, user=request.user)
    rows = filters.apply(PositionProject.objects.restrict(request.user)).select_related("organization")
    return rows.order_by("organization__path", "staff_kind", "-version", "pk")


@router.post("/projects", response={201: ProjectDetailOut, **WRITE_ERRORS}, summary="Lập đề án")
def create_project(request: AuthenticatedRequest, payload: ProjectIn) -> Status:
    unit = _unit(request.user, payload.organization, "organization")
    project = actions.do_create_project(
        organization=unit,
        staff_kind=payload.staff_kind,
        title=payload.title,
        legal_basis=payload.legal_basis,
        acting_user=request.user,
    )
    return Status(201, _detail(project))


@router.get(
    "/projects/{project_id}", response={200: ProjectDetailOut, **DETAIL_ERRORS}, summary="Chi tiết đề án"
)
def get_project(request: AuthenticatedRequest, project_id: RecordId) -> dict[str, Any]:
    """The project with its positions, people, appraisal comments, the checks' findings as of today and
    what changed since the previous submission."""
    return _detail(_project(request, project_id))


class PositionIn(Schema):
    headcount: int = Field(ge=0, le=100_000, strict=True)
    rank_code: str = Field("", max_length=16)
    note: str = Field("", max_length=500)


def _catalog(code: str) -> CatalogPosition:
    found = CatalogPosition.objects.unrestricted().filter(code=code).first()
    if found is None:
        raise ValidationError(
            {"code": _("Không có vị trí mã %(code)s trong danh mục.") % {"code": code[:32]}}
        )
    return found


@router.post(
    "/projects/{project_id}/positions/{code}",
    response={200: ProjectDetailOut, **WRITE_ERRORS},
    summary="Thêm hoặc sửa vị trí của đề án",
)
def set_project_position(
    request: AuthenticatedRequest, project_id: RecordId, code: str, payload: PositionIn
) -> dict[str, Any]:
    project = _project(request, project_id, Action.CHANGE)
    actions.do_set_position(
        project=project, catalog=_catalog(code), acting_user=request.user, **payload.dict()
    )
    return _detail(project)


@router.post(
    "/projects/{project_id}/positions/{code}/remove",
    response={200: ProjectDetailOut, **WRITE_ERRORS},
    summary="Bỏ vị trí khỏi đề án",
)
def remove_project_position(request: AuthenticatedRequest, project_id: RecordId, code: str) -> dict[str, Any]:
    project = _project(request, project_id, Action.CHANGE)
    position = ProjectPosition.objects.restrict(request.user, Action.CHANGE).get_or_404(
        project=project, catalog__code=code
    )
    actions.do_remove_position(position=position, acting_user=request.user)
    return _detail(project)


class HolderIn(Schema):
    person_id: int = Field(ge=1, le=2**63 - 1, strict=True)
    position_code: str = Field(max_length=32)
    is_main: bool = True


@router.post(
    "/projects/{project_id}/holders",
    response={200: ProjectDetailOut, **WRITE_ERRORS},
    summary="Bố trí người vào vị trí",
)
def place_person(request: AuthenticatedRequest, project_id: RecordId, payload: HolderIn) -> dict[str, Any]:
    project = _project(request, project_id, Action.CHANGE)
    position = (
        ProjectPosition.objects.restrict(request.user, Action.CHANGE)
        .filter(project=project, catalog__code=payload.position_code)
        .first()
    )
    if position is None:
        raise ValidationError({"position_code": _("Đề án không có vị trí mã này.")})
    person = Person.objects.restrict(request.user, Action.CHANGE).filter(pk=payload.person_id).first()
    if person is None:
        raise ValidationError({"person_id": _("Không tìm thấy người này trong phạm vi bạn được thay đổi.")})
    actions.do_place_person(
        position=position, person=person, is_main=payload.is_main, acting_user=request.user
    )
    return _detail(project)


@router.post(
    "/projects/{project_id}/holders/{holder_id}/remove",
    response={200: ProjectDetailOut, **WRITE_ERRORS},
    summary="Bỏ bố trí người khỏi vị trí",
)
def unplace_person(
    request: AuthenticatedRequest, project_id: RecordId, holder_id: RecordId
) -> dict[str, Any]:
    project = _project(request, project_id, Action.CHANGE)
    holder = PositionHolder.objects.restrict(request.user, Action.CHANGE).get_or_404(
        pk=holder_id, project=project
    )
    actions.do_unplace_person(holder=holder, acting_user=request.user)
    return _detail(project)


@router.post(
    "/projects/{project_id}/submit", response={200: ProjectDetailOut, **WRITE_ERRORS}, summary="Gửi thẩm định"
)
def submit_project(request: AuthenticatedRequest, project_id: RecordId) -> dict[str, Any]:
    """Refused with every error finding (422) while the checks find one."""
    project = actions.do_submit_project(
        project=_project(request, project_id, Action.CHANGE), acting_user=request.user
    )
    return _detail(project)


@router.post(
    "/projects/{project_id}/appraisal",
    response={200: ProjectDetailOut, **WRITE_ERRORS},
    summary="Tiếp nhận thẩm định",
)
def start_appraisal(request: AuthenticatedRequest, project_id: RecordId) -> dict[str, Any]:
    project = actions.do_start_appraisal(
        project=_project(request, project_id, Action.APPRAISE), acting_user=request.user
    )
    return _detail(project)


class CommentIn(Schema):
    text: str = Field(min_length=1, max_length=5000)
    position_code: str = Field("", max_length=32, description="Mã vị trí; để trống: ý kiến chung.")


@router.post(
    "/projects/{project_id}/comments",
    response={200: ProjectDetailOut, **WRITE_ERRORS},
    summary="Ý kiến thẩm định",
)
def comment_project(
    request: AuthenticatedRequest, project_id: RecordId, payload: CommentIn
) -> dict[str, Any]:
    project = _project(request, project_id, Action.APPRAISE)
    position = None
    if payload.position_code:
        position = (
            ProjectPosition.objects.restrict(request.user, Action.APPRAISE)
            .filter(project=project, catalog__code=payload.position_code)
            .select_related("catalog")
            .first()
        )
        if position is None:
            raise ValidationError({"position_code": _("Đề án không có vị trí mã này.")})
    actions.do_comment(project=project, position=position, text=payload.text, acting_user=request.user)
    return _detail(project)


class ReturnIn(Schema):
    reasons: str = Field(min_length=1, max_length=5000)


@router.post(
    "/projects/{project_id}/return", response={200: ProjectDetailOut, **WRITE_ERRORS}, summary="Trả lại đề án"
)
def return_project(request: AuthenticatedRequest, project_id: RecordId, payload: ReturnIn) -> dict[str, Any]:
    project = actions.do_return_project(
        project=_project(request, project_id, Action.APPRAISE),
        reasons=payload.reasons,
        acting_user=request.user,
    )
    return _detail(project)


class ApproveIn(Schema):
    decision_number: str = Field(min_length=1, max_length=64)
    decision_date: IsoDate
    signer: str = Field(min_length=1, max_length=255)


@router.post(
    "/projects/{project_id}/approve",
    response={200: ProjectDetailOut, **WRITE_ERRORS},
    summary="Phê duyệt đề án",
)
def approve_project(
    request: AuthenticatedRequest, project_id: RecordId, payload: ApproveIn
) -> dict[str, Any]:
    project = actions.do_approve_project(
        project=_project(request, project_id, Action.APPROVE), acting_user=request.user, **payload.dict()
    )
    return _detail(project)


@router.post(
    "/projects/{project_id}/versions",
    response={201: ProjectDetailOut, **WRITE_ERRORS},
    summary="Lập phiên bản mới của đề án đã phê duyệt",
)
def new_project_version(request: AuthenticatedRequest, project_id: RecordId) -> Status:
    draft = actions.do_new_version(
        project=_project(request, project_id, Action.CHANGE), acting_user=request.user
    )
    return Status(201, _detail(draft))


# --- Campaigns --------------------------------------------------------------------------------------


class CampaignOut(Schema):
    id: int
    organization: str
    title: str
    staff_kind: StaffKind
    opened_on: dt.date
    deadline: dt.date
    legal_basis: str
    last_reminded_on: dt.date | None

    @staticmethod
    def resolve_organization(campaign: Campaign) -> str:
        return campaign.organization.code


class CampaignIn(Schema):
    organization: str = Field(max_length=32, description="Mã cơ quan mở đợt.")
    title: str = Field(min_length=1, max_length=255)
    staff_kind: StaffKind
    deadline: IsoDate
    opened_on: IsoDate | None = None
    agencies: list[str] = Field(
        min_length=1, max_length=5000, description="Mã các cơ quan, đơn vị thực hiện."
    )
    legal_basis: str = Field("", max_length=255)


class ProgressOut(Schema):
    organization: str
    organization_name: str
    status: str = Field(description="Trạng thái đề án (none: chưa lập).")
    project_id: int | None
    version: int | None
    decision_date: dt.date | None
    days_left: int = Field(description="Số ngày còn lại đến hạn; âm: số ngày quá hạn.")
    overdue: bool


class RemindersOut(Schema):
    messages: int


@router.get("/campaigns", response={200: list[CampaignOut], **QUERY_ERRORS}, summary="Đợt phê duyệt đề án")
@paginate(Pagination)
def list_campaigns(request: AuthenticatedRequest) -> QuerySet[Campaign]:
    return Campaign.objects.restrict(request.user).select_related("organization").order_by("-deadline", "pk")


@router.post("/campaigns", response={201: CampaignOut, **WRITE_ERRORS}, summary="Mở đợt phê duyệt đề án")
def open_campaign(request: AuthenticatedRequest, payload: CampaignIn) -> Status:
    unit = _unit(request.user, payload.organization, "organization")
    codes = sorted(set(payload.agencies))
    agencies = list(Organization.objects.restrict(request.user).filter(code__in=codes))
    missing = sorted(set(codes) - {a.code for a in agencies})
    if missing:
        raise ValidationError(
            {
                "agencies": _("Không tìm thấy đơn vị: %(codes)s.")
                % {"codes": ", ".join(c[:32] for c in missing[:5])}
            }
        )
    campaign = actions.do_open_campaign(
        organization=unit,
        title=payload.title,
        staff_kind=payload.staff_kind,
        deadline=payload.deadline,
        opened_on=payload.opened_on,
        agencies=agencies,
        legal_basis=payload.legal_basis,
        acting_user=request.user,
    )
    return Status(201, campaign)


@router.get(
    "/campaigns/{campaign_id}/dashboard",
    response={200: list[ProgressOut], **DETAIL_ERRORS},
    summary="Tiến độ phê duyệt đề án của đợt",
)
def campaign_dashboard(request: AuthenticatedRequest, campaign_id: RecordId) -> list[dict[str, Any]]:
    campaign = Campaign.objects.restrict(request.user).get_or_404(pk=campaign_id)
    return [row.as_dict() for row in dashboard(campaign, dates.today())]


@router.post(
    "/campaigns/{campaign_id}/reminders",
    response={200: RemindersOut, **WRITE_ERRORS},
    summary="Gửi thư nhắc hạn",
)
def send_reminders(request: AuthenticatedRequest, campaign_id: RecordId) -> dict[str, int]:
    campaign = Campaign.objects.restrict(request.user, Action.CHANGE).get_or_404(pk=campaign_id)
    return {"messages": actions.do_send_reminders(campaign=campaign, acting_user=request.user)}


# --- Gap analysis and approved positions ------------------------------------------------------------


class GapPositionOut(Schema):
    project_id: int
    code: str
    name: str
    group: str
    headcount: int
    present: int
    vacant: int
    surplus: int


class GapOut(Schema):
    as_of: dt.date
    totals: dict[str, int]
    positions: list[GapPositionOut]
    findings: list[FindingOut]


@router.get("/gaps", response={200: GapOut, **QUERY_ERRORS}, summary="Phân tích chênh lệch vị trí và người")
def get_gaps(
    request: AuthenticatedRequest,
    query: Query[GapFilters.schema()],  # type: ignore[valid-type]
) -> dict[str, Any]:
    """Vacancies (approved headcount − people present), surplus, and people whose rank or qualification
    does not meet their position, under the approved projects in force on the as-of date."""
    filters = GapFilters.from_schema(query, user=request.user)
    report = gap_analysis(filters.apply(PositionProject.objects.restrict(request.user)), filters.as_of)
    return {
        "as_of": filters.as_of,
        "totals": report.totals,
        "positions": report.positions.to_dicts(),
        "findings": [f.as_dict() for f in report.findings],
    }


class ApprovedPositionOut(Schema):
    project_id: int
    staff_kind: StaffKind
    code: str
    name: str
    group: PositionGroup
    leadership_role: str
    headcount: int
    rank_code: str
    decision_number: str
    decision_date: dt.date


@router.get(
    "/approved/{code}",
    response={200: list[ApprovedPositionOut], **DETAIL_ERRORS},
    summary="Vị trí việc làm được phê duyệt của đơn vị",
)
def list_approved_positions(
    request: AuthenticatedRequest, code: str, as_of: IsoDate | None = None
) -> list[dict[str, Any]]:
    """The positions of the agency's approved projects in force on ``as_of`` (today by default)."""
    unit = Organization.objects.restrict(request.user).get_or_404(code=code)
    return [vars(p) for p in approved_positions(unit.pk, as_of or dates.today())]
