"""REST endpoints of the electronic dossier (hồ sơ điện tử, Nghị định 27/2026/NĐ-CP), limited to the user's
scope: the same filters, engine and rules as the pages."""

import datetime as dt
from typing import Any

import polars as pl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.api import CREATE_ERRORS, DETAIL_ERRORS, QUERY_ERRORS, Pagination, RecordId
from noivu.core.dates import today
from noivu.core.permissions import Action, require_somewhere
from noivu.edossier import engine, integrity, reconciliation
from noivu.edossier.consent.api import router as consent_router
from noivu.edossier.filters import (
    IdentifierFilters,
    IntegrityFindingFilters,
    QualityFilters,
    ReconciliationFilters,
)
from noivu.edossier.models import IntegrityFinding, SyncEvent
from noivu.edossier.selfservice.api import router as selfservice_router
from noivu.organizations.models import Organization
from noivu.personnel.identity.cccd import LENGTH
from noivu.personnel.models import Person
from noivu.personnel.records.presenters import PersonPresenter

router = Router(tags=["edossier"])


class MarksOut(Schema):
    correct: float | None = Field(description="% hồ sơ đúng: số định danh hợp lệ, khớp ngày sinh, giới tính.")
    complete: float | None = Field(description="% hồ sơ đủ: có mọi trường bắt buộc.")
    clean: float | None = Field(description="% hồ sơ sạch: không trùng với hồ sơ khác.")
    live: float | None = Field(
        description="% hồ sơ sống: quá trình công tác, ngạch, bậc lương đang hiệu lực."
    )


class MissingFieldOut(Schema):
    code: str
    label: str
    group: int
    persons: int


class UnitQualityOut(Schema):
    organization_id: int
    code: str
    name: str
    persons: int
    score: float
    marks: MarksOut
    complete_persons: int


class QualityOut(Schema):
    as_of: dt.date
    mapping_version: str
    persons: int
    score: float | None = Field(description="Mức đầy đủ bình quân (%) của các trường bắt buộc.")
    marks: MarksOut
    missing: list[MissingFieldOut]
    units: list[UnitQualityOut]


@router.get("/quality", response={200: QualityOut, **QUERY_ERRORS}, summary="Chất lượng hồ sơ điện tử")
def get_dossier_quality(
    request: AuthenticatedRequest,
    query: Query[QualityFilters.schema()],  # type: ignore[valid-type]
) -> dict[str, Any]:
    """The scope's dossiers against the ten data groups: the average score, the share of each mark, the
    required fields most often missing and each unit (lowest score first)."""
    filters = QualityFilters.from_schema(query, user=request.user)
    frame = engine.completeness(filters.apply(Person.objects.restrict(request.user)), filters.as_of)
    totals = engine.totals(frame)
    units = engine.unit_summary(frame).to_dicts()
    found = dict(
        (pk, (code, name))
        for pk, code, name in Organization.objects.restrict(request.user)
        .filter(pk__in={row["organization_id"] for row in units})
        .values_list("pk", "code", "name")
    )
    return {
        "as_of": filters.as_of,
        "mapping_version": engine.data_groups().version,
        "persons": totals["persons"],
        "score": totals["score"],
        "marks": totals["marks"],
        "missing": [
            {"code": field.code, "label": field.name, "group": field.group, "persons": count}
            for field, count in totals["missing"]
        ],
        "units": [
            {
                "organization_id": row["organization_id"],
                "code": found.get(row["organization_id"], ("", ""))[0],
                "name": found.get(row["organization_id"], ("", ""))[1],
                "persons": row["persons"],
                "score": row["score"],
                "marks": {mark: row[mark] for mark in engine.MARKS},
                "complete_persons": row["complete_persons"],
            }
            for row in units
        ],
    }


class PersonQualityOut(Schema):
    person_id: int
    score: float
    marks: MarksOut
    missing: list[str] = Field(description="Mã các trường bắt buộc còn thiếu (xem /edossier/groups).")
    identifier_problems: list[str]


@router.get(
    "/persons/{person_id}/quality",
    response={200: PersonQualityOut, **DETAIL_ERRORS},
    summary="Mức đầy đủ hồ sơ điện tử của một người",
)
def get_person_dossier_quality(request: AuthenticatedRequest, person_id: RecordId) -> dict[str, Any]:
    person = Person.objects.restrict(request.user).get_or_404(pk=person_id)
    row = engine.completeness(Person.objects.restrict(request.user).filter(pk=person.pk), today()).row(
        0, named=True
    )
    return {
        "person_id": person.pk,
        "score": row["score"],
        "marks": {mark: 100.0 if row[mark] else 0.0 for mark in engine.MARKS},
        "missing": row["missing"],
        "identifier_problems": row["problems"],
    }


