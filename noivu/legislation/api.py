"""REST endpoints of the drafting programme (chương trình xây dựng văn bản), limited to the user's scope."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from noivu.core import dates
from noivu.core.api import CREATE_ERRORS, DETAIL_ERRORS, QUERY_ERRORS, IsoDate, Pagination, RecordId
from noivu.core.models import LegalBasis, RuleRow
from noivu.legislation import actions
from noivu.legislation.filters import DocumentFilters
from noivu.legislation.models import AmendmentKind, DocumentKind, DraftDocument, Programme, Step
from noivu.legislation.progress import flag, progress, with_flags
from noivu.organizations.models import Organization

router = Router(tags=["legislation"])


class ProgressOut(Schema):
    total: int
    issued: int
    overdue: int
    at_risk: int
    on_track: int
    by_step: dict[str, int] = Field(description="Văn bản chưa ban hành theo bước hiện tại.")


class ProgrammeOut(Schema):
    id: int
    name: str
    law_title: str
    year: int
    organization: str = Field(description="Mã cơ quan chủ trì.")
    organization_name: str
    progress: ProgressOut

    @staticmethod
    def resolve_organization(programme: Programme) -> str:
        return programme.organization.code

    @staticmethod
    def resolve_organization_name(programme: Programme) -> str:
        return programme.organization.name


class ProgrammeIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    year: int = Field(ge=1990, le=2100, strict=True)
    organization: str = Field(description="Mã cơ quan chủ trì.", max_length=32)
    law_title: str = Field("", max_length=300)


class StepOut(Schema):
    step: Step
    step_label: str
    planned_on: dt.date
    done_on: dt.date | None
    note: str

    @staticmethod
    def resolve_step_label(step: Any) -> str:
        return str(step.get_step_display())


class AmendmentOut(Schema):
    kind: AmendmentKind
    by_number: str
    issued_on: dt.date
    days_after_issue: int | None


class DocumentOut(Schema):
    id: int
    programme: int
    title: str
    kind: DocumentKind
    kind_label: str
    organization: str = Field(description="Mã cơ quan chủ trì soạn thảo.")
    lead: str
    detailed_article: str
    deadline: dt.date
    step: Step
    status: str = Field(description="issued, overdue, at_risk hoặc on_track (hôm nay).")
    number: str
    issued_on: dt.date | None
    effective_on: dt.date | None

    @staticmethod
    def resolve_programme(document: DraftDocument) -> int:
        return document.programme_id

    @staticmethod
    def resolve_kind_label(document: DraftDocument) -> str:
        return str(document.get_kind_display())

    @staticmethod
    def resolve_organization(document: DraftDocument) -> str:
        return document.organization.code

    @staticmethod
    def resolve_status(document: DraftDocument) -> str:
        return flag(document, dates.today())


class DocumentDetailOut(DocumentOut):
    steps: list[StepOut]
    amendments: list[AmendmentOut]
    legal_bases: list[str] = Field(description="Căn cứ pháp lý do văn bản thiết lập.")
    rule_tables: list[str] = Field(description="Bảng quy định chịu tác động.")


class DocumentIn(Schema):
    title: str = Field(min_length=1, max_length=500)
    kind: DocumentKind
    organization: str | None = Field(
        None, description="Mã cơ quan chủ trì soạn thảo (bắt buộc).", max_length=32
    )
    deadline: IsoDate | None = Field(None, description="Hạn ban hành (bắt buộc).")
    lead: str = Field("", max_length=200)
    detailed_article: str = Field("", max_length=200)


class StepIn(Schema):
    step: Step
    done_on: IsoDate
    number: str = Field("", max_length=64, description="Số hiệu, bắt buộc khi ký ban hành.")
    effective_on: IsoDate | None = None
    note: str = Field("", max_length=500)


class AmendmentIn(Schema):
    kind: AmendmentKind
    by_number: str = Field(min_length=1, max_length=64)
    issued_on: IsoDate
    note: str = Field("", max_length=500)


def _organization(request: HttpRequest, code: str | None) -> Organization | None:
    if not code:
        return None
    organization = Organization.objects.restrict(request.user).filter(code=code).first()
    if organization is None:
        # Like a record's unit: the same 422 for a code that does not exist and one outside the scope.
        raise ValidationError({"organization": _("Không tìm thấy đơn vị có mã này.")})
    return organization


def _programme_out(request: HttpRequest, programme: Programme) -> Programme:
    documents = DraftDocument.objects.restrict(request.user).filter(programme=programme)
    programme.progress = progress(documents, dates.today())  # type: ignore[attr-defined]
    return programme


@router.get(
    "/programmes", response={200: list[ProgrammeOut], **QUERY_ERRORS}, summary="Chương trình xây dựng văn bản"
)
@paginate(Pagination)
def list_programmes(request: HttpRequest) -> list[Programme]:
    """Programmes in the user's scope with their progress today."""
    programmes = (
        Programme.objects.restrict(request.user)
        .select_related("organization")
        .order_by("-year", "name", "pk")
    )
    return [_programme_out(request, programme) for programme in programmes]


