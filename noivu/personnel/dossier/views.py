"""Pages of the dated facts of a personnel record (hồ sơ 2C): one page to enter a fact of each kind,
one to read the facts of a kind, and the printable CV (sơ yếu lý lịch mẫu 2C) as HTML ready for A4
printing or as PDF. Thin views: parse, authorise, call the action, render.

Every view of the full record is written to the access log (Nghị định 13/2023/NĐ-CP); the PDF is an
export and needs the export right.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.http import PDF
from noivu.core.permissions import Action, can
from noivu.personnel.dossier import registry
from noivu.personnel.dossier.actions import do_delete_fact, do_update_fact
from noivu.personnel.dossier.cv import build_cv
from noivu.personnel.dossier.forms import FactForm, FactKind
from noivu.personnel.models import Person
from noivu.personnel.privacy import personal_data_visible


def _kind(slug: str, kinds: dict[str, FactKind]) -> FactKind:
    if slug not in kinds:
        raise Http404
    return kinds[slug]


def _person(request: AuthenticatedRequest, pk: int) -> Person:
    return Person.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)


def show_errors(form: FactForm, error: ValidationError) -> None:
    """The action's refusal on the form: on the field it names when the form has it, above otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, field_messages in error.message_dict.items():
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, field_messages)


def add_fact(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    """Enter one fact of ``kind`` (bổ sung hồ sơ) for users allowed to change the person's record."""
    fact_kind = _kind(kind, registry.fact_kinds())
    person = _person(request, pk)
    if not can(request.user, Action.CHANGE, person):
        raise PermissionDenied
    form = fact_kind.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fact_kind.action(person=person, acting_user=request.user, **form.values)
        except ValidationError as error:
            show_errors(form, error)
        else:
            kind_name = str(fact_kind.title).lower()
            messages.success(request, _("Đã ghi %(kind)s vào hồ sơ.") % {"kind": kind_name})
            return redirect("personnel:detail", pk=person.pk)
    return render(request, "personnel/dossier_form.html", {"person": person, "kind": fact_kind, "form": form})


def _fact_row(fact_kind: FactKind, person: Person, row_id: int) -> Any:
    """A fact of ``person``'s record (read through the person, already restricted); 404 otherwise."""
    row = fact_kind.rows(person).filter(pk=row_id).first()
    if row is None:
        raise Http404
    return row


def _model_fields(fact_kind: FactKind) -> list[str]:
    """The fields of the kind's form that are fields of its model (what a correction may change)."""
    names = {f.name for f in fact_kind.model._meta.concrete_fields}
    return [name for name in fact_kind.form.base_fields if name in names]


def edit_fact(request: AuthenticatedRequest, pk: int, kind: str, row_id: int) -> HttpResponse:
    """Correct one fact of a person's record (sửa thông tin hồ sơ), with the entry form of its kind."""
    fact_kind = _kind(kind, registry.listed_kinds())
    person = _person(request, pk)
    if not can(request.user, Action.CHANGE, person):
        raise PermissionDenied
    row = _fact_row(fact_kind, person, row_id)
    names = _model_fields(fact_kind)
    form = fact_kind.form(request.POST or None, initial={name: getattr(row, name) for name in names})
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data.get(name) for name in names if name in form.cleaned_data}
        try:
            do_update_fact(person=person, row=row, values=values, acting_user=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Đã sửa %(kind)s.") % {"kind": str(fact_kind.title).lower()})
            return redirect("personnel:dossier_list", pk=person.pk, kind=fact_kind.slug)
    return render(
        request,
        "personnel/dossier_form.html",
        {"person": person, "kind": fact_kind, "form": form, "editing": True},
    )


def delete_fact(request: AuthenticatedRequest, pk: int, kind: str, row_id: int) -> HttpResponse:
    """Remove one fact entered by mistake, with its reason, after a confirmation page; the row and its
    history are kept (soft deletion)."""
    fact_kind = _kind(kind, registry.listed_kinds())
    person = _person(request, pk)
    if not can(request.user, Action.CHANGE, person):
        raise PermissionDenied
    row = _fact_row(fact_kind, person, row_id)
    reason, reason_error = request.POST.get("reason", ""), ""
    if request.method == "POST":
        try:
            do_delete_fact(person=person, row=row, acting_user=request.user, reason=reason)
        except ValidationError as error:
            if not hasattr(error, "error_dict") or "reason" not in error.error_dict:
                for message in error.messages:
                    messages.error(request, message)
                return redirect("personnel:dossier_list", pk=person.pk, kind=fact_kind.slug)
            reason_error = " ".join(error.message_dict["reason"])
        else:
            messages.success(request, _("Đã xóa %(kind)s.") % {"kind": str(fact_kind.title).lower()})
            return redirect("personnel:dossier_list", pk=person.pk, kind=fact_kind.slug)
    masked = fact_kind.personal and not personal_data_visible(request.user, person)
    values = [
        (label, fact_kind.display(row, name, masked=masked))
        for label, name in zip(fact_kind.labels, fact_kind.columns, strict=True)
    ]
    return render(
        request,
        "personnel/dossier_delete.html",
        {
            "person": person,
            "kind": fact_kind,
            "values": values,
            "reason": reason,
            "reason_error": reason_error,
        },
    )


def list_facts(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    """The facts of one kind of a person's record; family and health are masked for users who may not
    see personal data. Every read is logged."""
    fact_kind = _kind(kind, registry.listed_kinds())
    person = _person(request, pk)
    audit.record_read(request, target=person)
    masked = fact_kind.personal and not personal_data_visible(request.user, person)
    columns = [
        (capfirst(label), name) for label, name in zip(fact_kind.labels, fact_kind.columns, strict=True)
    ]
    rows = [
        (row.pk, [(label, fact_kind.display(row, name, masked=masked)) for label, name in columns])
        for row in fact_kind.rows(person)
    ]
    return render(
        request,
        "personnel/dossier_list.html",
        {
            "person": person,
            "kind": fact_kind,
            "rows": rows,
            "masked": masked,
            "may_change": can(request.user, Action.CHANGE, person),
        },
    )


def index(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The kinds of fact of a person's record (hồ sơ 2C) with how many of each are recorded, linking to
    their lists and, for users allowed to change the record, to their entry pages."""
    person = _person(request, pk)
    kinds = [(fact_kind, fact_kind.rows(person).count()) for fact_kind in registry.listed_kinds().values()]
    return render(
        request,
        "personnel/dossier_index.html",
        {"person": person, "kinds": kinds, "may_change": can(request.user, Action.CHANGE, person)},
    )


CV_TEMPLATE = "personnel/cv_2c.html"


@login_required
def cv_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = Person.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    as_pdf = request.GET.get("format") == "pdf"
    if as_pdf and not can(request.user, Action.EXPORT, person):
        raise PermissionDenied(_("Bạn không có quyền kết xuất hồ sơ này."))
    cv = build_cv(person, full=personal_data_visible(request.user, person))
    audit.record_read(request, audit.DATA_EXPORTED if as_pdf else audit.RECORD_VIEWED, target=person)
    context = {"cv": cv, "person": person, "for_pdf": as_pdf}
    if not as_pdf:
        return render(request, CV_TEMPLATE, context)
    from weasyprint import HTML  # imported here: loading Pango is slow and only the PDF needs it

    html = render_to_string(CV_TEMPLATE, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type=PDF)
    response["Content-Disposition"] = f'inline; filename="so-yeu-ly-lich-{person.pk}.pdf"'
    return response
