"""Views: parse, authorise, call the action, render."""

import tempfile
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit, dates
from noivu.core.http import XLSX
from noivu.core.listing import BulkAction, ListPage, page_number, page_of, saved_filters_context, table
from noivu.core.permissions import Action, can, granted_paths, may_somewhere
from noivu.organizations.models import Organization
from noivu.personnel.dossier import registry
from noivu.personnel.dossier.cv import build_cv
from noivu.personnel.dossier.timeline import timeline
from noivu.personnel.excel.exporter import export_persons
from noivu.personnel.models import Assignment, Person
from noivu.personnel.privacy import personal_data_visible
from noivu.personnel.records.actions import (
    ASSIGNMENT_FIELDS,
    do_create_person,
    do_delete_assignment,
    do_update_assignment,
    do_update_person,
)
from noivu.personnel.records.filters import PersonFilters
from noivu.personnel.records.forms import AssignmentForm, NewPersonForm, PersonForm
from noivu.personnel.records.history import change_history
from noivu.personnel.records.presenters import PersonPresenter
from noivu.personnel.records.search import TOTAL_CAP, search_persons

LIST_KEY = "personnel.persons"
COLUMNS = ["full_name", "birth_date", "gender", "category", "unit", "rank", "cccd_number"]
# A bulk action reads at most this many selected rows (a page holds fifty).
MAX_SELECTED = 500


@dataclass
class SearchPage(ListPage):
    """A page of a name, CCCD or personal-code search: continued by cursor, never numbered, counted
    only up to ``TOTAL_CAP`` (counting every "Nguyễn" of a national scope is what makes a search slow).
    ``more_than`` is the cap when there are more matches, ``hint`` says how to search when none,
    ``id_number_limited`` that a CCCD was not searched where the user sees it masked."""

    next_cursor: str | None = None
    more_than: int | None = None
    hint: bool = False
    id_number_limited: bool = False


def person_filters(request: AuthenticatedRequest) -> PersonFilters:
    """The list's filters from the query string; a unit outside the user's scope is a 404, as its page."""
    filters = PersonFilters(request.GET, user=request.user)
    code = filters.value("organization")
    if code:
        Organization.objects.restrict(request.user).get_or_404(code=code)
    return filters


def person_list(request: AuthenticatedRequest) -> HttpResponse:
    """The person list (danh sách hồ sơ) as of a day: search by name, CCCD or personal code, filters,
    sortable columns, page numbers, selection with bulk actions and saved filters."""
    filters = person_filters(request)
    persons = filters.narrow(filters.persons())
    size = settings.PERSONS_PER_PAGE
    page: ListPage
    if filters.query:
        cursor = (request.GET.get("cursor") or "")[:400] or None
        found = search_persons(
            persons, filters.query, user=request.user, limit=size, cursor=cursor, with_total=True
        )
        page = SearchPage(
            rows=found.persons,
            number=1,
            size=size,
            count=None if found.total_capped else found.total,
            next_cursor=found.next_cursor,
            more_than=TOTAL_CAP if found.total_capped else None,
            hint=not found.persons,
            id_number_limited=found.id_number_limited,
        )
    else:
        page = page_of(
            persons,
            number=page_number(request),
            size=size,
            presenter=PersonPresenter,
            sort=request.GET.get("sort", ""),
            default_sort="full_name",
        )
    query = request.GET.urlencode()
    may_export = may_somewhere(request.user, Action.EXPORT)
    bulk_actions = [
        BulkAction(_("In sơ yếu lý lịch 2C"), f"{reverse('personnel:print_cvs')}?{query}", new_tab=True)
    ]
    if may_export:
        export_url = f"{reverse('personnel:export_selected')}?{query}"
        bulk_actions.insert(0, BulkAction(_("Kết xuất Excel"), export_url))
    context = {
        "filters": filters,
        "form": filters.form,
        "page": page,
        "table": table(
            "person",
            page,
            PersonPresenter(request.user),
            COLUMNS,
            link=lambda person: reverse("personnel:detail", args=[person.pk]),
            bulk_actions=bulk_actions,
        ),
    }
    if request.htmx and request.htmx.target == "results":
        return render(request, "personnel/_results.html", context)
    context["may_export"] = may_export
    context["may_import"] = may_somewhere(request.user, Action.CHANGE)
    context.update(saved_filters_context(request.user, LIST_KEY, filters.query_string()))
    return render(request, "personnel/list.html", context)


