"""Pages of guidance conferences and training sessions: list, create, materials, participants, attendance."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.permissions import Action, can, granted_paths
from noivu.helpdesk.events import actions
from noivu.helpdesk.forms import EventForm, MaterialForm, ParticipantsForm
from noivu.helpdesk.models import Event, EventMaterial
from noivu.helpdesk.questions.views import add_errors, receiving_units


def events(request: AuthenticatedRequest, form: EventForm | None = None) -> HttpResponse:
    found = (
        Event.objects.restrict(request.user)
        .select_related("organization")
        .annotate(
            invited=Count("participants"),
            attended=Count("participants", filter=Q(participants__attended=True)),
        )
        .order_by("-held_on", "pk")
    )
    if form is None and granted_paths(request.user, Action.CHANGE):
        form = EventForm(organizations=receiving_units(request, Action.CHANGE))
    return render(
        request,
        "helpdesk/events.html",
        {"events": found, "form": form},
        status=422 if form and form.errors else 200,
    )


@require_POST
def event_create(request: AuthenticatedRequest) -> HttpResponse:
    if not granted_paths(request.user, Action.CHANGE):
        raise PermissionDenied
    form = EventForm(request.POST, organizations=receiving_units(request, Action.CHANGE))
    if form.is_valid():
        try:
            event = actions.do_create_event(**form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("helpdesk:event", pk=event.pk)
    return events(request, form)


def _event(request: AuthenticatedRequest, pk: int) -> Event:
    return Event.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)


def event(request: AuthenticatedRequest, pk: int, forms: dict[str, Any] | None = None) -> HttpResponse:
    found = _event(request, pk)
    may_change = can(request.user, Action.CHANGE, found)
    forms = forms or {}
    if may_change:
        forms.setdefault("material", MaterialForm())
        forms.setdefault("participants", ParticipantsForm())
    participants = list(found.participants.all())
    return render(
        request,
        "helpdesk/event.html",
        {
            "event": found,
            "materials": list(found.materials.all()),
            "participants": participants,
            "attended": sum(1 for p in participants if p.attended),
            "may_change": may_change,
            "forms": forms,
        },
        status=422 if any(form.errors for form in forms.values()) else 200,
    )


def _changing(request: AuthenticatedRequest, pk: int) -> Event:
    found = _event(request, pk)
    if not can(request.user, Action.CHANGE, found):
        raise PermissionDenied
    return found


@require_POST
def material_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = _changing(request, pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            actions.do_add_material(
                event=found,
                title=form.cleaned_data["title"],
                name=upload.name,
                content=upload.read(),
                acting_user=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã thêm tài liệu."))
            return redirect("helpdesk:event", pk=pk)
    return event(request, pk, {"material": form})


@require_POST
def participants_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = _changing(request, pk)
    form = ParticipantsForm(request.POST)
    if form.is_valid():
        try:
            actions.do_add_participants(
                event=found, lines=form.cleaned_data["lines"], acting_user=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã thêm đại biểu, học viên."))
            return redirect("helpdesk:event", pk=pk)
    return event(request, pk, {"participants": form})


@require_POST
def attendance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = _changing(request, pk)
    present = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
    count = actions.do_record_attendance(event=found, present=present, acting_user=request.user)
    messages.success(request, _("Đã điểm danh: %(count)s người có mặt.") % {"count": count})
    return redirect("helpdesk:event", pk=pk)


def material(request: AuthenticatedRequest, pk: int) -> FileResponse:
    found = EventMaterial.objects.restrict(request.user).get_or_404(pk=pk)
    return FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.file.name.rsplit("/", 1)[-1]
    )
