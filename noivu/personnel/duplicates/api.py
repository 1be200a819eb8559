"""REST endpoints of duplicate records (hồ sơ trùng lặp) and their merge (gộp hồ sơ), open to users who
may change records; the identification number is masked unless the user may see personal data."""

import datetime as dt
from typing import Any, Literal

from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.api import (
    CREATE_ERRORS,
    MAX_PAGE_SIZE,
    QUERY_ERRORS,
    ErrorOut,
    Pagination,
)
from noivu.core.permissions import Action, require_somewhere
from noivu.core.text import normalize
from noivu.personnel.duplicates.detection import find_duplicates
from noivu.personnel.duplicates.merge import do_merge_persons
from noivu.personnel.duplicates.models import PersonMerge
from noivu.personnel.models import Category, Gender, Person
from noivu.personnel.records.api import UnitOut
from noivu.personnel.records.presenters import PersonPresenter

router = Router(tags=["persons"])


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
        "cccd",
        description="`cccd`: trùng số CCCD kể cả khi mất số 0 ở đầu; `name_birth_date`: trùng họ tên (không "
        "phân biệt dấu) và ngày sinh.",
    )
    limit: int = Field(100, ge=1, le=MAX_PAGE_SIZE, description="Số nhóm tối đa, nhóm lớn trước.")


@router.get(
    "/duplicates",
    operation_id="list_duplicates",
    response={200: list[DuplicateGroupOut], **QUERY_ERRORS, 403: ErrorOut},
    summary="Hồ sơ trùng lặp",
)
def duplicates(request: AuthenticatedRequest, filters: Query[DuplicateFilters]) -> list[dict[str, Any]]:
    """Groups of records that look like one person among those the user may change."""
    require_somewhere(request.user, Action.CHANGE)
    groups = find_duplicates(
        Person.objects.restrict(request.user, Action.CHANGE), rule=filters.rule, limit=filters.limit
    )
    presenter = PersonPresenter(request.user)
    return [
        {"rule": group.rule, "persons": [_member(person, presenter) for person in group.persons]}
        for group in groups
    ]


def _member(person: Person, presenter: PersonPresenter) -> dict:
    cccd_number, cccd_masked = presenter.cccd(person)
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "birth_date": person.birth_date,
        "gender": person.gender,
        "category": person.category,
        "organization": person.organization,
        "cccd_number": cccd_number,
        "cccd_masked": cccd_masked,
    }


class MergeIn(Schema):
    keep: int = Field(ge=1, le=2**63 - 1, strict=True, description="Mã hồ sơ được giữ.")
    remove: int = Field(
        ge=1, le=2**63 - 1, strict=True, description="Mã hồ sơ gộp vào hồ sơ được giữ rồi bị xóa."
    )
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
    "/merge",
    operation_id="merge_persons",
    response={201: MergeOut, **CREATE_ERRORS, 404: ErrorOut},
    summary="Gộp hồ sơ trùng lặp",
)
def merge(request: AuthenticatedRequest, payload: MergeIn) -> Status:
    """Merge ``remove`` into ``keep`` (the same audited action as the web page): its assignments, addresses
    and dossier move to the kept record, which takes its missing fields; then it is deleted."""
    keep = Person.objects.restrict(request.user).get_or_404(pk=payload.keep)
    remove = Person.objects.restrict(request.user).get_or_404(pk=payload.remove)
    record = do_merge_persons(keep, remove, acting_user=request.user, reason=normalize(payload.reason))
    return Status(201, record)


@router.get(
    "/merges",
    operation_id="list_merges",
    response={200: list[MergeOut], **QUERY_ERRORS, 403: ErrorOut},
    summary="Các lần gộp hồ sơ",
)
@paginate(Pagination)
def merges(request: AuthenticatedRequest) -> QuerySet[PersonMerge]:
    """Past merges into records the user may change, latest first."""
    require_somewhere(request.user, Action.CHANGE)
    return PersonMerge.objects.restrict(request.user, Action.CHANGE).order_by("-merged_at", "-pk")
