"""Views of the dossiers of administrative procedures and the working calendar: parse, authorise, call the
action, render."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.listing import page_number, page_of, table
from noivu.core.permissions import Action, can, granted_paths, is_national, may_somewhere
from noivu.religion.models import CalendarDay, Dossier
from noivu.religion.procedures.actions import (
    clock_of,
    do_add_calendar_day,
    do_decide_dossier,
    do_receive_dossier,
    do_receive_supplement,
    do_request_supplement,
)
from noivu.religion.procedures.clock import AUTHORITY_LABELS
from noivu.religion.procedures.filters import DossierFilters
from noivu.religion.procedures.forms import (
    CalendarDayForm,
    DecideForm,
    ReceiveForm,
    SupplementForm,
    SupplementReceivedForm,
)
from noivu.religion.procedures.presenters import DossierPresenter

COLUMNS = ["reference", "procedure", "applicant", "received_on", "due_on", "status"]


def dossiers_of(request: AuthenticatedRequest, action: str = Action.VIEW) -> Any:
    return Dossier.objects.restrict(request.user, action).select_related(
        "organization", "rule", "rule__legal_basis"
    )


def queue(request: AuthenticatedRequest) -> HttpResponse:
    """The queue of dossiers (hàng hồ sơ): open, due within five days, overdue, decided; by due date."""
    data = request.GET.copy()
    data.setdefault("queue", "open")
    filters = DossierFilters(data, user=request.user)
    page = page_of(
        filters.apply(dossiers_of(request)),
        number=page_number(request),
        size=50,
        presenter=DossierPresenter,
        sort=request.GET.get("sort", ""),
        default_sort="due_on",
    )
    context = {
        "filters": filters,
        "form": filters.form,
        "as_of": filters.as_of,
        "table": table(
            "dossiers",
            page,
            DossierPresenter(request.user),
            COLUMNS,
            link=lambda dossier: reverse("religion:dossier", args=[dossier.pk]),
        ),
        "may_receive": may_somewhere(request.user, Action.CHANGE),
    }
    return render(request, "religion/dossier_queue.html", context)


def receive(request: AuthenticatedRequest) -> HttpResponse:
    """Receive a complete dossier: the procedure's statutory clock starts."""
    if not granted_paths(request.user, Action.CHANGE):
        raise PermissionDenied
    form = ReceiveForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = do_receive_dossier(**form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Đã tiếp nhận hồ sơ %(ref)s; hạn giải quyết %(due)s.")
                % {"ref": dossier.reference, "due": f"{dossier.due_on:%d/%m/%Y}" if dossier.due_on else "—"},
            )
            return redirect("religion:dossier", dossier.pk)
    return render(request, "religion/dossier_receive.html", {"form": form})


def _dossier(request: AuthenticatedRequest, pk: int) -> Dossier:
    dossier: Dossier = dossiers_of(request).get_or_404(pk=pk)
    return dossier


def dossier_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A dossier: its clock explained step by step with the articles, its supplements, its decision."""
    dossier = _dossier(request, pk)
    may_change = dossier.is_open and can(request.user, Action.CHANGE, dossier)
    may_decide = dossier.is_open and can(request.user, Action.APPROVE, dossier)
    pending = dossier.supplements.filter(received_on__isnull=True).exists()
    return render(
        request,
        "religion/dossier_detail.html",
        {
            "dossier": dossier,
            "clock": clock_of(dossier),
            "authority": AUTHORITY_LABELS.get(dossier.rule.value.get("authority", ""), ""),
            "supplements": dossier.supplements.all(),
            "history": dossier.history.select_related("history_user").order_by("-history_date")[:30],
            "supplement_form": SupplementForm() if may_change and not pending else None,
            "received_form": SupplementReceivedForm() if may_change and pending else None,
            "decide_form": DecideForm() if may_decide and not pending else None,
        },
    )


def _post(
    request: AuthenticatedRequest, pk: int, action: str, form_class: type[forms.Form], run: Any
) -> HttpResponse:
    dossier = _dossier(request, pk)
    if not can(request.user, action, dossier):
        raise PermissionDenied
    form = form_class(request.POST)
    if form.is_valid():
        try:
            run(dossier=dossier, **form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã ghi."))
    else:
        messages.error(
            request,
            " ".join(
                f"{form.fields[name].label}: {' '.join(str(e) for e in errors)}"
                for name, errors in form.errors.items()
            ),
        )
    return redirect("religion:dossier", dossier.pk)


@require_POST
def supplement(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _post(request, pk, Action.CHANGE, SupplementForm, do_request_supplement)


@require_POST
def supplement_received(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _post(request, pk, Action.CHANGE, SupplementReceivedForm, do_receive_supplement)


@require_POST
def decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _post(request, pk, Action.APPROVE, DecideForm, do_decide_dossier)


def calendar(request: AuthenticatedRequest) -> HttpResponse:
    """The announced days off and make-up working days added to the public holidays; an administrator
    adds a row (for the country, or for a province)."""
    may_add = may_somewhere(request.user, Action.ADMINISTER)
    form = CalendarDayForm(request.POST or None, user=request.user) if may_add else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                do_add_calendar_day(**form.cleaned_data, acting_user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Đã thêm ngày vào lịch làm việc."))
                return redirect("religion:calendar")
    national = CalendarDay.objects.unrestricted().filter(organization__isnull=True)
    own = CalendarDay.objects.restrict(request.user).select_related("organization")
    return render(
        request,
        "religion/calendar.html",
        {
            "national": national.order_by("-day")[:200],
            "own": own.order_by("-day")[:200],
            "form": form,
            "national_admin": is_national(request.user, Action.ADMINISTER),
        },
    )
