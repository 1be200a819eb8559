"""Views of the registries: parse, authorise, call the action, render."""

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
from noivu.core.listing import page_number, page_of, table
from noivu.core.permissions import Action, can, granted_paths, may_somewhere
from noivu.religion.models import NamedRecord
from noivu.religion.registries.actions import do_close_record, do_save_record
from noivu.religion.registries.filters import RegistryFilters
from noivu.religion.registries.forms import CloseForm
from noivu.religion.registries.kinds import KINDS, RegistryKind, kind_of

PAGE_SIZE = 50


def _rows(request: AuthenticatedRequest, kind: RegistryKind, action: str = Action.VIEW) -> QuerySet[Any]:
    return kind.model.objects.restrict(request.user, action).select_related(*kind.related)


def registry_list(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    """A registry as of a day: search by name, unit, commune and religion; sortable, paged."""
    spec = kind_of(kind)
    filters = RegistryFilters(request.GET, user=request.user)
    page = page_of(
        filters.apply(_rows(request, spec)),
        number=page_number(request),
        size=PAGE_SIZE,
        presenter=spec.presenter,
        sort=request.GET.get("sort", ""),
        default_sort="name",
    )
    context = {
        "spec": spec,
        "kinds": KINDS.values(),
        "filters": filters,
        "form": filters.form,
        "table": table(
            f"religion-{kind}",
            page,
            spec.presenter(request.user),
            list(spec.columns),
            link=lambda row: reverse("religion:record", args=[kind, row.pk]),
        ),
        "may_add": may_somewhere(request.user, Action.CHANGE),
    }
    return render(request, "religion/registry_list.html", context)


def registry_add(request: AuthenticatedRequest) -> HttpResponse:
    """Record a new row of a registry (its kind in the query string)."""
    spec = kind_of(request.GET.get("kind", "organizations"))
    if not granted_paths(request.user, Action.CHANGE):
        raise PermissionDenied
    form = spec.form(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            record = do_save_record(record=form.save(commit=False), acting_user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi %(name)s.") % {"name": record})
            return redirect("religion:record", spec.key, record.pk)
    return render(request, "religion/registry_form.html", {"spec": spec, "form": form})


def _record(request: AuthenticatedRequest, spec: RegistryKind, pk: int) -> NamedRecord:
    rows: Any = _rows(request, spec)
    record: NamedRecord = rows.get_or_404(pk=pk)
    return record


def record_detail(request: AuthenticatedRequest, kind: str, pk: int) -> HttpResponse:
    """A row of a registry with its history; its managers may correct it or close it."""
    spec = kind_of(kind)
    record = _record(request, spec, pk)
    may_change = can(request.user, Action.CHANGE, record)
    form = spec.form(request.POST or None, instance=record, user=request.user) if may_change else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                do_save_record(record=form.save(commit=False), acting_user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Đã cập nhật %(name)s.") % {"name": record})
                return redirect("religion:record", kind, record.pk)
    presenter = spec.presenter(request.user)
    values = presenter.row(record)
    fields = [(column.label, values[column.name]) for column in presenter.columns]
    history = record.history.select_related("history_user").order_by("-history_date")[:50]
    return render(
        request,
        "religion/record_detail.html",
        {
            "spec": spec,
            "record": record,
            "fields": fields,
            "history": history,
            "form": form,
            "close_form": CloseForm() if may_change and record.effective_to is None else None,
        },
    )


@require_POST
def record_close(request: AuthenticatedRequest, kind: str, pk: int) -> HttpResponse:
    """End a row of a registry (dissolution, end of office, end of registration)."""
    spec = kind_of(kind)
    record = _record(request, spec, pk)
    if not can(request.user, Action.CHANGE, record):
        raise PermissionDenied
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ngày kết thúc không hợp lệ (dd/mm/yyyy)."))
    else:
        try:
            do_close_record(
                record=record, effective_to=form.cleaned_data["effective_to"], acting_user=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã kết thúc %(name)s.") % {"name": record})
    return redirect("religion:record", kind, record.pk)
