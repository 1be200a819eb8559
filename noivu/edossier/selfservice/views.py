"""Pages of self-service (tự cập nhật hồ sơ điện tử): a person's own dossier, their proposals and who read
their dossier; the HR officer's queue of proposals with approval or return; the creation of personal
accounts and the first-login page where a person sets their password."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.forms import styled_filters
from noivu.core.http import XLSX
from noivu.core.listing import page_number
from noivu.core.models import AuditEvent
from noivu.core.permissions import Action, require_somewhere
from noivu.edossier import engine
from noivu.edossier.consent.actions import CHOSEN_DAYS
from noivu.edossier.filters import ProposalFilters
from noivu.edossier.models import ChangeProposal, ConsentRequest, PersonAccount, ProposalKind, ProposalStatus
from noivu.edossier.selfservice import actions, exports
from noivu.edossier.selfservice.changes import CHANGE_KINDS, described
from noivu.edossier.selfservice.dossier import own_dossier
from noivu.personnel.models import Person

PROPOSALS_PER_PAGE = 30
READS_SHOWN = 50


def my_dossier(request: AuthenticatedRequest) -> HttpResponse:
    """A person's own dossier as the record keeps it, their proposals, and who read their dossier."""
    person = actions.own_person_or_404(request.user)
    audit.record_read(request, target=person, extra={"purpose": "self"})
    proposals = ChangeProposal.objects.unrestricted().filter(person=person).order_by("-submitted_at")[:50]
    reads = (
        AuditEvent.objects.unrestricted()
        .filter(event_type=audit.RECORD_VIEWED, target_id=str(person.pk), target_type__model="person")
        .exclude(acting_user=request.user)
        .order_by("-at")[:READS_SHOWN]
    )
    return render(
        request,
        "edossier/self/dossier.html",
        {
            "person": person,
            "dossier": own_dossier(person),
            "proposals": proposals,
            "reads": reads,
            "kinds": ProposalKind.choices,
            "consents": ConsentRequest.objects.unrestricted()
            .filter(person=person)
            .select_related("requested_by")
            .order_by("-requested_at")[:50],
            "consent_days": CHOSEN_DAYS,
        },
    )


