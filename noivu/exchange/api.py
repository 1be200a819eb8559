"""REST endpoints of the exchange: the published JSON Schemas of the formats (read-only), and the
conflicts of identification numbers with their decision, for the national administrator."""

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.api import CREATE_ERRORS, DETAIL_ERRORS, QUERY_ERRORS, Pagination, RecordId
from noivu.core.permissions import Action, is_national
from noivu.exchange import actions, schemas
from noivu.exchange.models import Conflict, ConflictStatus

router = Router(tags=["exchange"])


def _national(request: AuthenticatedRequest) -> None:
    if not is_national(request.user, Action.ADMINISTER):
        raise PermissionDenied


@router.get(
    "/schemas/{name}",
    response={200: dict[str, Any], **DETAIL_ERRORS},
    summary="Lược đồ JSON của định dạng trao đổi",
)
def get_exchange_schema(
    request: AuthenticatedRequest, name: Literal["dossier-1", "event-1"]
) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of dossier format 1 (one line of the initial export) or of event
    format 1 (a batch of the outbox), as published with this version."""
    if name not in schemas.NAMES:
        raise Http404
    return schemas.load(name)


class ExchangeConflictOut(Schema):
    id: int
    identifier: str
    source: str = Field(description="Hệ thống gửi hồ sơ đến.")
    reference: int = Field(description="Số hồ sơ ở hệ thống gửi đến.")
    held_person_id: int | None = Field(description="Hồ sơ ở hệ thống này đang giữ số định danh.")
    held_source: str = Field(description="Nguồn của hồ sơ đang giữ số; trống: nhập tại đây.")
    held_reference: int | None
    status: str
    found_at: dt.datetime
    decided_at: dt.datetime | None
    document: dict[str, Any] = Field(description="Hồ sơ gửi đến (định dạng hồ sơ 1).")


@router.get(
    "/conflicts",
    response={200: list[ExchangeConflictOut], **QUERY_ERRORS, 403: CREATE_ERRORS[403]},
    summary="Xung đột số định danh giữa các hệ thống",
)
@paginate(Pagination)
def list_exchange_conflicts(request: AuthenticatedRequest, status: ConflictStatus | None = None) -> Any:
    """The dossiers held back because their identification number is held by another record (a record of
    another source, or entered here), the newest first; only for a national administrator."""
    _national(request)
    rows = Conflict.objects.restrict(request.user, Action.ADMINISTER)
    return rows.filter(status=status) if status else rows


class ExchangeDecisionIn(Schema):
    take: bool = Field(description="true: nhận hồ sơ gửi đến thay hồ sơ đang có; false: giữ hồ sơ đang có.")
    reason: str = Field("", max_length=1000)


@router.post(
    "/conflicts/{conflict_id}/decision",
    response={200: ExchangeConflictOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Quyết định xung đột số định danh",
)
def decide_exchange_conflict(
    request: AuthenticatedRequest, conflict_id: RecordId, payload: ExchangeDecisionIn
) -> Conflict:
    """Keep the record that holds the number, or take the incoming dossier (audited); 422 when the conflict
    was already decided or the dossier's rows are refused."""
    _national(request)
    found = Conflict.objects.restrict(request.user, Action.ADMINISTER).get_or_404(pk=conflict_id)
    return actions.do_decide_conflict(
        conflict=found, take=payload.take, acting_user=request.user, reason=payload.reason
    )