class IdentifierProblemOut(Schema):
    person_id: int
    full_name: str
    organization: str
    number: str | None = Field(
        description="Số định danh đang ghi, che bớt khi người dùng không được xem đầy đủ."
    )
    problems: list[str]


@router.get(
    "/identifiers",
    response={200: list[IdentifierProblemOut], **QUERY_ERRORS},
    summary="Hồ sơ có mã định danh cần sửa",
)
@paginate(Pagination)
def list_dossier_identifier_problems(
    request: AuthenticatedRequest,
    query: Query[IdentifierFilters.schema()],  # type: ignore[valid-type]
) -> list[dict[str, Any]]:
    """The persons whose personal identification number fails as the dossier identifier, with the codes
    of the rules broken (missing, old_id, malformed, province_unknown, century_mismatch,
    birth_year_mismatch, gender_mismatch, shared)."""
    filters = IdentifierFilters.from_schema(query, user=request.user)
    persons = filters.apply(Person.objects.restrict(request.user))
    frame = engine.identifier_frame(persons, filters.as_of)
    problem = filters.value("problem")
    failing = frame.filter(
        pl.col("problems").list.contains(problem) if problem else pl.col("problems").list.len() > 0
    )
    problems = dict(failing.select("person_id", "problems").iter_rows())
    rows = (
        Person.objects.restrict(request.user)
        .select_related("organization")
        .filter(pk__in=list(problems))
        .order_by("organization__path", "pk")
    )
    presenter = PersonPresenter(request.user)
    return [
        {
            "person_id": person.pk,
            "full_name": person.full_name,
            "organization": person.organization.name,
            "number": presenter.cccd(person)[0],
            "problems": problems[person.pk],
        }
        for person in rows
    ]


class IdentifiedDossierOut(Schema):
    person_id: int
    identifier: str
    full_name: str
    birth_date: dt.date
    organization: str


@router.get(
    "/dossiers/{identifier}",
    response={200: IdentifiedDossierOut, **DETAIL_ERRORS},
    summary="Tìm hồ sơ theo mã định danh (số định danh cá nhân)",
)
def get_dossier_by_identifier(request: AuthenticatedRequest, identifier: str) -> dict[str, Any]:
    """The dossier whose identifier is ``identifier`` (12 digits), within the user's scope and right to
    see personal data; the lookup is audited as a read of the record."""
    digits = "".join(identifier.split())
    if not (len(digits) == LENGTH and digits.isdigit()):
        raise ValidationError(
            {"identifier": _("Mã định danh hồ sơ là số định danh cá nhân gồm đúng 12 chữ số.")}
        )
    person = (
        Person.objects.restrict(request.user, Action.VIEW_PERSONAL_DATA)
        .select_related("organization")
        .get_or_404(cccd_number=digits)
    )
    audit.record_read(request, target=person, channel="api", extra={"lookup": "edossier.identifier"})
    return {
        "person_id": person.pk,
        "identifier": digits,
        "full_name": person.full_name,
        "birth_date": person.birth_date,
        "organization": person.organization.name,
    }


class IntegrityFindingOut(Schema):
    id: int
    found_at: dt.datetime = Field(description="Thời điểm lần kiểm tra phát hiện lần đầu.")
    person_id: int
    full_name: str = Field(alias="person.full_name")
    organization: str = Field(alias="person.organization.name")
    kind: str = Field(description="row: dữ liệu sửa ngoài nghiệp vụ; history: lịch sử bị sửa hoặc xóa.")
    kind_label: str
    table: str
    table_label: str
    row_id: int | None = Field(description="Dòng bị sửa (với loại row).")
    field: str = Field(description="Cột bị sửa (với loại row); rỗng với loại history.")
    field_label: str

    @staticmethod
    def resolve_kind_label(finding: IntegrityFinding) -> str:
        return str(finding.get_kind_display())

    @staticmethod
    def resolve_table_label(finding: IntegrityFinding) -> str:
        return integrity.table_labels().get(finding.table, finding.table)

    @staticmethod
    def resolve_field_label(finding: IntegrityFinding) -> str:
        return integrity.field_label(finding.table, finding.field) if finding.field else ""


@router.get(
    "/integrity/findings",
    response={200: list[IntegrityFindingOut], **QUERY_ERRORS, 403: CREATE_ERRORS[403]},
    summary="Kết quả kiểm tra toàn vẹn hồ sơ",
)
@paginate(Pagination)
def list_dossier_integrity_findings(
    request: AuthenticatedRequest,
    query: Query[IntegrityFindingFilters.schema()],  # type: ignore[valid-type]
) -> Any:
    """The findings of the integrity check about the persons of the units the user administers (a national
    or a unit's administrator), the newest first: rows changed outside the actions and histories changed
    or removed."""
    filters = IntegrityFindingFilters.from_schema(query, user=request.user)
    return integrity.findings_for(request.user, filters)


