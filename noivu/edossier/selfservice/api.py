"""REST endpoints of self-service: a person's own dossier proposals (sent with a personal account) and the
HR officer's queue with approval and return; the same actions and rules as the pages."""

import base64
import binascii
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.api import CREATE_ERRORS, DETAIL_ERRORS, QUERY_ERRORS, Pagination, RecordId
from noivu.core.permissions import Action, require_somewhere
from noivu.edossier.filters import ProposalFilters
from noivu.edossier.models import ChangeProposal, ProposalKind, ProposalStatus
from noivu.edossier.selfservice import actions
from noivu.edossier.selfservice.changes import described

router = Router(tags=["edossier"])


class ProposalValueOut(Schema):
    field: str
    now: str = Field(description="Giá trị đang có trong hồ sơ.")
    proposed: str = Field(description="Giá trị đề nghị.")


class ChangeProposalRowOut(Schema):
    id: int
    person_id: int
    full_name: str
    kind: ProposalKind
    status: ProposalStatus
    submitted_at: dt.datetime
    decided_at: dt.datetime | None
    return_reason: str
    note: str
    attachment_name: str


class ChangeProposalOut(ChangeProposalRowOut):
    values: list[ProposalValueOut]


ROW_FIELDS = (
    "id",
    "person_id",
    "kind",
    "status",
    "submitted_at",
    "decided_at",
    "return_reason",
    "note",
    "attachment_name",
)


def _rows(proposals: Any) -> Any:
    return proposals.annotate(full_name=F("person__full_name")).values(*ROW_FIELDS, "full_name")


def _out(proposal: ChangeProposal) -> dict[str, Any]:
    return {
        **{name: getattr(proposal, name) for name in ROW_FIELDS},
        "full_name": proposal.person.full_name,
        "values": [
            {"field": str(label), "now": now, "proposed": proposed}
            for label, now, proposed in described(proposal.kind, proposal.person, proposal.values)
        ],
    }


def _decidable(request: AuthenticatedRequest, proposal_id: int) -> ChangeProposal:
    return ChangeProposal.objects.restrict(request.user, Action.VIEW_PERSONAL_DATA).get_or_404(pk=proposal_id)


@router.get(
    "/me/proposals",
    response={200: list[ChangeProposalRowOut], **DETAIL_ERRORS},
    summary="Đề nghị cập nhật hồ sơ của tôi",
)
def list_my_dossier_proposals(request: AuthenticatedRequest) -> Any:
    """The proposals the signed-in person sent about their own dossier, newest first (404 for an account
    that is not a person's own)."""
    person = actions.own_person_or_404(request.user)
    return _rows(ChangeProposal.objects.unrestricted().filter(person=person).order_by("-submitted_at", "-pk"))


class ProposalIn(Schema):
    kind: ProposalKind
    values: dict[str, str] = Field(
        description='Các trường như trên biểu mẫu của hồ sơ (ngày dd/mm/yyyy), ví dụ {"phone": "0912345678"}.'
    )
    note: str = Field("", max_length=2000)
    attachment_name: str = Field("", max_length=200)
    attachment_base64: str = Field("", description="Bản chụp giấy tờ (PDF, JPEG, PNG) mã hóa base64.")


@router.post(
    "/me/proposals",
    response={201: ChangeProposalOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Gửi đề nghị cập nhật hồ sơ của tôi",
)
def submit_my_dossier_proposal(
    request: AuthenticatedRequest, payload: ProposalIn
) -> tuple[int, dict[str, Any]]:
    """Checked by the record's rules for its kind (422 naming each field); a degree or certificate needs
    its scan."""
    person = actions.own_person_or_404(request.user)
    attachment = None
    if payload.attachment_base64:
        try:
            content = base64.b64decode(payload.attachment_base64, validate=True)
        except (binascii.Error, ValueError) as broken:
            raise ValidationError(
                {"attachment_base64": [_("Bản chụp không phải base64 hợp lệ.")]}
            ) from broken
        attachment = actions.Attachment(payload.attachment_name or "ban-chup", content)
    proposal = actions.do_submit_proposal(
        person=person,
        kind=payload.kind,
        values=payload.values,
        note=payload.note,
        attachment=attachment,
        acting_user=request.user,
    )
    return 201, _out(proposal)


@router.get(
    "/proposals",
    response={200: list[ChangeProposalRowOut], **QUERY_ERRORS, 403: CREATE_ERRORS[403]},
    summary="Đề nghị cập nhật hồ sơ của người trong phạm vi",
)
@paginate(Pagination)
def list_dossier_proposals(
    request: AuthenticatedRequest,
    query: Query[ProposalFilters.schema()],  # type: ignore[valid-type]
) -> Any:
    """The proposals of the persons whose personal data the user sees, oldest first (every state unless
    ``status`` is given)."""
    require_somewhere(request.user, Action.VIEW_PERSONAL_DATA)
    filters = ProposalFilters.from_schema(query, user=request.user)
    rows = filters.apply(ChangeProposal.objects.restrict(request.user, Action.VIEW_PERSONAL_DATA))
    return _rows(rows.order_by("submitted_at", "pk"))


@router.get(
    "/proposals/{proposal_id}",
    response={200: ChangeProposalOut, **DETAIL_ERRORS},
    summary="Xem đề nghị cập nhật hồ sơ",
)
def get_dossier_proposal(request: AuthenticatedRequest, proposal_id: RecordId) -> dict[str, Any]:
    """The values in the dossier and the values proposed; audited as a read of the person's record."""
    proposal = _decidable(request, proposal_id)
    audit.record_read(request, target=proposal.person, channel="api", extra={"proposal": proposal.pk})
    return _out(proposal)


class ReturnProposalIn(Schema):
    reason: str = Field(min_length=1, max_length=2000)


@router.post(
    "/proposals/{proposal_id}/approve",
    response={200: ChangeProposalOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Duyệt đề nghị cập nhật hồ sơ",
)
def approve_dossier_proposal(request: AuthenticatedRequest, proposal_id: RecordId) -> dict[str, Any]:
    """The change is checked again and applied to the dossier (audited, queued for the national database);
    422 when the dossier's rules now refuse it or it was already handled."""
    proposal = actions.do_approve_proposal(
        proposal=_decidable(request, proposal_id), acting_user=request.user
    )
    return _out(proposal)


@router.post(
    "/proposals/{proposal_id}/return",
    response={200: ChangeProposalOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Trả lại đề nghị cập nhật hồ sơ",
)
def return_dossier_proposal(
    request: AuthenticatedRequest, proposal_id: RecordId, payload: ReturnProposalIn
) -> dict[str, Any]:
    proposal = actions.do_return_proposal(
        proposal=_decidable(request, proposal_id), reason=payload.reason, acting_user=request.user
    )
    return _out(proposal)
