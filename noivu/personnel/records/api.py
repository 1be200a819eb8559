"""REST endpoints of personnel records (hồ sơ cán bộ, công chức, viên chức), limited to the user's scope.

Reading a full record is written to the access log; the identification number (CCCD) is shown in full
only to users allowed to see personal data of that person, masked otherwise.
"""

import datetime as dt
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import DateField, QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import create_model

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    QUERY_ERRORS,
    CorrectionIn,
    ErrorOut,
    FieldErrorOut,
    IsoDate,
    Pagination,
    RecordId,
    ValidationErrorOut,
)
from noivu.core.text import normalize
from noivu.organizations.models import Organization
from noivu.personnel.dossier.api import form_field_annotation, require_json_object
from noivu.personnel.dossier.timeline import TimelineEntry, timeline
from noivu.personnel.models import Category, Gender, Person
from noivu.personnel.records.actions import (
    EDITABLE_FIELDS,
    do_create_person,
    do_delete_person,
    do_update_person,
)
from noivu.personnel.records.filters import PersonFilters
from noivu.personnel.records.forms import PersonForm, clean_cccd
from noivu.personnel.records.presenters import PersonPresenter
from noivu.personnel.records.search import TOTAL_CAP, search_persons

router = Router(tags=["persons"])


class UnitOut(Schema):
    code: str
    name: str


