"""REST endpoints of personnel records (hồ sơ cán bộ, công chức, viên chức), limited to the user's scope.

Reading a full record is written to the access log; the identification number (CCCD) is shown in full
only to users allowed to see personal data of that person, masked otherwise.
"""

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from noivu.accounts.audit import log_access
from noivu.accounts.models import AccessLog
from noivu.core.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    QUERY_ERRORS,
    ErrorOut,
    IsoDate,
    Pagination,
    RecordId,
    ValidationErrorOut,
)
from noivu.core.permissions import Action, can, get_scoped_or_404, granted_paths, scope
from noivu.core.text import normalize
from noivu.organizations.models import Organization
from noivu.personnel.actions import do_create_person
from noivu.personnel.address_conversion import choose_conversion
from noivu.personnel.dossier import timeline
from noivu.personnel.duplicates import Rule, find_duplicates
from noivu.personnel.jobs_addresses import addresses_in_scope
from noivu.personnel.merge import do_merge_persons
from noivu.personnel.models import Category, ConversionStatus, Gender, Person, PersonAddress
from noivu.personnel.models_merge import PersonMerge
from noivu.personnel.retirement import RetirementError, age_text, retirement_date
from noivu.personnel.retirement_list import DEFAULT_PERIOD, MAX_PERIOD, retiring
from noivu.personnel.search import filter_persons, matching, search_persons

router = Router(tags=["persons"])


class UnitOut(Schema):
    code: str
    name: str


class PersonListOut(Schema):
    id: int
    full_name: str
    gender: Gender
    category: Category
    organization: UnitOut = Field(description="Đơn vị công tác chính hiện tại.")


class AssignmentOut(Schema):
    organization: UnitOut
    category: Category
    position_title: str
    is_primary: bool
    effective_from: dt.date
    effective_to: dt.date | None


class PersonOut(Schema):
    id: int
    full_name: str
    birth_date: dt.date
    gender: Gender
    gender_label: str
    cccd_number: str | None = Field(
        description="Số CCCD; bị che một phần nếu không có quyền xem dữ liệu cá nhân."
    )
    cccd_masked: bool
    ethnic_group: str
    category: Category
    category_label: str
    organization: UnitOut
    assignments: list[AssignmentOut] = Field(description="Quá trình công tác, mới nhất trước.")
    created_at: dt.datetime
    updated_at: dt.datetime


class PersonFilters(Schema):
    q: str | None = Field(
        None,
        max_length=100,
        description="Tìm theo tên, không phân biệt dấu, theo phần đầu của họ tên hoặc của một từ trong tên "
        "(\"nguyen van\", \"dung\").",
    )
    organization: str | None = Field(
        None, description="Mã đơn vị: người thuộc đơn vị đó và các đơn vị bên dưới."
    )
    category: Category | None = None
    gender: Gender | None = None


class PersonIn(Schema):
    full_name: str = Field(min_length=1, max_length=200)
    birth_date: IsoDate
    gender: Gender
    organization: str = Field(description="Mã đơn vị công tác.")
    category: Category
    start_date: IsoDate = Field(description="Ngày bắt đầu công tác tại đơn vị.")
    cccd_number: str | None = Field(None, pattern=r"^\d{12}$", description="Số CCCD (12 chữ số).")
    ethnic_group: str = Field("", max_length=32)
    position_title: str = Field("", max_length=200)


@router.get("", response={200: list[PersonListOut], **QUERY_ERRORS}, summary="Danh sách hồ sơ")
@paginate(Pagination)
def list_persons(request: HttpRequest, filters: Query[PersonFilters]):
    """Persons within the user's scope, by name."""
    persons = scope(request.user, Person.objects.select_related("organization"))
    if filters.q:
        persons = matching(persons, filters.q)
    if filters.organization is not None:
        # Narrows the scoped queryset; the unit named may lie above the user's subtree.
        path = Organization.objects.filter(code=filters.organization).values_list("path", flat=True).first()
        if path is None:
            return persons.none()
        persons = persons.filter(organization__path__startswith=path)
    if filters.category is not None:
        persons = persons.filter(category=filters.category)
    if filters.gender is not None:
        persons = persons.filter(gender=filters.gender)
    return persons.order_by("full_name_folded", "id")


