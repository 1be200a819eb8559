"""Pages of consent-aware access (khai thác hồ sơ theo đồng ý): an official's requests and the dossiers a
consent in force opens to them; the person's answers are on their own dossier page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.dates import today
from noivu.core.permissions import Action, require_somewhere
from noivu.edossier.consent import actions
from noivu.edossier.models import ConsentRequest
from noivu.edossier.selfservice.actions import own_person
from noivu.edossier.selfservice.dossier import own_dossier


def requests(request: AuthenticatedRequest) -> HttpResponse:
    """The official's requests for consent, and the form of a new one."""
    require_somewhere(request.user, Action.VIEW)
    error: dict[str, list[str]] = {}
    values = {"identifier": "", "purpose": ""}
    if request.method == "POST":
        values = {name: request.POST.get(name, "") for name in values}
        try:
            actions.do_request_consent(**values, acting_user=request.user)
        except ValidationError as refused:
            error = refused.message_dict if hasattr(refused, "error_dict") else {"general": refused.messages}
        else:
            messages.success(
                request,
                _("Đã gửi đề nghị; nếu có hồ sơ mang số định danh này, người có hồ sơ sẽ thấy và trả lời."),
            )
            return redirect("edossier:consents")
    mine = (
        ConsentRequest.objects.unrestricted()
        .filter(requested_by=request.user)
        .order_by("-requested_at")[:100]
    )
    day = today()
    return render(
        request,
        "edossier/consent/requests.html",
        {
            "rows": [(row, row.in_force_on(day)) for row in mine],
            "values": values,
            "errors": error,
        },
    )


def consented_dossier(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The dossier a consent in force opens to the official who asked; each read audited with its purpose."""
    consent = actions.consented(request.user, pk)
    person = consent.person
    assert person is not None
    audit.record_read(request, target=person, extra={"purpose": "consent", "consent": consent.pk})
    return render(
        request,
        "edossier/consent/dossier.html",
        {"consent": consent, "person": person, "dossier": own_dossier(person)},
    )


@require_POST
def answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The person's answer to a request about their own dossier: grant for some days, refuse, withdraw."""
    person = own_person(request.user)
    found = ConsentRequest.objects.unrestricted().filter(person=person).get_or_404(pk=pk) if person else None
    if found is None:
        return redirect("edossier:me")
    decision = request.POST.get("decision")
    try:
        if decision == "withdraw":
            actions.do_withdraw_consent(request=found, acting_user=request.user)
            messages.success(request, _("Đã rút đồng ý: người đề nghị không còn xem được hồ sơ của bạn."))
        else:
            typed = request.POST.get("days") or "30"
            days = int(typed) if typed.isdigit() else 0
            actions.do_answer_consent(
                request=found, grant=decision == "grant", days=days, acting_user=request.user
            )
            messages.success(request, _("Đã ghi nhận trả lời của bạn."))
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    return redirect("edossier:me")