@router.post("/programmes", response={201: ProgrammeOut, **CREATE_ERRORS}, summary="Lập chương trình")
def create_programme(request: HttpRequest, body: ProgrammeIn) -> Status:
    organization = _organization(request, body.organization)
    programme = actions.do_create_programme(
        organization=organization,
        name=body.name,
        year=body.year,
        law_title=body.law_title,
        acting_user=request.user,
    )
    return Status(201, _programme_out(request, programme))


def _documents(request: HttpRequest) -> Any:
    return with_flags(
        DraftDocument.objects.restrict(request.user).select_related("organization"), dates.today()
    )


@router.post(
    "/programmes/{programme_id}/documents",
    response={201: DocumentOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Thêm văn bản cần xây dựng",
)
def add_document(request: HttpRequest, programme_id: RecordId, body: DocumentIn) -> Status:
    """A document without a drafting agency or a deadline is a 422 naming the field."""
    programme = Programme.objects.restrict(request.user).get_or_404(pk=programme_id)
    document = actions.do_add_document(
        programme=programme,
        organization=_organization(request, body.organization),
        kind=body.kind,
        title=body.title,
        deadline=body.deadline,
        lead=body.lead,
        detailed_article=body.detailed_article,
        acting_user=request.user,
    )
    return Status(201, _documents(request).get(pk=document.pk))


DocumentQuery = DocumentFilters.schema()


@router.get("/documents", response={200: list[DocumentOut], **QUERY_ERRORS}, summary="Văn bản cần xây dựng")
@paginate(Pagination)
def list_documents(request: HttpRequest, query: Query[DocumentQuery]) -> QuerySet[DraftDocument]:  # type: ignore[valid-type]
    """Documents of the programmes in scope: overdue, at risk, by step, kind or text."""
    filters = DocumentFilters.from_schema(query, user=request.user)
    return filters.apply(
        DraftDocument.objects.restrict(request.user).select_related("organization")
    ).order_by("deadline", "pk")


def _detail(request: HttpRequest, document_id: int) -> Any:
    document = _documents(request).get_or_404(pk=document_id)
    bases = list(document.legal_bases.all())
    document.legal_bases_out = [basis.citation for basis in bases]
    document.rule_tables = sorted(
        set(RuleRow.objects.unrestricted().filter(legal_basis__in=bases).values_list("table", flat=True))
    )
    return document


class _DetailOut(DocumentDetailOut):
    @staticmethod
    def resolve_steps(document: DraftDocument) -> list[Any]:
        return list(document.steps.all())

    @staticmethod
    def resolve_amendments(document: DraftDocument) -> list[Any]:
        return list(document.amendments.all())

    @staticmethod
    def resolve_legal_bases(document: DraftDocument) -> list[str]:
        return list(getattr(document, "legal_bases_out", []))


@router.get("/documents/{document_id}", response={200: _DetailOut, **DETAIL_ERRORS}, summary="Một văn bản")
def document_detail(request: HttpRequest, document_id: RecordId) -> DraftDocument:
    """A document with its steps, amendments, the legal bases it sets and the rule tables they touch."""
    return _detail(request, document_id)


@router.post(
    "/documents/{document_id}/steps",
    response={200: _DetailOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Ghi nhận bước hoàn thành",
)
def complete_step(request: HttpRequest, document_id: RecordId, body: StepIn) -> DraftDocument:
    document = DraftDocument.objects.restrict(request.user).get_or_404(pk=document_id)
    actions.do_complete_step(document=document, **body.dict(), acting_user=request.user)
    return _detail(request, document_id)


@router.post(
    "/documents/{document_id}/amendments",
    response={200: _DetailOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Ghi nhận văn bản sửa đổi, thay thế",
)
def record_amendment(request: HttpRequest, document_id: RecordId, body: AmendmentIn) -> DraftDocument:
    document = DraftDocument.objects.restrict(request.user).get_or_404(pk=document_id)
    actions.do_record_amendment(document=document, **body.dict(), acting_user=request.user)
    return _detail(request, document_id)


class BasisIn(Schema):
    document_number: str = Field(max_length=64)
    article: str = Field("", max_length=128)


@router.post(
    "/documents/{document_id}/legal-bases",
    response={200: _DetailOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Gắn căn cứ pháp lý",
)
def link_legal_basis(request: HttpRequest, document_id: RecordId, body: BasisIn) -> DraftDocument:
    """Link a legal basis already recorded (by document number and article) to the issued document."""
    document = DraftDocument.objects.restrict(request.user).get_or_404(pk=document_id)
    basis = LegalBasis.objects.unrestricted().get_or_404(
        document_number=body.document_number, article=body.article
    )
    actions.do_link_legal_basis(document=document, legal_basis=basis, acting_user=request.user)
    return _detail(request, document_id)