def propose(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    """The form of one kind of change, filled with what the dossier holds; sent as a proposal."""
    person = actions.own_person_or_404(request.user)
    if kind not in CHANGE_KINDS:
        raise Http404
    change = CHANGE_KINDS[kind]
    form = change.build_form(person, request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("attachment")
        attachment = (
            actions.Attachment(upload.name or "", upload.read(actions.max_attachment_bytes() + 1))
            if upload is not None
            else None
        )
        try:
            actions.do_submit_proposal(
                person=person,
                kind=kind,
                values=request.POST.dict(),
                note=request.POST.get("note", ""),
                attachment=attachment,
                acting_user=request.user,
            )
        except ValidationError as refused:
            error = _show(form, refused)
        else:
            messages.success(request, _("Đã gửi đề nghị; cán bộ tổ chức của đơn vị sẽ xem xét."))
            return redirect("edossier:me")
    return render(
        request,
        "edossier/self/propose.html",
        {
            "person": person,
            "form": form,
            "kind": kind,
            "kind_label": ProposalKind(kind).label,
            "sections": getattr(form, "sections", None),
            "needs_attachment": kind == ProposalKind.EDUCATION,
            "max_mb": actions.max_attachment_bytes() // (1024 * 1024),
            "error": error,
            "note": request.POST.get("note", ""),
        },
    )


def _show(form: Any, refused: ValidationError) -> str:
    """Put the refusal on the fields it names; what names no field of the form is returned to show."""
    if not hasattr(refused, "error_dict"):
        return " ".join(refused.messages)
    others: list[str] = []
    for name, found in refused.message_dict.items():
        if name in form.fields:
            if name not in form.errors:
                form.add_error(name, found)
        else:
            others.extend(found)
    return " ".join(others)


@require_POST
def withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = actions.own_person_or_404(request.user)
    proposal = ChangeProposal.objects.unrestricted().filter(person=person).get_or_404(pk=pk)
    try:
        actions.do_withdraw_proposal(proposal=proposal, acting_user=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Đã rút đề nghị."))
    return redirect("edossier:me")


def _attachment(request: AuthenticatedRequest, proposal: ChangeProposal) -> FileResponse:
    if not proposal.attachment:
        raise Http404
    audit.record_read(request, target=proposal.person, extra={"attachment": proposal.pk})
    return FileResponse(
        proposal.attachment.open("rb"),
        as_attachment=False,
        filename=proposal.attachment_name,
        content_type=proposal.attachment_type,
    )


def my_attachment(request: AuthenticatedRequest, pk: int) -> FileResponse:
    person = actions.own_person_or_404(request.user)
    return _attachment(request, ChangeProposal.objects.unrestricted().filter(person=person).get_or_404(pk=pk))


def proposals(request: AuthenticatedRequest) -> HttpResponse:
    """The proposals of the persons of the user's scope, waiting ones first (hàng chờ duyệt)."""
    require_somewhere(request.user, Action.VIEW_PERSONAL_DATA)
    data = request.GET.copy()
    data.setdefault("status", ProposalStatus.SUBMITTED)
    filters = ProposalFilters(data, user=request.user)
    rows = filters.apply(ChangeProposal.objects.restrict(request.user, Action.VIEW_PERSONAL_DATA))
    page = Paginator(
        rows.select_related("person__organization").order_by("submitted_at", "pk"), PROPOSALS_PER_PAGE
    ).get_page(page_number(request))
    return render(
        request,
        "edossier/self/proposals.html",
        {"page": page, "filter_form": styled_filters(filters.form), "filters": filters},
    )


def proposal(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One proposal: the values now and proposed, the scan, and the approval or return."""
    found = (
        ChangeProposal.objects.restrict(request.user, Action.VIEW_PERSONAL_DATA)
        .select_related("person__organization", "decided_by")
        .get_or_404(pk=pk)
    )
    error = ""
    if request.method == "POST":
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                actions.do_approve_proposal(proposal=found, acting_user=request.user)
                messages.success(request, _("Đã duyệt đề nghị; hồ sơ đã được cập nhật."))
            elif decision == "return":
                actions.do_return_proposal(
                    proposal=found, reason=request.POST.get("reason", ""), acting_user=request.user
                )
                messages.success(request, _("Đã trả lại đề nghị cho người đề nghị."))
            else:
                raise Http404
        except PermissionDenied:
            raise
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            return redirect("edossier:proposals")
    audit.record_read(request, target=found.person, extra={"proposal": found.pk})
    return render(
        request,
        "edossier/self/proposal.html",
        {
            "proposal": found,
            "rows": described(found.kind, found.person, found.values),
            "may_decide": found.status == ProposalStatus.SUBMITTED
            and ChangeProposal.objects.restrict(request.user, Action.CHANGE).filter(pk=found.pk).exists(),
            "error": error,
        },
    )


def proposal_attachment(request: AuthenticatedRequest, pk: int) -> FileResponse:
    found = ChangeProposal.objects.restrict(request.user, Action.VIEW_PERSONAL_DATA).get_or_404(pk=pk)
    return _attachment(request, found)


def person_accounts(request: AuthenticatedRequest) -> HttpResponse:
    """Personal accounts of the scope: how many persons have one, how many could, and the creation in bulk
    (a workbook of user names and first-login links to hand to each person); the links again for the
    accounts never used (a link lost or expired)."""
    require_somewhere(request.user, Action.CHANGE)
    persons = Person.objects.restrict(request.user, Action.CHANGE).filter(
        category__in=engine.DOSSIER_CATEGORIES
    )
    unused = (
        PersonAccount.objects.restrict(request.user, Action.CHANGE)
        .filter(user__last_login__isnull=True)
        .select_related("user", "person")
        .order_by("person__organization__path", "person__full_name")
    )
    if request.method == "POST":
        if request.POST.get("again"):
            created = [actions.CreatedAccount(row.person, row.user.username, row.user) for row in unused]
        else:
            created = actions.do_create_accounts(persons=persons, acting_user=request.user)
        if not created:
            messages.info(request, _("Không có hồ sơ nào cần tạo tài khoản."))
            return redirect("edossier:accounts")
        links = [
            request.build_absolute_uri(
                reverse(
                    "edossier:activate",
                    kwargs={
                        "uidb64": urlsafe_base64_encode(force_bytes(account.user.pk)),
                        "token": default_token_generator.make_token(account.user),
                    },
                )
            )
            for account in created
        ]
        content = exports.accounts_workbook(created, links)
        audit.record_read(request, audit.DATA_EXPORTED, extra={"report": "edossier.accounts"})
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="tai-khoan-ca-nhan.xlsx"'
        return response
    with_account = persons.filter(dossier_account__isnull=False).count()
    total = persons.count()
    return render(
        request,
        "edossier/self/accounts.html",
        {
            "total": total,
            "with_account": with_account,
            "without": total - with_account,
            "unused": unused.count(),
        },
    )


@login_not_required
def activate(request: Any, uidb64: str, token: str) -> HttpResponseBase:
    """First login: the person sets their password through the link handed to them (valid for
    ``PASSWORD_RESET_TIMEOUT`` seconds, and once)."""
    view = auth_views.PasswordResetConfirmView.as_view(
        template_name="edossier/self/activate.html",
        success_url=reverse_lazy("accounts:login"),
        post_reset_login=False,
    )
    return view(request, uidb64=uidb64, token=token)