class PersonListOut(Schema):
    id: int
    full_name: str
    gender: Gender
    category: Category
    organization: UnitOut = Field(description="Đơn vị công tác chính vào ngày tính (mặc định hôm nay).")
    rank: str | None = Field(description="Mã ngạch giữ vào ngày tính.")

    @staticmethod
    def resolve_organization(person: Person) -> dict[str, str]:
        # The list's persons carry the unit of the as-of day; a person read alone, the current one.
        code = getattr(person, "unit_code", None)
        if code:
            return {"code": code, "name": getattr(person, "unit_name", "")}
        return {"code": person.organization.code, "name": person.organization.name}

    @staticmethod
    def resolve_category(person: Person) -> str:
        return getattr(person, "category_held", None) or person.category

    @staticmethod
    def resolve_rank(person: Person) -> str | None:
        return getattr(person, "rank_held", None)


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
def list_persons(
    request: AuthenticatedRequest,
    query: Query[PersonFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet[Person]:
    """Persons within the user's scope on the as-of day (today by default), by name."""
    filters = PersonFilters.from_schema(query, user=request.user)
    return filters.apply(filters.persons()).order_by("full_name_folded", "id")


# ---------------------------------------------------------------------------------------------------
# Search, retirement, duplicates and merge, addresses. The fixed paths are declared before
# "/{person_id}" so that it does not capture them.


class SearchQuery(PersonFilters.schema()):  # type: ignore[misc]
    cursor: str | None = Field(
        None,
        max_length=400,
        pattern=r"^[0-4]:\d{1,18}:[^\x00]*$",
        description="`next_cursor` của trang trước.",
    )
    limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Số dòng mỗi trang (tối đa 500).")


class SearchPageOut(Schema):
    items: list[PersonListOut]
    next_cursor: str | None = Field(
        description="Truyền lại làm `cursor` để lấy trang sau; null ở trang cuối."
    )
    total: int = Field(description=f"Số hồ sơ tìm thấy, đếm tối đa đến {TOTAL_CAP}.")
    total_capped: bool = Field(description=f"Có hơn {TOTAL_CAP} hồ sơ: `total` không phải số chính xác.")
    hint: str | None = Field(description="Gợi ý cách tìm khi không tìm thấy hồ sơ nào; null khi có kết quả.")


@router.get(
    "/search",
    operation_id="search_persons",
    response={200: SearchPageOut, **QUERY_ERRORS},
    summary="Tra cứu hồ sơ theo con trỏ",
)
def search(request: AuthenticatedRequest, query: Query[SearchQuery]) -> dict[str, Any]:
    """Persons within the user's scope matching ``q``, a page at a time, counted only up to a cap: the
    search for a common surname over a whole country stays as fast as for a rare one."""
    filters = PersonFilters.from_schema(query, user=request.user)
    persons = filters.narrow(filters.persons())
    found = search_persons(
        persons, filters.query, user=request.user, limit=query.limit, cursor=query.cursor, with_total=True
    )
    return {
        "items": found.persons,
        "next_cursor": found.next_cursor,
        "total": found.total,
        "total_capped": found.total_capped,
        "hint": found.hint,
    }


class TimelineEntryOut(Schema):
    date: dt.date
    end: dt.date | None
    kind: str = Field(description="recruitment, assignment, rank, salary, allowance, party, military, …")
    label: str
    detail: str
    year_only: bool = Field(description="Chỉ biết năm (ngày là 01/01 hoặc 31/12 của năm đó).")


@router.get(
    "/{person_id}/timeline",
    operation_id="get_person_timeline",
    response={200: list[TimelineEntryOut], **DETAIL_ERRORS},
    summary="Dòng thời gian hồ sơ",
)
def person_timeline(request: AuthenticatedRequest, person_id: RecordId) -> list[TimelineEntry]:
    """Every dated fact of the dossier in date order. Each read is logged, as for the full record."""
    person = Person.objects.restrict(request.user).get_or_404(pk=person_id)
    audit.record_read(request, target=person, channel="api")
    return timeline(person)


def _record(request: AuthenticatedRequest, person: Person) -> dict:
    cccd_number, cccd_masked = PersonPresenter(request.user).cccd(person)
    assignments = person.assignments.select_related("organization").order_by("-effective_from", "-id")
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "birth_date": person.birth_date,
        "gender": person.gender,
        "gender_label": str(person.get_gender_display()),
        "cccd_number": cccd_number,
        "cccd_masked": cccd_masked,
        "ethnic_group": person.ethnic_group,
        "category": person.category,
        "category_label": str(person.get_category_display()),
        "organization": person.organization,
        "assignments": list(assignments),
        "created_at": person.created_at,
        "updated_at": person.updated_at,
    }


@router.get(
    "/{person_id}",
    operation_id="get_person",
    response={200: PersonOut, **DETAIL_ERRORS},
    summary="Hồ sơ đầy đủ",
)
def person_detail(request: AuthenticatedRequest, person_id: RecordId) -> dict[str, Any]:
    """The full record: identity, current unit and the history of assignments. Each read is logged."""
    person = Person.objects.restrict(request.user).select_related("organization").get_or_404(pk=person_id)
    audit.record_read(request, target=person, channel="api")
    return _record(request, person)


@router.post("", response={201: PersonOut, **CREATE_ERRORS}, summary="Tạo hồ sơ")
def create_person(request: AuthenticatedRequest, payload: PersonIn) -> Status:
    """Create a record with its first primary assignment (the same action as the form)."""
    organization = Organization.objects.restrict(request.user).filter(code=payload.organization).first()
    if organization is None:
        # Same answer for a unit that does not exist and one outside the scope.
        return Status(
            422,
            ValidationErrorOut(
                detail=_("Dữ liệu không hợp lệ."),
                errors=[FieldErrorOut(field="organization", message=_("Không tìm thấy đơn vị có mã này."))],
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


def _patch_schema() -> type[Schema]:
    """The correction of a record: every item of the 2C form the record holds, each optional; the types
    and limits of the edit form's fields."""
    fields: dict[str, Any] = {}
    for name in EDITABLE_FIELDS:
        form_field = PersonForm.base_fields[name]
        annotation, constraints = form_field_annotation(form_field)
        description = str(form_field.label).capitalize()
        fields[name] = (annotation | None, Field(None, description=description, **constraints))
    return create_model("PersonPatch", __base__=CorrectionIn, **fields)


PersonPatch = _patch_schema()


def _refused(errors: list[FieldErrorOut]) -> Status:
    return Status(422, ValidationErrorOut(detail=_("Dữ liệu không hợp lệ."), errors=errors))


@router.patch(
    "/{person_id}",
    operation_id="update_person",
    response={200: PersonOut, **CREATE_ERRORS, 404: ErrorOut},
    summary="Sửa hồ sơ",
)
def update_person(request: AuthenticatedRequest, person_id: RecordId, payload: PersonPatch) -> Any:  # type: ignore[valid-type]
    """Correct items of the record (the same action and rules as the edit form and the import): only the
    fields sent change; ``null`` empties an optional one. Personal data may be corrected only by a user
    who may see it."""
    person = Person.objects.restrict(request.user).select_related("organization").get_or_404(pk=person_id)
    require_json_object(request)
    changes = cast(Schema, payload).model_dump(exclude_unset=True)
    hidden = (
        set()
        if PersonPresenter(request.user).shows_personal_data(person)
        else PersonPresenter.personal_fields()
    )
    errors = [
        FieldErrorOut(field=name, message=_("Bạn không có quyền xem và sửa dữ liệu cá nhân này."))
        for name in sorted(hidden & set(changes))
    ]
    if "cccd_number" in changes and not errors:
        try:
            changes["cccd_number"] = clean_cccd(changes["cccd_number"])
        except ValidationError as error:
            errors.append(FieldErrorOut(field="cccd_number", message=error.messages[0]))
    if errors:
        return _refused(errors)
    for name, value in changes.items():
        if value is None and not isinstance(Person._meta.get_field(name), DateField):
            changes[name] = ""
    person = do_update_person(person=person, changes=changes, acting_user=request.user)
    return _record(request, person)


@router.delete(
    "/{person_id}",
    operation_id="delete_person",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    summary="Xóa hồ sơ",
)
def delete_person(request: AuthenticatedRequest, person_id: RecordId) -> Status:
    """Delete a record created by mistake, with its assignments and dossier facts (the history keeps them);
    refused while other data refers to it."""
    person = Person.objects.restrict(request.user).get_or_404(pk=person_id)
    do_delete_person(person=person, acting_user=request.user)
    return Status(204, None)
