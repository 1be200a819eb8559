"""REST endpoints of consent-aware access: an official's requests and the dossier a consent in force opens;
the person's answers with their own account. The same actions and rules as the pages."""

import datetime as dt
from typing import Any, Literal

from ninja import Field, Router, Schema

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.api import CREATE_ERRORS, DETAIL_ERRORS, RecordId
from noivu.core.dates import today
from noivu.core.permissions import Action, require_somewhere
from noivu.edossier.consent import actions
from noivu.edossier.models import ConsentRequest, ConsentStatus
from noivu.edossier.selfservice.actions import own_person_or_404

router = Router(tags=["edossier"])


class ConsentOut(Schema):
    id: int
    identifier: str
    purpose: str
    status: ConsentStatus
    requested_at: dt.datetime
    answered_at: dt.datetime | None
    expires_on: dt.date | None
    in_force: bool = Field(description="Đồng ý còn hiệu lực hôm nay: hồ sơ mở cho người đề nghị.")


def _out(row: ConsentRequest) -> dict[str, Any]:
    return {
        "id": row.pk,
        "identifier": row.identifier,
        "purpose": row.purpose,
        "status": row.status,
        "requested_at": row.requested_at,
        "answered_at": row.answered_at,
        "expires_on": row.expires_on,
        "in_force": row.in_force_on(today()),
    }


@router.get(
    "/consents",
    response={200: list[ConsentOut], **DETAIL_ERRORS, 403: CREATE_ERRORS[403]},
    summary="Đề nghị khai thác hồ sơ của tôi (người đề nghị)",
)
def list_consent_requests(request: AuthenticatedRequest) -> list[dict[str, Any]]:
    require_somewhere(request.user, Action.VIEW)
    rows = ConsentRequest.objects.unrestricted().filter(requested_by=request.user).order_by("-requested_at")
    return [_out(row) for row in rows[:500]]


class ConsentRequestIn(Schema):
    identifier: str = Field(max_length=14, description="Số định danh cá nhân (12 chữ số) của người có hồ sơ.")
    purpose: str = Field(max_length=500)


@router.post(
    "/consents",
    response={201: ConsentOut, **CREATE_ERRORS},
    summary="Đề nghị người có hồ sơ đồng ý cho khai thác hồ sơ",
)
def request_dossier_consent(
    request: AuthenticatedRequest, payload: ConsentRequestIn
) -> tuple[int, dict[str, Any]]:
    """Whether a dossier carries the identifier is not told; 422 for a dossier within the user's own remit
    (no consent needed) or a purpose not stated."""
    row = actions.do_request_consent(
        identifier=payload.identifier, purpose=payload.purpose, acting_user=request.user
    )
    return 201, _out(row)


class ConsentedDossierOut(Schema):
    person_id: int
    full_name: str
    birth_date: dt.date
    identifier: str
    organization: str
    phone: str
    email: str
    consent: ConsentOut


@router.get(
    "/consents/{consent_id}/dossier",
    response={200: ConsentedDossierOut, **DETAIL_ERRORS, 403: CREATE_ERRORS[403]},
    summary="Xem hồ sơ theo đồng ý còn hiệu lực",
)
def get_consented_dossier(request: AuthenticatedRequest, consent_id: RecordId) -> dict[str, Any]:
    """403 unless the user asked for this consent and it is in force today; each read is audited with the
    consent's purpose, and the person sees it."""
    consent = actions.consented(request.user, consent_id)
    person = consent.person
    assert person is not None
    audit.record_read(
        request, target=person, channel="api", extra={"purpose": "consent", "consent": consent.pk}
    )
    return {
        "person_id": person.pk,
        "full_name": person.full_name,
        "birth_date": person.birth_date,
        "identifier": person.cccd_number or "",
        "organization": person.organization.name,
        "phone": person.phone,
        "email": person.email,
        "consent": _out(consent),
    }


class IncomingConsentOut(ConsentOut):
    requested_by: str


@router.get(
    "/me/consents",
    response={200: list[IncomingConsentOut], **DETAIL_ERRORS},
    summary="Đề nghị khai thác hồ sơ của tôi (người có hồ sơ)",
)
def list_my_consents(request: AuthenticatedRequest) -> list[dict[str, Any]]:
    person = own_person_or_404(request.user)
    rows = ConsentRequest.objects.unrestricted().filter(person=person).select_related("requested_by")
    return [{**_out(row), "requested_by": str(row.requested_by)} for row in rows.order_by("-requested_at")]


class ConsentAnswerIn(Schema):
    decision: Literal["grant", "refuse", "withdraw"]
    days: int = Field(30, strict=True, ge=1, le=actions.MAX_DAYS)


@router.post(
    "/me/consents/{consent_id}",
    response={200: IncomingConsentOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Trả lời hoặc rút đồng ý khai thác hồ sơ",
)
def answer_my_consent(
    request: AuthenticatedRequest, consent_id: RecordId, payload: ConsentAnswerIn
) -> dict[str, Any]:
    person = own_person_or_404(request.user)
    found = ConsentRequest.objects.unrestricted().filter(person=person).get_or_404(pk=consent_id)
    if payload.decision == "withdraw":
        row = actions.do_withdraw_consent(request=found, acting_user=request.user)
    else:
        row = actions.do_answer_consent(
            request=found, grant=payload.decision == "grant", days=payload.days, acting_user=request.user
        )
    return {**_out(row), "requested_by": str(row.requested_by)}
