"""REST endpoints of the dossiers of administrative procedures: the queue, a dossier with its clock, and
the state changes (receipt, supplement request and receipt, decision) through the same forms and actions
as the pages."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from noivu.core.api import CREATE_ERRORS, DETAIL_ERRORS, QUERY_ERRORS, IsoDate, Pagination, RecordId
from noivu.core.permissions import Action
from noivu.religion.api_support import bound, unit_pk
from noivu.religion.models import Dossier
from noivu.religion.procedures.actions import (
    clock_of,
    do_decide_dossier,
    do_receive_dossier,
    do_receive_supplement,
    do_request_supplement,
)
from noivu.religion.procedures.filters import DossierFilters
from noivu.religion.procedures.forms import DecideForm, ReceiveForm, SupplementForm, SupplementReceivedForm

router = Router(tags=["religion"])


class ReligionDossierOut(Schema):
    id: int
    reference: str
    procedure_code: str
    procedure_name: str
    legal_basis: str = Field(description="Điều khoản quy định thời hạn.")
    organization: str = Field(description="Mã cơ quan tiếp nhận.")
    applicant: str
    religious_organization_id: int | None
    received_on: dt.date
    status: str
    status_label: str
    due_on: dt.date | None = Field(description="Hạn giải quyết (null khi đang tạm dừng chờ bổ sung).")
    decided_on: dt.date | None
    outcome: str
    decision_number: str
    late_reason: str

    @staticmethod
    def resolve_legal_basis(dossier: Dossier) -> str:
        return dossier.rule.legal_basis.citation

    @staticmethod
    def resolve_organization(dossier: Dossier) -> str:
        return dossier.organization.code

    @staticmethod
    def resolve_status_label(dossier: Dossier) -> str:
        return str(dossier.get_status_display())


class DossierDetailOut(ReligionDossierOut):
    steps: list[str] = Field(description="Cách tính hạn, từng bước.")


DossierQuery = DossierFilters.schema()


def _dossiers(request: HttpRequest, action: str = Action.VIEW) -> Any:
    return Dossier.objects.restrict(request.user, action).select_related(
        "organization", "rule", "rule__legal_basis"
    )


@router.get(
    "/dossiers",
    response={200: list[ReligionDossierOut], **QUERY_ERRORS},
    summary="Hàng hồ sơ thủ tục",
    operation_id="list_religion_dossiers",
)
@paginate(Pagination)
def list_dossiers(request: HttpRequest, query: Query[DossierQuery]) -> Any:  # type: ignore[valid-type]
    """Dossiers within the user's scope: ``queue=overdue`` those past their deadline on the as-of day,
    ``due_soon`` due within five days, ``open`` all still open; by deadline."""
    filters = DossierFilters.from_schema(query, user=request.user)
    return filters.apply(_dossiers(request)).order_by("due_on", "pk")


def _detail(dossier: Dossier) -> Dossier:
    """The dossier with the steps of its clock, for :class:`DossierDetailOut`."""
    dossier.steps = clock_of(dossier).steps  # type: ignore[attr-defined]
    return dossier


@router.get(
    "/dossiers/{dossier_id}",
    response={200: DossierDetailOut, **DETAIL_ERRORS},
    summary="Một hồ sơ",
    operation_id="get_religion_dossier",
)
def dossier_detail(request: HttpRequest, dossier_id: RecordId) -> Dossier:
    return _detail(_dossiers(request).get_or_404(pk=dossier_id))


class ReceiveIn(Schema):
    organization: str = Field(description="Mã cơ quan tiếp nhận.")
    procedure_code: str = Field(max_length=64, description="Mã thủ tục (bảng quy định religion_procedures).")
    applicant: str = Field(min_length=1, max_length=255)
    religious_organization: int | None = Field(
        None, strict=True, description="Mã số tổ chức tôn giáo trong sổ theo dõi."
    )
    group: int | None = Field(None, strict=True, description="Mã số nhóm sinh hoạt tôn giáo tập trung.")
    subject: str = Field("", max_length=500)
    received_on: IsoDate
    reference: str = Field("", max_length=32)


@router.post(
    "/dossiers",
    response={201: DossierDetailOut, **CREATE_ERRORS},
    summary="Tiếp nhận hồ sơ",
    operation_id="receive_religion_dossier",
)
def receive_dossier(request: HttpRequest, payload: ReceiveIn) -> Status:
    """Receive a complete dossier: the statutory clock starts. A religious organisation or group that is
    not in the registries within the user's scope is a 422 naming the field."""
    data = {**payload.dict(), "organization": unit_pk(request.user, payload.organization)}
    cleaned = bound(ReceiveForm(data, user=request.user))
    dossier = do_receive_dossier(**cleaned, acting_user=request.user)
    return Status(201, _detail(dossier))


class SupplementIn(Schema):
    requested_on: IsoDate
    content: str = Field(min_length=1, max_length=2000)


class SupplementReceivedIn(Schema):
    received_on: IsoDate


class DecisionIn(Schema):
    decided_on: IsoDate
    outcome: str = Field(description="approved hoặc refused.")
    decision_number: str = Field(min_length=1, max_length=64)
    late_reason: str = Field("", max_length=2000, description="Bắt buộc khi trả kết quả sau hạn.")


def _change(request: HttpRequest, dossier_id: int, form: Any, run: Any, payload: Schema) -> Status:
    dossier = _dossiers(request).get_or_404(pk=dossier_id)
    cleaned = bound(form(payload.dict()))
    dossier = run(dossier=dossier, **cleaned, acting_user=request.user)
    return Status(200, _detail(dossier if isinstance(dossier, Dossier) else dossier.dossier))


@router.post(
    "/dossiers/{dossier_id}/supplements",
    response={200: DossierDetailOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Yêu cầu bổ sung hồ sơ",
    operation_id="request_religion_supplement",
)
def request_supplement(request: HttpRequest, dossier_id: RecordId, payload: SupplementIn) -> Status:
    """Ask for a supplement: the clock stops until it is received."""
    return _change(request, dossier_id, SupplementForm, do_request_supplement, payload)


@router.post(
    "/dossiers/{dossier_id}/supplement-received",
    response={200: DossierDetailOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Nhận hồ sơ bổ sung",
    operation_id="receive_religion_supplement",
)
def receive_supplement(request: HttpRequest, dossier_id: RecordId, payload: SupplementReceivedIn) -> Status:
    return _change(request, dossier_id, SupplementReceivedForm, do_receive_supplement, payload)


@router.post(
    "/dossiers/{dossier_id}/decision",
    response={200: DossierDetailOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Trả kết quả hồ sơ",
    operation_id="decide_religion_dossier",
)
def decide(request: HttpRequest, dossier_id: RecordId, payload: DecisionIn) -> Status:
    """Record the decision; one after the statutory deadline needs ``late_reason`` (else a 422)."""
    return _change(request, dossier_id, DecideForm, do_decide_dossier, payload)