class UnitReconciliationOut(Schema):
    organization_id: int
    code: str
    name: str
    events: int = Field(description="Sự kiện của đơn vị trong hàng đợi (mọi trạng thái).")
    events_delivered: int = Field(description="Sự kiện đã được tiếp nhận, theo ghi nhận của bên gửi.")
    events_checksum: str = Field(description="MD5 của các khóa sự kiện (sắp xếp, nối bằng xuống dòng).")
    dossiers: int = Field(description="Hồ sơ cán bộ, công chức, viên chức đang thuộc đơn vị.")
    dossiers_checksum: str = Field(description="MD5 của các số định danh (sắp xếp, nối bằng xuống dòng).")
    receiver_events: int | None = Field(description="Sự kiện máy nhận xác nhận; null khi không hỏi được.")
    receiver_events_checksum: str | None
    receiver_dossiers: int | None
    receiver_dossiers_checksum: str | None
    events_differ: bool | None
    dossiers_differ: bool | None
    differs: bool | None = Field(description="Số lượng hoặc tổng kiểm tra khác với máy nhận.")


class ReconciliationOut(Schema):
    receiver_error: str = Field(description="Lý do không có số liệu của máy nhận; rỗng khi có.")
    units: list[UnitReconciliationOut]


@router.get(
    "/reconciliation",
    response={200: ReconciliationOut, **QUERY_ERRORS, 403: CREATE_ERRORS[403]},
    summary="Đối soát với cơ sở dữ liệu quốc gia theo đơn vị",
)
def get_sync_reconciliation(
    request: AuthenticatedRequest,
    query: Query[ReconciliationFilters.schema()],  # type: ignore[valid-type]
) -> dict[str, Any]:
    """Per unit the user administers: our events and dossiers, their checksums, and the receiver's numbers
    and checksums of what it acknowledged, the differences flagged (``differs=1``: only those)."""
    require_somewhere(request.user, Action.ADMINISTER)
    filters = ReconciliationFilters.from_schema(query, user=request.user)
    found = reconciliation.report(request.user, filters, reconciliation.configured_lookup())
    return {"receiver_error": found.receiver_error, "units": found.units}


class UnacknowledgedEventOut(Schema):
    key: str
    person_id: int
    full_name: str = Field(alias="person.full_name")
    kind: str
    event_type: str
    occurred_at: dt.datetime
    status: str

    @staticmethod
    def resolve_key(event: SyncEvent) -> str:
        return str(event.key)


class UnacknowledgedDossierOut(Schema):
    person_id: int = Field(alias="pk")
    full_name: str
    identifier: str | None = Field(alias="cccd_number")


class UnitReconciliationItemsOut(Schema):
    unit: UnitReconciliationOut
    receiver_error: str
    events: list[UnacknowledgedEventOut] = Field(description="Sự kiện của đơn vị máy nhận không có.")
    dossiers: list[UnacknowledgedDossierOut] = Field(description="Hồ sơ của đơn vị máy nhận không có.")
    unknown_event_keys: list[str] = Field(description="Khóa sự kiện máy nhận có mà bên gửi không có.")
    unknown_identifiers: list[str] = Field(description="Số định danh máy nhận có mà đơn vị không có.")


@router.get(
    "/reconciliation/{code}",
    response={200: UnitReconciliationItemsOut, **DETAIL_ERRORS, 403: CREATE_ERRORS[403]},
    summary="Chi tiết đối soát của một đơn vị",
)
def get_unit_sync_reconciliation(request: AuthenticatedRequest, code: str) -> dict[str, Any]:
    """The items of one unit the user administers that do not reconcile: the events and dossiers the
    receiver does not hold, and the keys and identifiers it holds that the unit does not."""
    require_somewhere(request.user, Action.ADMINISTER)
    unit = Organization.objects.restrict(request.user, Action.ADMINISTER).get_or_404(code=code)
    found = reconciliation.drill(request.user, unit, reconciliation.configured_lookup())
    return {
        "unit": found.unit,
        "receiver_error": found.receiver_error,
        "events": found.events,
        "dossiers": found.persons,
        "unknown_event_keys": found.unknown_keys,
        "unknown_identifiers": found.unknown_identifiers,
    }


router.add_router("", selfservice_router)
router.add_router("", consent_router)