# ---------------------------------------------------------------------------------------------------
# Search, retirement, duplicates and merge, addresses. The fixed paths are declared before
# "/{person_id}" so that it does not capture them.

_NO_NUL = r"^[^\x00]*$"


class SearchFilters(Schema):
    q: str | None = Field(
        None,
        max_length=100,
        description="Họ tên (không phân biệt dấu, theo phần đầu của họ tên, của tên hoặc \"họ tên\" bỏ tên "
        "đệm), số CCCD/CMND hoặc số hiệu cán bộ, công chức. Bỏ trống: mọi người, theo tên.",
    )
    cursor: str | None = Field(
        None,
        max_length=400,
        pattern=r"^[1-3]:\d{1,18}:[^\x00]*$",
        description="`next_cursor` của trang trước.",
    )
    organization: str | None = Field(
        None,
        max_length=64,
        pattern=_NO_NUL,
        description="Mã đơn vị: người thuộc đơn vị đó và các đơn vị bên dưới.",
    )
    category: Category | None = None
    rank: str | None = Field(None, max_length=16, description="Mã ngạch đang giữ (ví dụ 01.003).")
    min_age: int | None = Field(None, ge=0, le=150, description="Tuổi tròn năm tối thiểu (tính đến hôm nay).")
    max_age: int | None = Field(None, ge=0, le=150, description="Tuổi tròn năm tối đa (tính đến hôm nay).")
    limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Số dòng mỗi trang (tối đa 500).")


class SearchPageOut(Schema):
    items: list[PersonListOut]
    next_cursor: str | None = Field(
        description="Truyền lại làm `cursor` để lấy trang sau; null ở trang cuối."
    )


@router.get("/search", response={200: SearchPageOut, **QUERY_ERRORS}, summary="Tra cứu hồ sơ theo con trỏ")
def search(request: HttpRequest, filters: Query[SearchFilters]):
    """Persons within the user's scope matching ``q``, a page at a time, never counted: the search for a
    common surname over a whole country stays as fast as for a rare one."""
    persons = scope(request.user, Person.objects.select_related("organization"))
    organization = None
    if filters.organization is not None:
        # Narrows the scoped queryset; the unit named may lie above the user's subtree.
        organization = Organization.objects.filter(code=filters.organization).first()
        if organization is None:
            return {"items": [], "next_cursor": None}
    persons = filter_persons(
        persons,
        organization=organization,
        category=filters.category,
        rank_code=filters.rank,
        min_age=filters.min_age,
        max_age=filters.max_age,
    )
    found = search_persons(persons, filters.q or "", limit=filters.limit, cursor=filters.cursor)
    return {"items": found.persons, "next_cursor": found.next_cursor}


class AgeOut(Schema):
    years: int
    months: int
    text: str


def _age(months: int) -> dict:
    years, rest = divmod(months, 12)
    return {"years": years, "months": rest, "text": age_text(months)}


class RetireeOut(Schema):
    id: int
    full_name: str
    birth_date: dt.date
    gender: Gender
    category: Category
    organization: UnitOut
    retirement_age: AgeOut = Field(description="Tuổi nghỉ hưu trong điều kiện lao động bình thường.")
    retirement_date: dt.date = Field(description="Thời điểm nghỉ hưu: ngày cuối cùng của tháng đủ tuổi.")
    pension_start: dt.date = Field(description="Thời điểm hưởng lương hưu: ngày đầu của tháng liền kề sau.")

    @staticmethod
    def resolve_retirement_age(person: Person) -> dict:
        # Ages run by months from the month of birth (Nghị định 135/2020/NĐ-CP Điều 3).
        born, retires = person.birth_date, person.retires_on
        return _age((retires.year - born.year) * 12 + retires.month - born.month)

    @staticmethod
    def resolve_retirement_date(person: Person) -> dt.date:
        return person.retires_on

    @staticmethod
    def resolve_pension_start(person: Person) -> dt.date:
        return person.retires_on + dt.timedelta(days=1)