def _export(request: AuthenticatedRequest, filters: PersonFilters, persons: QuerySet[Person]) -> FileResponse:
    output = tempfile.TemporaryFile()
    export_persons(persons.order_by("full_name_folded", "pk"), output, user=request.user, day=filters.as_of)
    output.seek(0)
    audit.record_read(request, audit.DATA_EXPORTED)
    return FileResponse(
        output,
        as_attachment=True,
        filename=f"danh-sach-ho-so-{filters.as_of:%Y%m%d}.xlsx",
        content_type=XLSX,
    )


def export(request: AuthenticatedRequest) -> FileResponse:
    """The filtered list as an Excel file, limited to the subtrees the user may export."""
    if not granted_paths(request.user, Action.EXPORT):
        raise PermissionDenied
    filters = person_filters(request)
    return _export(request, filters, filters.apply(filters.persons(Action.EXPORT)))


def _selected(request: AuthenticatedRequest) -> list[int]:
    ids = [value for value in request.POST.getlist("selected") if value.isdigit()]
    return [int(value) for value in ids[:MAX_SELECTED]]


@require_POST
def export_selected(request: AuthenticatedRequest) -> FileResponse:
    """The rows selected in the list as an Excel file (as of the list's day), within the export scope."""
    if not granted_paths(request.user, Action.EXPORT):
        raise PermissionDenied
    filters = person_filters(request)
    return _export(request, filters, filters.persons(Action.EXPORT).filter(pk__in=_selected(request)))


@require_POST
def print_cvs(request: AuthenticatedRequest) -> HttpResponse:
    """The 2C CVs of the rows selected in the list, on one printable page; each CV read is logged."""
    persons = (
        Person.objects.restrict(request.user).select_related("organization").filter(pk__in=_selected(request))
    )
    cvs = []
    for person in persons.order_by("full_name_folded", "pk"):
        audit.record_read(request, target=person)
        cvs.append(build_cv(person, full=personal_data_visible(request.user, person)))
    return render(request, "personnel/cv_2c_many.html", {"cvs": cvs, "for_pdf": False})


def _visible_person(request: AuthenticatedRequest, pk: int) -> Person:
    return Person.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)


def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A person's full record (hồ sơ): identity, current unit, assignment history; every view is logged."""
    person = _visible_person(request, pk)
    audit.record_read(request, target=person)
    today = dates.today()
    assignments = list(person.assignments.select_related("organization").order_by("-effective_from"))
    for assignment in assignments:
        assignment.is_current = assignment.in_force_on(today)
    presenter = PersonPresenter(request.user)
    show_personal_data = presenter.shows_personal_data(person)
    return render(
        request,
        "personnel/detail.html",
        {
            "person": person,
            "cccd": presenter.value(person, presenter.column("cccd_number"), unmasked=show_personal_data),
            "show_personal_data": show_personal_data,
            "may_change": can(request.user, Action.CHANGE, person),
            "assignments": assignments,
            "timeline": timeline(person),
            "sections": [
                (section, section.context(person, show_personal_data))
                for section in registry.record_sections()
            ],
        },
    )


