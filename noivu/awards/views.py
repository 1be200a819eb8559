"""The pages of emulation and commendation: the eligibility screening (xét điều kiện thi đua, khen thưởng) —
the units of the user's scope, and for a unit and a year the candidates for each title and form with their
citations and the refusals with the condition that failed, a page of names at a time — the initiatives
recognised in the scope (sáng kiến) and a person's initiatives."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from noivu.accounts.http import AuthenticatedRequest
from noivu.awards import actions, engine
from noivu.awards.filters import EligibilityFilters, InitiativeFilters
from noivu.awards.forms import InitiativeForm, UnitYearForm
from noivu.awards.models import Initiative
from noivu.awards.presenters import InitiativePresenter, title_rows
from noivu.core.dates import today
from noivu.core.forms import add_refusal, styled_filters
from noivu.core.listing import list_table
from noivu.core.permissions import Action, can, granted_paths
from noivu.evaluation.models import UnitEvaluation
from noivu.organizations.models import Organization
from noivu.personnel.models import Person

PER_PAGE = 50


def index(request: AuthenticatedRequest) -> HttpResponse:
    """Choose a unit of the user's scope (searchable tree select) and a year to open its screening; the tops
    of the scope and the units just below them are offered as shortcuts."""
    form = UnitYearForm(request.GET or None, user=request.user, last_year=today().year - 1)
    visible = Organization.objects.restrict(request.user)
    if form.is_valid() and form.cleaned_data["unit"]:
        unit = visible.filter(code=form.cleaned_data["unit"]).first()
        if unit is not None:
            target = reverse("awards:eligibility", args=[unit.pk])
            return redirect(f"{target}?year={form.cleaned_data['year']}")
        form.add_error("unit", _("Không tìm thấy đơn vị này trong phạm vi của bạn."))
    paths = granted_paths(request.user)
    tops = list(visible.filter(depth=1) if "" in paths else visible.filter(path__in=paths))
    shortcuts = [(top, list(top.get_children().restrict(request.user).order_by("path"))) for top in tops]
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else today().year - 1
    return render(request, "awards/index.html", {"form": form, "shortcuts": shortcuts, "year": year})


def _year(filters: EligibilityFilters) -> tuple[int, dt.date, str]:
    """The year screened (last year unless a year up to this one is asked) and the decision date (today
    unless one from 01/01/2024 is given), with the warning of a date refused."""
    day = today()
    year = filters.value("year")
    if year is None or year > day.year:
        year = day.year - 1
    decided_on = filters.value("decided_on") or day
    error = ""
    if decided_on < engine.FIRST_DECISION:
        error, decided_on = _("Ngày quyết định trước 01/01/2024: dùng ngày hôm nay."), day
    return year, decided_on, error


def eligibility(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A unit's screening for a year: every person of the unit and the units below it, every unit rated;
    each title lists its candidates and its refusals a page of names at a time, with their totals."""
    unit = Organization.objects.restrict(request.user).get_or_404(pk=pk)
    year, decided_on, error = _year(EligibilityFilters(request.GET, user=request.user))
    persons = Person.objects.restrict(request.user).filter(organization__path__startswith=unit.path)
    units = UnitEvaluation.objects.restrict(request.user).filter(organization__path__startswith=unit.path)
    individual, collective = engine.scope_screening(persons, units, year, decided_on)

    def person_names(ids: list[int]) -> dict[int, tuple[str, str]]:
        found = persons.filter(pk__in=ids).values_list("pk", "full_name")
        return {k: (name, reverse("awards:person_initiatives", args=[k])) for k, name in found}

    def unit_names(ids: list[int]) -> dict[int, tuple[str, str]]:
        found = Organization.objects.restrict(request.user).filter(pk__in=ids).values_list("pk", "name")
        return {k: (name, "") for k, name in found}

    context = {
        "unit": unit,
        "year": year,
        "decided_on": decided_on,
        "error": error,
        "regime": engine.regime_on(decided_on),
        "discipline": individual.rules["DISCIPLINE"],
        "individual": title_rows(individual, "person_id", request.GET, person_names),
        "collective": title_rows(collective, "organization_id", request.GET, unit_names),
        "years": list(range(today().year, 2023, -1)),
    }
    return render(request, "awards/eligibility.html", context)


def initiatives(request: AuthenticatedRequest) -> HttpResponse:
    """The initiatives recognised in the user's scope (danh sách sáng kiến), newest first, by unit, year,
    level and author."""
    filters = InitiativeFilters(request.GET, user=request.user)
    rows = filters.apply(Initiative.objects.restrict(request.user)).select_related(
        "person", "person__organization"
    )
    table = list_table(
        request,
        "initiatives",
        rows,
        InitiativePresenter,
        default_sort="-recognised_on",
        names=["title", "person", "organization", "level", "recognised_on", "decision_number"],
        link=lambda row: reverse("awards:person_initiatives", args=[row.person_id]),
        size=PER_PAGE,
    )
    return render(
        request, "awards/initiatives.html", {"filter_form": styled_filters(filters.form), "table": table}
    )


def person_initiatives(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A person's initiatives recognised, and the entry of a new one."""
    subject = Person.objects.restrict(request.user).get_or_404(pk=pk)
    may_change = can(request.user, Action.CHANGE, subject)
    form = InitiativeForm(request.POST or None)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.do_record_initiative(person=subject, acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Đã ghi sáng kiến."))
                return redirect("awards:person_initiatives", pk=subject.pk)
    rows = Initiative.objects.restrict(request.user).filter(person=subject).order_by("-recognised_on", "pk")
    return render(
        request,
        "awards/person_initiatives.html",
        {"subject": subject, "rows": rows, "form": form, "may_change": may_change},
    )