class RetirementFilters(Schema):
    months: int = Field(
        DEFAULT_PERIOD, ge=1, le=MAX_PERIOD, description="Số tháng tới, kể từ hôm nay (1–60, mặc định 12)."
    )


@router.get(
    "/retirements", response={200: list[RetireeOut], **QUERY_ERRORS}, summary="Đến tuổi nghỉ hưu"
)
@paginate(Pagination)
def retirements(request: HttpRequest, filters: Query[RetirementFilters]):
    """Persons within the user's scope whose normal retirement date falls in the next ``months`` months,
    by retirement date then name."""
    persons = scope(request.user, Person.objects.select_related("organization"))
    return retiring(persons, timezone.localdate(), filters.months)


class DuplicateMemberOut(Schema):
    id: int
    full_name: str
    birth_date: dt.date
    gender: Gender
    category: Category
    organization: UnitOut
    cccd_number: str | None = Field(description="Bị che một phần nếu không có quyền xem dữ liệu cá nhân.")
    cccd_masked: bool


class DuplicateGroupOut(Schema):
    rule: str
    persons: list[DuplicateMemberOut]


class DuplicateFilters(Schema):
    rule: Literal["cccd", "name_birth_date"] = Field(
        Rule.CCCD,
        description="`cccd`: trùng số CCCD kể cả khi mất số 0 ở đầu; `name_birth_date`: trùng họ tên (không "
        "phân biệt dấu) và ngày sinh.",
    )
    limit: int = Field(100, ge=1, le=MAX_PAGE_SIZE, description="Số nhóm tối đa, nhóm lớn trước.")


def _require_change_right(request: HttpRequest) -> None:
    if not granted_paths(request.user, Action.CHANGE):
        raise PermissionDenied(_("Bạn không có quyền cập nhật hồ sơ."))


@router.get(
    "/duplicates",
    response={200: list[DuplicateGroupOut], **QUERY_ERRORS, 403: ErrorOut},
    summary="Hồ sơ trùng lặp",
)
def duplicates(request: HttpRequest, filters: Query[DuplicateFilters]):
    """Groups of records that look like one person among those the user may change."""
    _require_change_right(request)
    groups = find_duplicates(
        scope(request.user, Person.objects.all(), Action.CHANGE), rule=filters.rule, limit=filters.limit
    )
    ids = [person.pk for group in groups for person in group.persons]
    unmasked = set(
        scope(request.user, Person.objects.filter(pk__in=ids), Action.VIEW_PERSONAL_DATA).values_list(
            "pk", flat=True
        )
    )
    return [
        {"rule": group.rule, "persons": [_member(person, person.pk in unmasked) for person in group.persons]}
        for group in groups
    ]


def _member(person: Person, unmasked: bool) -> dict:
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "birth_date": person.birth_date,
        "gender": person.gender,
        "category": person.category,
        "organization": person.organization,
        "cccd_number": (person.cccd_number if unmasked else person.cccd_masked) or None,
        "cccd_masked": bool(person.cccd_number) and not unmasked,
    }


class MergeIn(Schema):
    keep: int = Field(ge=1, le=2**63 - 1, description="Mã hồ sơ được giữ.")
    remove: int = Field(ge=1, le=2**63 - 1, description="Mã hồ sơ gộp vào hồ sơ được giữ rồi bị xóa.")
    reason: str = Field(min_length=1, max_length=2000, description="Lý do gộp (ghi vào biên bản).")


class MergeOut(Schema):
    id: int
    kept_person_id: int
    removed_person_id: int
    removed_full_name: str
    reason: str
    moved: dict[str, int] = Field(
        description="Số bản ghi liên quan đã chuyển sang hồ sơ được giữ, theo loại."
    )
    conflict_count: int = Field(
        description="Số bản ghi của hồ sơ bị gộp không chuyển được vì hồ sơ được giữ đã có loại đó "
        "(được lưu trong biên bản gộp)."
    )
    filled_fields: list[str] = Field(description="Trường trống của hồ sơ được giữ đã lấy từ hồ sơ bị gộp.")
    merged_at: dt.datetime

    @staticmethod
    def resolve_conflict_count(merge: PersonMerge) -> int:
        return len(merge.conflicts)


