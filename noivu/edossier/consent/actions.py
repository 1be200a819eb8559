"""Consent-aware access to a dossier (khai thác hồ sơ ngoài phạm vi quản lý): an official asks a person
for their consent to read the full dossier, with the purpose; the person grants it until a day, refuses it,
or withdraws it later. Within the reader's remit (cadre work) no consent is needed and every read is
audited; outside it, only a consent in force opens the dossier, and each read is audited with the
consent's purpose."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.dates import today
from noivu.core.permissions import Action, path_allows
from noivu.edossier.engine import DOSSIER_CATEGORIES
from noivu.edossier.models import ConsentRequest, ConsentStatus
from noivu.edossier.selfservice.actions import own_person
from noivu.personnel.identity.cccd import LENGTH
from noivu.personnel.models import Person

CONSENT_REQUESTED = event_type("edossier.consent_requested", gettext_lazy("Đề nghị đồng ý khai thác hồ sơ"))
CONSENT_ANSWERED = event_type("edossier.consent_answered", gettext_lazy("Trả lời đề nghị khai thác hồ sơ"))
CONSENT_WITHDRAWN = event_type("edossier.consent_withdrawn", gettext_lazy("Rút đồng ý khai thác hồ sơ"))

MAX_DAYS = 365
CHOSEN_DAYS = (7, 30, 90, 365)


@action(CONSENT_REQUESTED, permission=Action.VIEW)
def do_request_consent(ctx: ActionContext, *, identifier: str, purpose: str) -> ConsentRequest:
    """Ask the person holding dossier ``identifier`` for consent to read it, for ``purpose``. Only an
    official (a user holding a grant) asks. Whether a dossier carries that identifier is not told: the
    request is kept either way and waits for an answer that never comes if there is none. A dossier within
    the official's own remit needs no consent and is refused, naming the rule."""
    ctx.require_somewhere()
    digits = "".join(identifier.split())
    if len(digits) != LENGTH or not digits.isdigit():
        raise ValidationError({"identifier": [_("Số định danh cá nhân gồm đúng 12 chữ số.")]})
    if len(purpose.strip()) < 10:
        raise ValidationError({"purpose": [_("Nêu rõ mục đích khai thác hồ sơ (ít nhất 10 ký tự).")]})
    person = (
        Person.objects.unrestricted()
        .select_related("organization")
        .filter(cccd_number=digits, category__in=DOSSIER_CATEGORIES)
        .first()
    )
    if person is not None and path_allows(ctx.user, Action.VIEW_PERSONAL_DATA, person.organization.path):
        raise ValidationError(
            {"identifier": [_("Hồ sơ này thuộc phạm vi quản lý của bạn: xem trực tiếp, không cần đồng ý.")]}
        )
    request = ConsentRequest.objects.create(
        identifier=digits, person=person, requested_by=ctx.user, purpose=purpose.strip()
    )
    ctx.audit(extra={"consent": request.pk})
    return request


def _own_request(ctx: ActionContext, request: ConsentRequest) -> ConsentRequest:
    person = own_person(ctx.user)
    if person is None or request.person_id != person.pk:
        raise PermissionDenied(_("Bạn chỉ trả lời được đề nghị khai thác hồ sơ của chính mình."))
    ctx.require_owner(ctx.user.pk)
    return ConsentRequest.objects.select_for_update().get(pk=request.pk)


@action(CONSENT_ANSWERED)
def do_answer_consent(
    ctx: ActionContext, *, request: ConsentRequest, grant: bool, days: int = 30
) -> ConsentRequest:
    """The person's answer: consent for ``days`` days from today (at most a year), or refusal."""
    request = _own_request(ctx, request)
    if request.status != ConsentStatus.REQUESTED:
        raise ValidationError(_("Đề nghị này đã được trả lời."))
    if grant and not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": [_("Thời hạn đồng ý từ 1 đến %(max)s ngày.") % {"max": MAX_DAYS}]})
    request.status = ConsentStatus.GRANTED if grant else ConsentStatus.REFUSED
    request.expires_on = today() + dt.timedelta(days=days) if grant else None
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "expires_on", "answered_at"])
    ctx.audit(request.person, extra={"consent": request.pk, "granted": grant})
    return request


@action(CONSENT_WITHDRAWN)
def do_withdraw_consent(ctx: ActionContext, *, request: ConsentRequest) -> ConsentRequest:
    """The person withdraws a consent given: the dossier closes to the requester at once."""
    request = _own_request(ctx, request)
    if request.status != ConsentStatus.GRANTED:
        raise ValidationError(_("Chỉ rút được đồng ý đã cho."))
    request.status = ConsentStatus.WITHDRAWN
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    ctx.audit(request.person, extra={"consent": request.pk})
    return request


def consented(user: object, pk: int) -> ConsentRequest:
    """The consent ``pk`` that ``user`` asked for and that is in force today; PermissionDenied otherwise."""
    found = (
        ConsentRequest.objects.unrestricted()
        .select_related("person__organization")
        .filter(pk=pk, requested_by_id=getattr(user, "pk", None))
        .first()
    )
    if found is None or found.person is None or not found.in_force_on(today()):
        raise PermissionDenied(_("Không có đồng ý còn hiệu lực của người có hồ sơ cho đề nghị này."))
    return found
