"""The pages of emulation and commendation: the eligibility screening (xét điều kiện thi đua, khen thưởng) —
the units of the user's scope, and for a unit and a year the candidates for each title and form with their
citations and the refusals with the condition that failed, a page of names at a time — the initiatives
recognised in the scope (sáng kiến) and a person's initiatives — and the council sessions with their
documents: the list of nominees, and once decided the decision (Word) and the list attached to it (Excel) —
and the emulation movements (phong trào thi đua) with the registrations of persons and collectives."""

import datetime as dt

import polars as pl
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from noivu.accounts.http import AuthenticatedRequest
from noivu.awards import actions, engine, exports, word
from noivu.awards.filters import EligibilityFilters, InitiativeFilters, MovementFilters
from noivu.awards.forms import (
    CouncilForm,
    CouncilMemberForm,
    DecisionForm,
    InitiativeForm,
    MovementForm,
    NominateForm,
    PersonRegistrationForm,
    QuotaForm,
    UnitRegistrationForm,
    UnitYearForm,
    VotesForm,
)
from noivu.awards.jobs import SCREENING_JOB
from noivu.awards.models import (
    VOTING,
    AwardQuota,
    CouncilMember,
    CouncilSession,
    Initiative,
    Movement,
    Nominee,
    Registration,
    SessionStatus,
)
from noivu.awards.presenters import InitiativePresenter, MovementPresenter, title_rows
from noivu.core import audit
from noivu.core.actions import do_start_job
from noivu.core.dates import today
from noivu.core.forms import add_refusal, styled_filters
from noivu.core.http import DOCX, PDF, XLSX
from noivu.core.listing import list_table
from noivu.core.models import Job
from noivu.core.permissions import Action, can, granted_paths
from noivu.core.text import fold
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
    found = engine.scope_ranking(persons, units, year, decided_on, engine.quotas_on(unit, decided_on))
    individual, collective = found.individual, found.collective

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
        "individual": title_rows(individual, "person_id", request.GET, person_names, found.ranked),
        "collective": title_rows(collective, "organization_id", request.GET, unit_names, found.ranked),
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