@router.post(
    "/merge", response={201: MergeOut, **CREATE_ERRORS, 404: ErrorOut}, summary="Gộp hồ sơ trùng lặp"
)
def merge(request: HttpRequest, payload: MergeIn):
    """Merge ``remove`` into ``keep`` (the same audited action as the web page): its assignments, addresses
    and dossier move to the kept record, which takes its missing fields; then it is deleted."""
    keep = get_scoped_or_404(request.user, Person.objects.all(), pk=payload.keep)
    remove = get_scoped_or_404(request.user, Person.objects.all(), pk=payload.remove)
    record = do_merge_persons(keep, remove, acting_user=request.user, reason=normalize(payload.reason))
    return Status(201, record)


@router.get(
    "/merges", response={200: list[MergeOut], **QUERY_ERRORS, 403: ErrorOut}, summary="Các lần gộp hồ sơ"
)
@paginate(Pagination)
def merges(request: HttpRequest):
    """Past merges into records the user may change, latest first."""
    _require_change_right(request)
    return scope(request.user, PersonMerge.objects.all(), Action.CHANGE).order_by("-merged_at", "-pk")


class CandidateOut(Schema):
    code: str
    name: str
    is_default: bool


class AddressOut(Schema):
    id: int
    person_id: int
    person_name: str
    kind: str
    kind_label: str
    detail: str
    legacy_text: str = Field(description="Địa chỉ theo đơn vị hành chính trước 1/7/2025.")
    current_text: str = Field(description="Địa chỉ theo đơn vị hành chính hiện hành.")
    conversion_status: str
    candidates: list[CandidateOut] = Field(description="Các xã, phường mới có thể chọn.")

    @staticmethod
    def resolve_person_name(address: PersonAddress) -> str:
        return address.person.full_name

    @staticmethod
    def resolve_kind_label(address: PersonAddress) -> str:
        return str(address.get_kind_display())

    @staticmethod
    def resolve_candidates(address: PersonAddress) -> list:
        return address.conversion_candidates


@router.get(
    "/addresses/ambiguous",
    response={200: list[AddressOut], **QUERY_ERRORS, 403: ErrorOut},
    summary="Địa chỉ cần chọn đơn vị mới",
)
@paginate(Pagination)
def ambiguous_addresses(request: HttpRequest):
    """Addresses whose legacy commune was split among several new ones, of persons the user may change
    and whose personal data they may see."""
    _require_change_right(request)
    return (
        addresses_in_scope(request.user, Action.CHANGE, Action.VIEW_PERSONAL_DATA)
        .filter(conversion_status=ConversionStatus.AMBIGUOUS)
        .select_related("person")
        .order_by("person__full_name_folded", "person_id", "kind", "pk")
    )


class AddressChoiceIn(Schema):
    commune_code: str = Field(min_length=1, max_length=8, description="Mã xã, phường mới trong `candidates`.")


@router.post(
    "/addresses/{address_id}/choose",
    response={200: AddressOut, **CREATE_ERRORS, 404: ErrorOut},
    summary="Chọn đơn vị mới cho một địa chỉ",
)
def choose_address(request: HttpRequest, address_id: RecordId, payload: AddressChoiceIn):
    """Record the new commune chosen among the candidates of an address (or correct an earlier choice)."""
    addresses = addresses_in_scope(request.user, Action.VIEW).select_related("person")
    address = addresses.filter(pk=address_id).first()
    if address is None:
        raise Http404
    return choose_conversion(address, payload.commune_code, request.user)


class TimelineEntryOut(Schema):
    date: dt.date
    end: dt.date | None
    kind: str = Field(description="recruitment, assignment, rank, salary, allowance, party, military, …")
    label: str
    detail: str
    year_only: bool = Field(description="Chỉ biết năm (ngày là 01/01 hoặc 31/12 của năm đó).")