def history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The change history (lịch sử thay đổi) of a person's record: the person's fields, assignments,
    addresses and every fact of the dossier, with who and when; personal data stays masked."""
    person = _visible_person(request, pk)
    audit.record_read(request, target=person)
    entries = change_history(person, personal_data=PersonPresenter(request.user).shows_personal_data(person))
    return render(request, "personnel/history.html", {"person": person, "entries": entries})


def edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Correct every item of the 2C form the record holds itself, for users allowed to change records in
    that unit; personal data is offered only to users who may see it."""
    person = _visible_person(request, pk)
    if not can(request.user, Action.CHANGE, person):
        raise PermissionDenied
    show_personal_data = PersonPresenter(request.user).shows_personal_data(person)
    form = PersonForm(request.POST or None, instance=person, show_personal_data=show_personal_data)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_person(
                person=person,
                changes=form.changes,
                acting_user=request.user,
                expected_updated_at=form.cleaned_data["updated_at"],
            )
        except ValidationError as error:
            form.show_errors(error)
        else:
            messages.success(request, _("Đã cập nhật hồ sơ."))
            return redirect("personnel:detail", pk=person.pk)
    return render(request, "personnel/edit.html", {"person": person, "form": form})


def create(request: AuthenticatedRequest) -> HttpResponse:
    """A new record (thêm hồ sơ mới) in a unit where the user may change records: the person and their
    first assignment, through the same action and rules as the API and the import."""
    if not granted_paths(request.user, Action.CHANGE):
        raise PermissionDenied
    form = NewPersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            person = do_create_person(
                full_name=values["full_name"],
                birth_date=values["birth_date"],
                gender=values["gender"],
                organization=values["organization"],
                category=values["category"],
                start_date=values["start_date"],
                cccd_number=values["cccd_number"],
                ethnic_group=values["ethnic_group"],
                position_title=values["position_title"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.show_errors(error)
        else:
            messages.success(
                request,
                _("Đã tạo hồ sơ %(name)s. Bổ sung các mục khác của sơ yếu lý lịch bằng «Sửa thông tin».")
                % {"name": person.full_name},
            )
            return redirect("personnel:detail", pk=person.pk)
    return render(request, "personnel/create.html", {"form": form})


def _changeable_assignment(
    request: AuthenticatedRequest, pk: int, assignment_id: int
) -> tuple[Person, Assignment]:
    person = _visible_person(request, pk)
    assignment = person.assignments.select_related("organization").filter(pk=assignment_id).first()
    if assignment is None:
        raise Http404
    if not (can(request.user, Action.CHANGE, person) and can(request.user, Action.CHANGE, assignment)):
        raise PermissionDenied
    return person, assignment


def edit_assignment(request: AuthenticatedRequest, pk: int, assignment_id: int) -> HttpResponse:
    """Correct a period of the career (sửa quá trình công tác, chức vụ); the history keeps the values
    before the correction."""
    person, assignment = _changeable_assignment(request, pk, assignment_id)
    initial = {name: getattr(assignment, name) for name in ASSIGNMENT_FIELDS}
    initial["organization"] = assignment.organization.code
    form = AssignmentForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_assignment(
                person=person, assignment=assignment, values=dict(form.cleaned_data), acting_user=request.user
            )
        except ValidationError as error:
            form.show_errors(error)
        else:
            messages.success(request, _("Đã sửa quá trình công tác."))
            return redirect("personnel:detail", pk=person.pk)
    return render(
        request, "personnel/assignment_form.html", {"person": person, "assignment": assignment, "form": form}
    )


def delete_assignment(request: AuthenticatedRequest, pk: int, assignment_id: int) -> HttpResponse:
    """Delete a period of the career entered by mistake, after a confirmation page; the history keeps it."""
    person, assignment = _changeable_assignment(request, pk, assignment_id)
    if request.method == "POST":
        try:
            do_delete_assignment(person=person, assignment=assignment, acting_user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã xóa quá trình công tác."))
        return redirect("personnel:detail", pk=person.pk)
    return render(request, "personnel/assignment_delete.html", {"person": person, "assignment": assignment})
