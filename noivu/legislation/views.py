"""Views of the drafting programme: parse, authorise, call the action, render."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.listing import page_number, page_of, saved_filters_context, table
from noivu.core.models import RuleRow
from noivu.core.permissions import Action, can, granted_paths
from noivu.legislation import actions
from noivu.legislation.filters import DocumentFilters
from noivu.legislation.forms import AmendmentForm, DocumentForm, LegalBasisForm, ProgrammeForm, StepForm
from noivu.legislation.models import DraftDocument, Programme
from noivu.legislation.presenters import DocumentPresenter
from noivu.legislation.progress import (
    STEP_DAYS_TABLE,
    amendment_indicator,
    explain_plan,
    flag,
    flag_label,
    progress,
    with_flags,
)
from noivu.organizations.models import Organization

LIST_KEY = "legislation.documents"
COLUMNS = ["title", "kind", "organization", "deadline", "step", "status", "number"]


def _organizations(request: AuthenticatedRequest) -> QuerySet[Organization]:
    """Units where the user may change: the choice of a programme's or a document's agency."""
    return Organization.objects.restrict(request.user, Action.CHANGE).filter(depth__lte=3).order_by("path")


def _errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def programmes(request: AuthenticatedRequest) -> HttpResponse:
    """The programmes in the user's scope with their progress, and a form to start one."""
    return _programmes_page(request, None)


def _programmes_page(request: AuthenticatedRequest, form: ProgrammeForm | None) -> HttpResponse:
    filters = DocumentFilters(request.GET, user=request.user)
    as_of = filters.as_of
    rows = []
    for programme in Programme.objects.restrict(request.user).select_related("organization"):
        documents = DraftDocument.objects.restrict(request.user).filter(programme=programme)
        rows.append({"programme": programme, "progress": progress(documents, as_of)})
    if form is None and granted_paths(request.user, Action.CHANGE):
        form = ProgrammeForm(organizations=_organizations(request))
    return render(
        request,
        "legislation/programmes.html",
        {"rows": rows, "form": form, "as_of": as_of},
        status=422 if form is not None and form.errors else 200,
    )