@router.get(
    "/{person_id}/timeline",
    response={200: list[TimelineEntryOut], **DETAIL_ERRORS},
    summary="Dòng thời gian hồ sơ",
)
def person_timeline(request: HttpRequest, person_id: RecordId):
    """Every dated fact of the dossier in date order. Each read is logged, as for the full record."""
    person = get_scoped_or_404(request.user, Person.objects.all(), pk=person_id)
    log_access(request, AccessLog.Event.VIEW_RECORD, target=person, channel="api")
    return timeline(person)


class RetirementOut(Schema):
    person_id: int
    birth_date: dt.date
    gender: Gender
    retirement_age: AgeOut
    retirement_date: dt.date
    pension_start: dt.date
    explanation: dict[str, Any] = Field(description="inputs, rules (kèm căn cứ pháp lý), steps")


@router.get(
    "/{person_id}/retirement", response={200: RetirementOut, **DETAIL_ERRORS}, summary="Thời điểm nghỉ hưu"
)
def person_retirement(request: HttpRequest, person_id: RecordId):
    """The statutory retirement date and pension start of a person, with the rules applied."""
    person = get_scoped_or_404(request.user, Person.objects.all(), pk=person_id)
    try:
        result = retirement_date(person.birth_date, person.gender)
    except RetirementError as error:
        return Status(
            422,
            ValidationErrorOut(
                detail=_("Không xác định được thời điểm nghỉ hưu."),
                errors=[{"field": error.field, "message": error.message}],
            ),
        )
    return {
        "person_id": person.pk,
        "birth_date": person.birth_date,
        "gender": person.gender,
        "retirement_age": _age(result.retirement_age_months),
        "retirement_date": result.retirement_date,
        "pension_start": result.pension_start,
        "explanation": result.explain(),
    }


def _record(request: HttpRequest, person: Person) -> dict:
    full_cccd = can(request.user, Action.VIEW_PERSONAL_DATA, person)
    assignments = person.assignments.select_related("organization").order_by("-effective_from", "-id")
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "birth_date": person.birth_date,
        "gender": person.gender,
        "gender_label": str(person.get_gender_display()),
        "cccd_number": (person.cccd_number if full_cccd else person.cccd_masked) or None,
        "cccd_masked": bool(person.cccd_number) and not full_cccd,
        "ethnic_group": person.ethnic_group,
        "category": person.category,
        "category_label": str(person.get_category_display()),
        "organization": person.organization,
        "assignments": list(assignments),
        "created_at": person.created_at,
        "updated_at": person.updated_at,
    }


@router.get("/{person_id}", response={200: PersonOut, **DETAIL_ERRORS}, summary="Hồ sơ đầy đủ")
def person_detail(request: HttpRequest, person_id: RecordId):
    """The full record: identity, current unit and the history of assignments. Each read is logged."""
    person = get_scoped_or_404(request.user, Person.objects.select_related("organization"), pk=person_id)
    log_access(request, AccessLog.Event.VIEW_RECORD, target=person, channel="api")
    return _record(request, person)


@router.post("", response={201: PersonOut, **CREATE_ERRORS}, summary="Tạo hồ sơ")
def create_person(request: HttpRequest, payload: PersonIn):
    """Create a record with its first primary assignment (the same action as the form)."""
    organization = scope(request.user, Organization.objects.all()).filter(code=payload.organization).first()
    if organization is None:
        # Same answer for a unit that does not exist and one outside the scope.
        return Status(
            422,
            ValidationErrorOut(
                detail=_("Dữ liệu không hợp lệ."),
                errors=[{"field": "organization", "message": _("Không tìm thấy đơn vị có mã này.")}],
            ),
        )
    person = do_create_person(
        full_name=normalize(payload.full_name),
        birth_date=payload.birth_date,
        gender=payload.gender,
        organization=organization,
        category=payload.category,
        start_date=payload.start_date,
        cccd_number=payload.cccd_number,
        ethnic_group=normalize(payload.ethnic_group),
        position_title=normalize(payload.position_title),
        acting_user=request.user,
    )
    return Status(201, _record(request, person))