def councils(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The council sessions of a unit (Hội đồng Thi đua – Khen thưởng), and the opening of a new one."""
    unit = Organization.objects.restrict(request.user).get_or_404(pk=pk)
    may_change = can(request.user, Action.CHANGE, unit)
    form = CouncilForm(request.POST or None, initial={"year": today().year - 1, "held_on": today()})
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                session = actions.do_open_council(
                    organization=unit, acting_user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Đã mở phiên họp Hội đồng."))
                return redirect("awards:council", pk=session.pk)
    sessions = (
        CouncilSession.objects.restrict(request.user)
        .filter(organization=unit)
        .annotate(
            nominated=Count("nominees"),
            awarded=Count("nominees", filter=Q(nominees__award__isnull=False)),
            money=Sum("nominees__reward"),
        )
        .order_by("-held_on", "-pk")
    )
    return render(
        request,
        "awards/councils.html",
        {"unit": unit, "sessions": sessions, "form": form, "may_change": may_change},
    )


def _candidates(
    request: AuthenticatedRequest, session: CouncilSession
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The persons and the collectives the screening of the session's year finds eligible, grouped by
    title, less those already nominated for it, in the order of their folded names (Đ among the D); a
    person's choice is ``<person>:<title>``, a collective's ``u<unit>:<title>``."""
    persons = Person.objects.restrict(request.user).filter(
        organization__path__startswith=session.organization.path
    )
    units = UnitEvaluation.objects.restrict(request.user).filter(
        organization__path__startswith=session.organization.path
    )
    screening, collective = engine.scope_screening(persons, units, session.year, session.held_on)
    found = screening.results.filter(pl.col("eligible"))
    taken = set(session.nominees.filter(person__isnull=False).values_list("person_id", "title"))
    names = dict(persons.filter(pk__in=found["person_id"].unique().to_list()).values_list("pk", "full_name"))
    groups = []
    for code, rule in screening.rules.items():
        ids = found.filter(pl.col("title") == code)["person_id"].to_list()
        options = [(f"{k}:{code}", names[k]) for k in ids if (k, code) not in taken and k in names]
        if options:
            groups.append((rule.value["name"], sorted(options, key=lambda option: fold(option[1]))))
    chosen = collective.results.filter(pl.col("eligible"))
    taken_units = set(session.nominees.filter(person__isnull=True).values_list("organization_id", "title"))
    unit_names = dict(
        Organization.objects.restrict(request.user)
        .filter(pk__in=chosen["organization_id"].unique().to_list())
        .values_list("pk", "name")
    )
    for code, rule in collective.rules.items():
        ids = chosen.filter(pl.col("title") == code)["organization_id"].to_list()
        options = [
            (f"u{k}:{code}", unit_names[k]) for k in ids if (k, code) not in taken_units and k in unit_names
        ]
        if options:
            label = _("%(title)s (tập thể)") % {"title": rule.value["name"]}
            groups.append((label, sorted(options, key=lambda option: fold(option[1]))))
    return groups


def council(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A council session: its members and who voted, its nominees with the yes votes each needs of all
    members and got, the nomination of a candidate of the screening, the ballot results, and the decision
    once every nominee is voted on."""
    session = CouncilSession.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    is_open = session.status == SessionStatus.OPEN
    may_change = is_open and can(request.user, Action.CHANGE, session)
    may_decide = is_open and can(request.user, Action.APPROVE, session)
    choices = _candidates(request, session) if may_change else []
    nominate = NominateForm(None, choices=choices)
    votes = VotesForm(None)
    member_form = CouncilMemberForm(None, prefix="member")
    if request.method == "POST":
        if not can(request.user, Action.CHANGE, session):
            raise PermissionDenied
        refused: CouncilMemberForm | VotesForm | NominateForm = nominate
        try:
            if "remove_member" in request.POST:
                member = get_member(request, session, request.POST["remove_member"])
                actions.do_remove_council_member(member=member, acting_user=request.user)
                messages.success(request, _("Đã bỏ thành viên khỏi danh sách."))
                return redirect("awards:council", pk=session.pk)
            if "member-name" in request.POST:
                refused = member_form = CouncilMemberForm(request.POST, prefix="member")
                if member_form.is_valid():
                    actions.do_add_council_member(
                        session=session, acting_user=request.user, **member_form.cleaned_data
                    )
                    messages.success(request, _("Đã ghi thành viên Hội đồng."))
                    return redirect("awards:council", pk=session.pk)
            elif "yes_votes" in request.POST:
                refused = votes = VotesForm(request.POST)
                if votes.is_valid():
                    nominee = Nominee.objects.restrict(request.user).get_or_404(
                        pk=votes.cleaned_data["nominee"], session=session
                    )
                    actions.do_record_votes(
                        nominee=nominee, yes_votes=votes.cleaned_data["yes_votes"], acting_user=request.user
                    )
                    messages.success(request, _("Đã ghi kết quả bỏ phiếu."))
                    return redirect("awards:council", pk=session.pk)
            else:
                nominate = refused = NominateForm(request.POST, choices=choices)
                if nominate.is_valid():
                    key, code = nominate.cleaned_data["candidate"].split(":")
                    if key.startswith("u"):
                        unit = Organization.objects.restrict(request.user).get_or_404(pk=int(key[1:]))
                        actions.do_nominate(session=session, unit=unit, title=code, acting_user=request.user)
                    else:
                        person = Person.objects.restrict(request.user).get_or_404(pk=int(key))
                        actions.do_nominate(
                            session=session, person=person, title=code, acting_user=request.user
                        )
                    messages.success(request, _("Đã đề nghị xét."))
                    return redirect("awards:council", pk=session.pk)
        except ValidationError as error:
            add_refusal(refused, error)
    names = {code: rule.value["name"] for code, rule in engine.title_rules(session.held_on).items()}
    nominees = [
        (nominee, names.get(nominee.title, nominee.title))
        for nominee in session.nominees.select_related("person", "organization").order_by(
            "title", "person__full_name_folded", "organization__name"
        )
    ]
    members = list(CouncilMember.objects.restrict(request.user).filter(session=session).order_by("pk"))
    ballot_started = any(nominee.yes_votes is not None for nominee, _title in nominees)
    initial = {"decided_on": today()}
    return render(
        request,
        "awards/council.html",
        {
            "session": session,
            "nominees": nominees,
            "nominate": nominate,
            "votes": votes,
            "members": members,
            "voters": sum(1 for member in members if member.attendance in VOTING),
            "member_form": member_form,
            "may_edit_members": may_change and not ballot_started and len(members) < session.members,
            "may_remove_members": may_change and not ballot_started,
            "members_complete": len(members) == session.members,
            "decision": DecisionForm(initial=initial),
            "may_change": may_change,
            "may_decide": may_decide,
            "may_export": can(request.user, Action.EXPORT, session),
            "thresholds": _thresholds(session, names),
        },
    )


def get_member(request: AuthenticatedRequest, session: CouncilSession, raw: str) -> CouncilMember:
    """The member ``raw`` (a key) of ``session`` readable by the user, or 404."""
    if not raw.isdigit():
        raise Http404
    return CouncilMember.objects.restrict(request.user).get_or_404(pk=int(raw), session=session)


def _thresholds(session: CouncilSession, names: dict[str, str]) -> list[tuple[str, int, str, bool]]:
    """Each title's yes votes needed of the session's members, with the rule's citation and whether that
    rule is unverified (so the page says it)."""
    rows = []
    for code, name in names.items():
        needed, rule = engine.votes_needed(code, session.members, session.held_on)
        rows.append((name, needed, rule.legal_basis.citation, rule.legal_basis.confidence == "unverified"))
    return rows


def council_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Sign the session's decision (an approver): the passed nominees receive their awards."""
    session = CouncilSession.objects.restrict(request.user).get_or_404(pk=pk)
    if request.method != "POST":
        return redirect("awards:council", pk=session.pk)
    if not can(request.user, Action.APPROVE, session):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("awards:council", pk=session.pk)
    try:
        actions.do_decide_council(session=session, acting_user=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã ký quyết định khen thưởng."))
    return redirect("awards:council", pk=session.pk)


def _exported(request: AuthenticatedRequest, pk: int, *, decided: bool) -> CouncilSession:
    """The session ``pk`` the user may export, its export audited; 404 when a decision's document is asked of
    a session not decided yet."""
    session = (
        CouncilSession.objects.restrict(request.user, Action.EXPORT)
        .select_related("organization")
        .get_or_404(pk=pk)
    )
    if decided and session.status != SessionStatus.DECIDED:
        raise Http404(_("Phiên họp chưa có quyết định khen thưởng."))
    audit.record_read(request, audit.DATA_EXPORTED, target=session)
    return session


def nominations_response(session: CouncilSession) -> HttpResponse:
    """The list of nominees (Excel), as the page and the API give it."""
    content = exports.nomination_workbook(session)
    return exports.download(content, XLSX, f"de-nghi-khen-thuong-{session.pk}.xlsx")


def annex_response(session: CouncilSession) -> HttpResponse:
    """The list attached to the decision (Excel), as the page and the API give it."""
    content = exports.annex_workbook(session)
    return exports.download(content, XLSX, f"danh-sach-kem-theo-quyet-dinh-{session.pk}.xlsx")


def decision_response(session: CouncilSession) -> HttpResponse:
    """The decision (Word), as the page and the API give it."""
    content = word.decision_document(session)
    return exports.download(content, DOCX, f"quyet-dinh-khen-thuong-{session.pk}.docx")


def decision_pdf_response(session: CouncilSession) -> HttpResponse:
    """The decision (PDF), as the page and the API give it."""
    content = word.decision_pdf(session)
    return exports.download(content, PDF, f"quyet-dinh-khen-thuong-{session.pk}.pdf")


def council_nominations(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The list of the session's nominees with their ballot results (danh sách đề nghị khen thưởng)."""
    return nominations_response(_exported(request, pk, decided=False))


def council_annex(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The list attached to the decision: the persons awarded and their reward money."""
    return annex_response(_exported(request, pk, decided=True))


def council_decision(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The decision awarding the nominees who passed (quyết định khen thưởng), as a Word document."""
    return decision_response(_exported(request, pk, decided=True))


def council_decision_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The decision awarding the nominees who passed, as a PDF to print."""
    return decision_pdf_response(_exported(request, pk, decided=True))


def movements(request: AuthenticatedRequest) -> HttpResponse:
    """The emulation movements of the user's scope (phong trào thi đua), newest first, by unit and year."""
    filters = MovementFilters(request.GET, user=request.user)
    rows = (
        filters.apply(Movement.objects.restrict(request.user))
        .select_related("organization")
        .annotate(registered=Count("registrations"))
    )
    table = list_table(
        request,
        "movements",
        rows,
        MovementPresenter,
        default_sort="-year",
        link=lambda row: reverse("awards:movement", args=[row.pk]),
        size=PER_PAGE,
    )
    return render(
        request, "awards/movements.html", {"filter_form": styled_filters(filters.form), "table": table}
    )


def movement_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Launch a movement of the unit ``pk``: its period, criteria and the units taking part."""
    unit = Organization.objects.restrict(request.user).get_or_404(pk=pk)
    if not can(request.user, Action.CHANGE, unit):
        raise PermissionDenied
    below = list(unit.get_children().restrict(request.user).order_by("path"))
    offered = [unit, *below]
    choices = [(str(u.pk), u.name) for u in offered]
    year = today().year
    form = MovementForm(
        request.POST or None,
        units=choices,
        initial={
            "year": year,
            "starts_on": dt.date(year, 1, 1),
            "ends_on": dt.date(year, 12, 31),
            "units": [str(u.pk) for u in offered],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = {str(u.pk): u for u in offered}
        data["units"] = [chosen[k] for k in data["units"]]
        try:
            movement = actions.do_launch_movement(organization=unit, acting_user=request.user, **data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Đã phát động phong trào thi đua."))
            return redirect("awards:movement", pk=movement.pk)
    return render(request, "awards/movement_form.html", {"unit": unit, "form": form})


def _title_choices(day: dt.date, recipient: str) -> list[tuple[str, str]]:
    return [(code, rule.value["name"]) for code, rule in engine.title_rules(day, recipient).items()]


def movement(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A movement: its period, criteria and units taking part, the registrations of persons and
    collectives readable by the user, and the registration of either."""
    found = Movement.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    units = list(found.units.order_by("path"))
    may_change = can(request.user, Action.CHANGE, found)
    day = min(today(), found.ends_on)
    visible_units = Organization.objects.restrict(request.user)
    inside = Q()
    for unit in units:
        inside |= Q(path__startswith=unit.path)
    collectives = (
        list(
            visible_units.filter(inside)
            .filter(depth__lte=max((u.depth for u in units), default=0) + 1)
            .order_by("path")
        )
        if units
        else []
    )
    persons: list[tuple[str, str]] = []
    if may_change and units:
        person_inside = Q()
        for unit in units:
            person_inside |= Q(organization__path__startswith=unit.path)
        persons = sorted(
            (
                (str(k), name)
                for k, name in Person.objects.restrict(request.user)
                .filter(person_inside)
                .values_list("pk", "full_name")
            ),
            key=lambda option: fold(option[1]),
        )
    individual_titles = _title_choices(day, engine.INDIVIDUAL)
    collective_titles = _title_choices(day, engine.COLLECTIVE)
    initial = {"registered_on": day}
    person_form = PersonRegistrationForm(
        None, prefix="individual", persons=persons, titles=individual_titles, initial=initial
    )
    unit_form = UnitRegistrationForm(
        None,
        prefix="collective",
        units=[(str(u.pk), u.name) for u in collectives],
        titles=collective_titles,
        initial=initial,
    )
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        individual = "individual-person" in request.POST
        form: PersonRegistrationForm | UnitRegistrationForm
        if individual:
            form = person_form = PersonRegistrationForm(
                request.POST, prefix="individual", persons=persons, titles=individual_titles
            )
        else:
            form = unit_form = UnitRegistrationForm(
                request.POST,
                prefix="collective",
                units=[(str(u.pk), u.name) for u in collectives],
                titles=collective_titles,
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                if individual:
                    registrant = Person.objects.restrict(request.user).get_or_404(pk=int(data["person"]))
                    actions.do_register(
                        movement=found,
                        person=registrant,
                        title=data["title"],
                        registered_on=data["registered_on"],
                        acting_user=request.user,
                    )
                else:
                    chosen = visible_units.get_or_404(pk=int(data["unit"]))
                    actions.do_register(
                        movement=found,
                        unit=chosen,
                        title=data["title"],
                        registered_on=data["registered_on"],
                        acting_user=request.user,
                    )
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Đã ghi đăng ký thi đua."))
                return redirect("awards:movement", pk=found.pk)
    names = {code: rule.value["name"] for code, rule in engine.title_rules(day).items()}
    registered = Registration.objects.restrict(request.user).filter(movement=found)
    rows = sorted(
        (
            (row, names.get(row.title, row.title))
            for row in registered.select_related("person", "organization")
        ),
        key=lambda pair: (
            pair[0].is_collective,
            pair[1],
            fold(str(pair[0].person or pair[0].organization.name)),
        ),
    )
    return render(
        request,
        "awards/movement.html",
        {
            "movement": found,
            "units": units,
            "rows": rows,
            "may_change": may_change,
            "person_form": person_form,
            "unit_form": unit_form,
        },
    )


def quotas(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The quotas of titles in force for a unit's scope (hạn mức khen thưởng) — its own and those of the
    organisations above it, the nearest applying — with the ones it set over time, and the setting of a new
    one by an administrator of the unit."""
    unit = Organization.objects.restrict(request.user).get_or_404(pk=pk)
    may_set = can(request.user, Action.ADMINISTER, unit)
    day = today()
    rules = engine.title_rules(day)
    names = {code: rule.value["name"] for code, rule in rules.items()}
    kinds = {engine.INDIVIDUAL: _("cá nhân"), engine.COLLECTIVE: _("tập thể")}
    titles = [
        (code, f"{rule.value['name']} ({kinds[rule.value['recipient']]})") for code, rule in rules.items()
    ]
    form = QuotaForm(request.POST or None, titles=titles, initial={"effective_from": day})
    if request.method == "POST":
        if not may_set:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.do_set_quota(organization=unit, acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Đã ghi hạn mức khen thưởng."))
                return redirect("awards:quotas", pk=unit.pk)
    applying = engine.quotas_on(unit, day)
    own = (
        AwardQuota.objects.restrict(request.user)
        .filter(organization=unit)
        .order_by("title", "-effective_from")
    )
    return render(
        request,
        "awards/quotas.html",
        {
            "unit": unit,
            "applying": [
                (names.get(code, code), quota, names.get(quota.of_title, ""))
                for code, quota in applying.items()
            ],
            "own": [(row, names.get(row.title, row.title), names.get(row.of_title, "")) for row in own],
            "form": form,
            "may_set": may_set,
            "ranking": engine.ranking_rules(day),
        },
    )


def screening_job(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Start the screening of the whole scope of a unit as a background job (a province or the country
    are too many persons for a page) for the year and decision date asked, and show its progress."""
    unit = Organization.objects.restrict(request.user).get_or_404(pk=pk)
    if request.method != "POST":
        return redirect("awards:eligibility", pk=unit.pk)
    year, decided_on, _error = _year(EligibilityFilters(request.POST, user=request.user))
    started = do_start_job(
        kind=SCREENING_JOB,
        params={"organization": unit.pk, "year": year, "decided_on": decided_on.isoformat()},
        on=unit,
        permission=Action.VIEW,
        acting_user=request.user,
    )
    return redirect("awards:screening_progress", pk=started.pk)


def screening_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The progress of a scope's screening started from a unit's page, with the way back to that page for
    the year and decision date screened; the progress part polls itself until the job ends."""
    record = Job.objects.visible_to(request.user).filter(pk=pk, kind=SCREENING_JOB).first()
    # Others than its creator and their administrators get the 404 of a job that does not exist.
    if record is None:
        raise Http404
    unit = Organization.objects.restrict(request.user).filter(pk=record.params.get("organization")).first()
    back = ""
    if unit is not None:
        day = dt.date.fromisoformat(record.params["decided_on"])
        query = urlencode({"year": record.params["year"], "decided_on": f"{day:%d/%m/%Y}"})
        back = f"{reverse('awards:eligibility', args=[unit.pk])}?{query}"
    return render(
        request,
        "awards/screening_progress.html",
        {"job": record, "unit": unit, "year": record.params.get("year"), "back": back},
    )
