"""The pages of emulation and commendation: the eligibility screening (xét điều kiện thi đua, khen thưởng) —
the units of the user's scope, and for a unit and a year the candidates for each title and form with their
citations and the refusals with the condition that failed — and a person's initiatives (sáng kiến)."""

import datetime as dt
from dataclasses import dataclass, field

import polars as pl
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from noivu.accounts.http import AuthenticatedRequest
from noivu.awards import actions, engine
from noivu.awards.forms import InitiativeForm, UnitYearForm
from noivu.awards.models import Initiative
from noivu.core.dates import today
from noivu.core.forms import add_refusal
from noivu.core.permissions import Action, can, granted_paths
from noivu.evaluation.models import UnitEvaluation
from noivu.organizations.models import Organization
from noivu.personnel.models import Person

SHOWN = 200


@dataclass
class TitleRow:
    """What the page shows of a title: its rule, the candidates and the refusals (names, at most SHOWN)."""

    code: str
    name: str
    citation: str
    confidence: str
    candidates: list[str] = field(default_factory=list)
    refusals: list[tuple[str, str]] = field(default_factory=list)
    eligible_count: int = 0
    refused_count: int = 0


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


def _year(request: AuthenticatedRequest) -> tuple[int, dt.date, str]:
    day = today()
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 2024 <= int(raw) <= day.year else day.year - 1
    try:
        decided_on = forms.DateField().clean(request.GET.get("decided_on", ""))
    except ValidationError:
        decided_on = day
    error = ""
    if decided_on < engine.FIRST_DECISION:
        error, decided_on = _("Ngày quyết định trước 01/01/2024: dùng ngày hôm nay."), day
    return year, decided_on, error


def _rows(screening: engine.Screening, key: str, names: dict[int, str]) -> list[TitleRow]:
    rows = []
    results = screening.results
    for code, rule in screening.rules.items():
        if code == "DISCIPLINE":
            continue
        mine = results.filter(pl.col("title") == code)
        row = TitleRow(code, rule.value["name"], rule.legal_basis.citation, rule.legal_basis.confidence)
        found = mine.filter(pl.col("eligible"))
        refused = mine.filter(pl.col("eligible").not_())
        row.eligible_count, row.refused_count = found.height, refused.height
        row.candidates = [names.get(k, str(k)) for k in found[key].head(SHOWN).to_list()]
        row.refusals = [
            (names.get(k, str(k)), screening.messages[failed].message)
            for k, failed in refused.select(key, "failed").head(SHOWN).iter_rows()
        ]
        rows.append(row)
    return rows


def eligibility(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A unit's screening for a year: every person of the unit and the units below it, every unit rated."""
    unit = Organization.objects.restrict(request.user).get_or_404(pk=pk)
    year, decided_on, error = _year(request)
    persons = Person.objects.restrict(request.user).filter(organization__path__startswith=unit.path)
    units = UnitEvaluation.objects.restrict(request.user).filter(organization__path__startswith=unit.path)
    individual, collective = engine.scope_screening(persons, units, year, decided_on)
    shown = set(individual.results["person_id"].unique().to_list()[: SHOWN * 10])
    person_names = dict(persons.filter(pk__in=shown).values_list("pk", "full_name"))
    unit_names = dict(
        Organization.objects.restrict(request.user)
        .filter(pk__in=collective.results["organization_id"].unique().to_list())
        .values_list("pk", "name")
    )
    context = {
        "unit": unit,
        "year": year,
        "decided_on": decided_on,
        "error": error,
        "regime": engine.regime_on(decided_on),
        "discipline": individual.rules["DISCIPLINE"],
        "individual": _rows(individual, "person_id", person_names),
        "collective": _rows(collective, "organization_id", unit_names),
        "years": list(range(today().year, 2023, -1)),
    }
    return render(request, "awards/eligibility.html", context)


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