@require_POST
def programme_create(request: AuthenticatedRequest) -> HttpResponse:
    if not granted_paths(request.user, Action.CHANGE):
        raise PermissionDenied
    form = ProgrammeForm(request.POST, organizations=_organizations(request))
    if form.is_valid():
        try:
            programme = actions.do_create_programme(**form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Đã lập chương trình."))
            return redirect("legislation:programme", pk=programme.pk)
    return _programmes_page(request, form)


def programme(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A programme: its documents with their flags and progress, and a form to add a document."""
    found = Programme.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    return _programme_page(request, found, None)


def _programme_page(
    request: AuthenticatedRequest, found: Programme, form: DocumentForm | None
) -> HttpResponse:
    filters = DocumentFilters(request.GET, user=request.user)
    as_of = filters.as_of
    documents = filters.apply(DraftDocument.objects.restrict(request.user).filter(programme=found))
    documents = documents.select_related("organization").order_by("deadline", "pk")
    rows = list(documents)
    for document in rows:
        document.as_of = as_of
        document.flag = flag_label(document, as_of)
    may_change = can(request.user, Action.CHANGE, found)
    if may_change and form is None:
        form = DocumentForm(organizations=_organizations(request))
    return render(
        request,
        "legislation/programme.html",
        {
            "programme": found,
            "documents": rows,
            "progress": progress(DraftDocument.objects.restrict(request.user).filter(programme=found), as_of),
            "amendments": amendment_indicator(
                DraftDocument.objects.restrict(request.user).filter(programme=found)
            ),
            "form": form if may_change else None,
            "as_of": as_of,
        },
        status=422 if form is not None and form.errors else 200,
    )


@require_POST
def document_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = Programme.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    if not can(request.user, Action.CHANGE, found):
        raise PermissionDenied
    form = DocumentForm(request.POST, organizations=_organizations(request))
    if form.is_valid():
        try:
            document = actions.do_add_document(programme=found, **form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Đã thêm văn bản vào chương trình."))
            return redirect("legislation:document", pk=document.pk)
    return _programme_page(request, found, form)


def documents(request: AuthenticatedRequest) -> HttpResponse:
    """Every document of the programmes in scope, filtered: overdue, at risk, by step, kind, text."""
    filters = DocumentFilters(request.GET, user=request.user)
    found = filters.apply(DraftDocument.objects.restrict(request.user).select_related("organization"))
    page = page_of(
        found,
        number=page_number(request),
        size=50,
        presenter=DocumentPresenter,
        sort=request.GET.get("sort", ""),
        default_sort="deadline",
    )
    for document in page.rows:
        document.as_of = filters.as_of
    context = {
        "filters": filters,
        "form": filters.form,
        "table": table(
            "document",
            page,
            DocumentPresenter(request.user),
            COLUMNS,
            link=lambda document: reverse("legislation:document", args=[document.pk]),
        ),
    }
    context.update(saved_filters_context(request.user, LIST_KEY, filters.query_string()))
    return render(request, "legislation/documents.html", context)


def _document(request: AuthenticatedRequest, pk: int) -> DraftDocument:
    return (
        DraftDocument.objects.restrict(request.user)
        .select_related("organization", "programme")
        .get_or_404(pk=pk)
    )


def document(request: AuthenticatedRequest, pk: int, forms: dict[str, Any] | None = None) -> HttpResponse:
    """A document: its steps (planned and done, with the rule of each duration), its flag, the legal bases
    and rule tables it sets, and its later amendments."""
    found = _document(request, pk)
    filters = DocumentFilters(request.GET, user=request.user)
    as_of = filters.as_of
    flagged = with_flags(DraftDocument.objects.restrict(request.user), as_of).get(pk=pk)
    bases = list(found.legal_bases.order_by("document_number", "article"))
    tables = sorted(
        set(RuleRow.objects.unrestricted().filter(legal_basis__in=bases).values_list("table", flat=True))
    )
    amendments = list(found.amendments.all())
    may_change = can(request.user, Action.CHANGE, found)
    forms = forms or {}
    if may_change:
        next_step = found.steps.filter(done_on__isnull=True).order_by("position").first()
        forms.setdefault("step", StepForm(initial={"step": next_step.step} if next_step else None))
        forms.setdefault("amendment", AmendmentForm())
        forms.setdefault("basis", LegalBasisForm())
    return render(
        request,
        "legislation/document.html",
        {
            "document": found,
            "flag": flag_label(flagged, as_of),
            "flag_code": flag(flagged, as_of),
            "plan": explain_plan(found, as_of),
            "rule_table": STEP_DAYS_TABLE,
            "bases": bases,
            "tables": tables,
            "amendments": amendments,
            "may_change": may_change,
            "forms": forms,
            "as_of": as_of,
        },
        status=422 if any(form.errors for form in forms.values()) else 200,
    )


def _changing(request: AuthenticatedRequest, pk: int) -> DraftDocument:
    found = _document(request, pk)
    if not can(request.user, Action.CHANGE, found):
        raise PermissionDenied
    return found


@require_POST
def step_complete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = _changing(request, pk)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            actions.do_complete_step(document=found, **form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận bước hoàn thành."))
            return redirect("legislation:document", pk=pk)
    return document(request, pk, {"step": form})


@require_POST
def amendment_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = _changing(request, pk)
    form = AmendmentForm(request.POST)
    if form.is_valid():
        try:
            actions.do_record_amendment(document=found, **form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận văn bản sửa đổi, thay thế."))
            return redirect("legislation:document", pk=pk)
    return document(request, pk, {"amendment": form})


@require_POST
def basis_link(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = _changing(request, pk)
    form = LegalBasisForm(request.POST)
    if form.is_valid():
        try:
            actions.do_link_legal_basis(document=found, **form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Đã gắn căn cứ pháp lý."))
            return redirect("legislation:document", pk=pk)
    return document(request, pk, {"basis": form})
