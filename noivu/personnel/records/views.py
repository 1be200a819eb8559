"""Views: parse, authorise, call the action, render."""

import tempfile
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit, dates
from noivu.core.permissions import Action, can, granted_paths
from noivu.organizations.models import Organization
from noivu.personnel.dossier import registry
from noivu.personnel.dossier.timeline import timeline
from noivu.personnel.excel.exporter import XLSX, export_persons
from noivu.personnel.models import Person
from noivu.personnel.privacy import personal_data_visible
from noivu.personnel.records.actions import do_update_person
from noivu.personnel.records.forms import PersonFilterForm, PersonForm
from noivu.personnel.records.search import matching, search_persons

# Counting every match on every keystroke is the slow part of a search over a province; above this
# many matches the list says "more than" instead of counting on.
COUNT_CAP = 10_000
# The unit filter lists the user's top units and the level below them; deeper units are reached
# from the organisation pages, whose links carry the unit into the list.
FILTER_DEPTH = 1


@dataclass
class Page:
    """One page of results, counted up to ``COUNT_CAP``."""

    rows: list[Person]
    number: int
    size: int
    count: int | None
    has_next: bool
    next_cursor: str | None = None

    @property
    def capped(self) -> bool:
        return self.count is not None and self.count > COUNT_CAP

    @property
    def start(self) -> int:
        return (self.number - 1) * self.size + 1 if self.rows else 0

    @property
    def end(self) -> int:
        return self.start + len(self.rows) - 1 if self.rows else 0


def _page(persons: QuerySet[Person], number: int, size: int) -> Page:
    offset = (number - 1) * size
    columns = ("full_name", "birth_date", "gender", "category", "organization", "organization__name")
    rows = list(persons.select_related("organization").only(*columns)[offset : offset + size + 1])
    has_next = len(rows) > size
    if has_next or (offset and not rows):
        count = persons.order_by()[: COUNT_CAP + 1].count()
    else:  # the last page: the rows already tell the total
        count = offset + len(rows)
    return Page(rows=rows[:size], number=number, size=size, count=count, has_next=has_next)


def filtered_persons(
    request: AuthenticatedRequest, action: str
) -> tuple[PersonFilterForm, QuerySet[Person], Organization | None]:
    """The user's persons (for ``action``) narrowed by the list's search and filters."""
    form = PersonFilterForm(request.GET)
    form.is_valid()
    organization = None
    if form.cleaned_data.get("organization"):
        organization = Organization.objects.restrict(request.user).get_or_404(
            pk=form.cleaned_data["organization"]
        )
    persons = form.filter(
        Person.objects.restrict(request.user, action), organization.path if organization else None
    )
    return form, persons, organization


def _organization_options(
    request: AuthenticatedRequest, selected: Organization | None
) -> list[tuple[int, str, bool]]:
    """(pk, indented name, selected) of the units the filter offers."""
    visible = Organization.objects.restrict(request.user)
    paths = granted_paths(request.user)
    top_depth = 1 if "" in paths else min((len(path) // Organization.steplen for path in paths), default=1)
    units = list(visible.filter(depth__lte=top_depth + FILTER_DEPTH).only("pk", "name", "depth", "path"))
    if selected is not None and selected not in units:
        units.append(selected)
        units.sort(key=lambda unit: unit.path)
    return [
        (unit.pk, "\u00a0\u00a0" * (unit.depth - top_depth) + unit.name, unit == selected) for unit in units
    ]


def _search_page(persons: QuerySet[Person], query: str, cursor: str | None, size: int) -> Page:
    """One page of a name, CCCD or personal-code search, continued by cursor and never counted:
    counting every "Nguyễn" of a national scope is what makes a search slow."""
    found = search_persons(persons.select_related("organization"), query, limit=size, cursor=cursor)
    return Page(
        rows=found.persons,
        number=1,
        size=size,
        count=None,
        has_next=found.next_cursor is not None,
        next_cursor=found.next_cursor,
    )


def person_list(request: AuthenticatedRequest) -> HttpResponse:
    """The person list (danh sách hồ sơ): diacritic-insensitive search, unit and category filters."""
    form, persons, organization = filtered_persons(request, Action.VIEW)
    if form.query:
        page = _search_page(persons, form.query, form.cleaned_data.get("cursor"), settings.PERSONS_PER_PAGE)
    else:
        page = _page(persons, form.cleaned_data.get("page") or 1, settings.PERSONS_PER_PAGE)
    context = {"form": form, "page": page, "organization": organization}
    if request.htmx and request.htmx.target == "results":
        return render(request, "personnel/_results.html", context)
    context["organization_options"] = _organization_options(request, organization)
    context["may_export"] = bool(granted_paths(request.user, Action.EXPORT))
    context["may_import"] = bool(granted_paths(request.user, Action.CHANGE))
    return render(request, "personnel/list.html", context)


def export(request: AuthenticatedRequest) -> FileResponse:
    """The filtered list as an Excel file, limited to the subtrees the user may export."""
    if not granted_paths(request.user, Action.EXPORT):
        raise PermissionDenied
    form, persons, _organization = filtered_persons(request, Action.EXPORT)
    if form.query:
        persons = matching(persons, form.query)
    output = tempfile.TemporaryFile()
    export_persons(persons.order_by("full_name_folded", "pk"), output, user=request.user)
    output.seek(0)
    audit.record_read(request, audit.DATA_EXPORTED)
    return FileResponse(
        output,
        as_attachment=True,
        filename=f"danh-sach-ho-so-{dates.today():%Y%m%d}.xlsx",
        content_type=XLSX,
    )


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
    show_personal_data = personal_data_visible(request.user, person)
    return render(
        request,
        "personnel/detail.html",
        {
            "person": person,
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
    """The change history (lịch sử thay đổi) of a person's record; personal data stays masked."""
    person = _visible_person(request, pk)
    audit.record_read(request, target=person)
    show_personal_data = can(request.user, Action.VIEW_PERSONAL_DATA, person)
    records = list(person.history.select_related("history_user").order_by("history_date", "history_id"))
    labels = {field.name: field.verbose_name for field in Person._meta.fields}
    entries = []
    for previous, record in zip([None, *records], records, strict=False):
        changes = []
        if previous is not None:
            for change in record.diff_against(
                previous, excluded_fields=["updated_at", "full_name_folded"]
            ).changes:
                hidden = change.field == "cccd_number" and not show_personal_data
                changes.append(
                    {
                        "label": labels.get(change.field, change.field),
                        "old": None if hidden else change.old,
                        "new": None if hidden else change.new,
                        "hidden": hidden,
                    }
                )
        entries.append({"record": record, "changes": changes})
    entries.reverse()
    return render(request, "personnel/history.html", {"person": person, "entries": entries})


def edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Correct a person's basic information, for users allowed to change records in that unit."""
    person = _visible_person(request, pk)
    if not can(request.user, Action.CHANGE, person):
        raise PermissionDenied
    show_personal_data = can(request.user, Action.VIEW_PERSONAL_DATA, person)
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
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Đã cập nhật hồ sơ."))
            return redirect("personnel:detail", pk=person.pk)
    return render(request, "personnel/edit.html", {"person": person, "form": form})
