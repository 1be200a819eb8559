"""Payroll pages: the months' payrolls of the units in scope, one payroll with its lines, review and lock,
the corrections beside a locked month, its workbooks; the itemised salary of a person."""

import datetime as dt
from typing import Any

import polars as pl
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit, dates
from noivu.core.forms import DateTextInput
from noivu.core.http import DOCX, XLSX
from noivu.core.listing import ListPage, page_number
from noivu.core.permissions import Action, can, may_somewhere
from noivu.core.rules import rule_table
from noivu.organizations.models import Organization
from noivu.payroll import actions, exports, word
from noivu.payroll.arrears import arrears, arrears_citation, paid_months
from noivu.payroll.engine import SCALES_TABLE, SalaryInputError, SalaryLaw
from noivu.payroll.models import (
    PayrollLine,
    PayrollRun,
    ProposalStatus,
    RaiseProposal,
    RaiseProposalItem,
    RunStatus,
    SalaryScenario,
)
from noivu.payroll.persons import person_salary
from noivu.payroll.proposals import Selection, early_in_a_row, raise_basis
from noivu.payroll.quota import approved_early, early_quota, lapse_date, remainder_pool
from noivu.payroll.raises import NOTICE_COLUMNS, RULES_TABLE, raises_due, retirement_raises
from noivu.personnel.models import Category, Person
from noivu.personnel.retirement.engine import RetirementError, retirement_date

# The allowance kinds a scenario may change, as the form labels them.
KIND_LABELS_LAZY = {
    "leadership": _("Phụ cấp chức vụ lãnh đạo"),
    "public_duty": _("Phụ cấp công vụ"),
    "regional": _("Phụ cấp khu vực"),
    "responsibility": _("Phụ cấp trách nhiệm theo nghề, công việc"),
    "preferential": _("Phụ cấp ưu đãi theo nghề"),
}


class ComputeForm(forms.Form):
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.unrestricted().none(), label=_("Đơn vị")
    )
    month = forms.DateField(label=_("Tháng (ngày bất kỳ trong tháng)"), widget=DateTextInput())
    correction = forms.BooleanField(label=_("Bảng lương điều chỉnh của tháng đã khóa"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organization.objects.restrict(user, Action.CHANGE).order_by("path")


def runs(request: AuthenticatedRequest) -> HttpResponse:
    """The payrolls in scope, newest month first, and the form to compute one."""
    may_compute = may_somewhere(request.user, Action.CHANGE)
    form = ComputeForm(
        request.POST or None, user=request.user, initial={"month": dates.today().replace(day=1)}
    )
    if request.method == "POST":
        if not may_compute:
            raise PermissionDenied
        if form.is_valid():
            try:
                run = actions.do_compute_payroll(
                    organization=form.cleaned_data["organization"],
                    month=form.cleaned_data["month"],
                    correction=form.cleaned_data["correction"],
                    acting_user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("payroll:run", pk=run.pk)
    found = PayrollRun.objects.restrict(request.user).select_related("organization", "corrects")
    page = Paginator(found.order_by("-month", "organization__path", "-pk"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "payroll/runs.html", {"page": page, "form": form, "may_compute": may_compute})


def run(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One payroll: its totals, its lines (and, for a correction, each person's difference)."""
    found = (
        PayrollRun.objects.restrict(request.user).select_related("organization", "corrects").get_or_404(pk=pk)
    )
    lines = found.lines.select_related("person", "organization").order_by(
        "organization__path", "person__full_name"
    )
    page = Paginator(lines, 100).get_page(request.GET.get("page"))
    differences: dict[int, int] = {}
    if found.corrects is not None:
        ids = [line.person_id for line in page]
        before = dict(
            PayrollLine.objects.filter(run=found.corrects, person_id__in=ids).values_list("person_id", "net")
        )
        differences = {line.person_id: line.net - before.get(line.person_id, 0) for line in page}
    context = {
        "run": found,
        "page": page,
        "rows": [(line, differences.get(line.person_id)) for line in page],
        "arrears_lines": found.arrears_lines.select_related("person").order_by("person__full_name", "month"),
        "may_review": found.status == RunStatus.DRAFT and can(request.user, Action.CHANGE, found),
        "may_lock": found.status == RunStatus.REVIEWED and can(request.user, Action.APPROVE, found),
        "may_export": can(request.user, Action.EXPORT, found),
        "difference": found.net - found.corrects.net if found.corrects else None,
    }
    return render(request, "payroll/run.html", context)


def run_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = PayrollRun.objects.restrict(request.user, Action.CHANGE).get_or_404(pk=pk)
    if request.method == "POST":
        try:
            actions.do_review_payroll(run=found, acting_user=request.user)
        except ValidationError:
            pass
    return redirect("payroll:run", pk=found.pk)


def run_lock(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = PayrollRun.objects.restrict(request.user, Action.APPROVE).get_or_404(pk=pk)
    if request.method == "POST":
        try:
            actions.do_lock_payroll(run=found, acting_user=request.user)
        except ValidationError:
            pass
    return redirect("payroll:run", pk=found.pk)


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def run_sheet(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = PayrollRun.objects.restrict(request.user, Action.EXPORT).get_or_404(pk=pk)
    audit.record_read(request, audit.DATA_EXPORTED)
    return _xlsx(exports.payroll_sheet(found), f"bang-luong-{found.month:%Y-%m}-{found.pk}.xlsx")


def run_bank(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = PayrollRun.objects.restrict(request.user, Action.EXPORT).get_or_404(pk=pk)
    audit.record_read(request, audit.DATA_EXPORTED)
    return _xlsx(exports.bank_transfers(found), f"chuyen-khoan-{found.month:%Y-%m}-{found.pk}.xlsx")


def person(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The itemised salary of a person on a day (today unless ``on`` is given), each line with its basis."""
    found = Person.objects.restrict(request.user).get_or_404(pk=pk)
    day = dates.today()
    raw = request.GET.get("on", "")
    error = ""
    try:
        if raw:
            day = dt.datetime.strptime(raw, "%d/%m/%Y").date()
    except ValueError:
        error = str(_("Ngày phải viết dd/mm/yyyy."))
    result = None
    if not error:
        try:
            result = person_salary(found, day)
        except SalaryInputError as refused:
            error = refused.message
    context = {
        "person": found,
        "day": day,
        "result": result,
        "error": error,
        "may_change": can(request.user, Action.CHANGE, found),
    }
    return render(request, "payroll/person.html", context)


# --- Salary-plan scenarios ------------------------------------------------------------------------------

CHANGED_KINDS = ("leadership", "public_duty", "regional", "responsibility", "preferential")


class ScenarioForm(forms.Form):
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.unrestricted().none(), label=_("Đơn vị")
    )
    name = forms.CharField(label=_("Tên phương án"), max_length=200)
    starts_on = forms.DateField(label=_("Áp dụng từ ngày"), widget=DateTextInput())
    base_salary = forms.IntegerField(
        label=_("Mức lương cơ sở mới (đồng)"), required=False, min_value=1, max_value=10**9
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organization.objects.restrict(user, Action.CHANGE).order_by("path")
        self.fields["position_amounts"] = forms.CharField(
            label=_("Bảng lương theo vị trí việc làm"),
            required=False,
            max_length=20000,
            widget=forms.Textarea(attrs={"rows": 3, "class": "textarea", "placeholder": "CM01: 9.500.000"}),
            help_text=_(
                "Mỗi dòng một vị trí: mã vị trí việc làm và tiền lương tháng (đồng); người giữ vị trí đó "
                "hưởng số tiền này thay lương theo ngạch, bậc từ ngày áp dụng."
            ),
        )
        for kind in CHANGED_KINDS:
            self.fields[f"change_{kind}"] = forms.DecimalField(
                label=_("%(kind)s: thay đổi (%%)") % {"kind": KIND_LABELS_LAZY[kind]},
                required=False,
                min_value=-99,
                max_value=1000,
                decimal_places=2,
            )
        for name in ("name", "base_salary", *(f"change_{kind}" for kind in CHANGED_KINDS)):
            self.fields[name].widget.attrs["class"] = "input"

    def clean_position_amounts(self) -> dict[str, int]:
        """Lines "CODE: amount" (or "CODE amount"), one position a line; a bad line is named."""
        table: dict[str, int] = {}
        for number, line in enumerate(self.cleaned_data.get("position_amounts", "").splitlines(), 1):
            text = line.strip()
            if not text:
                continue
            code, _sep, raw = text.replace(":", " ", 1).partition(" ")
            amount = raw.strip().replace(".", "").replace(",", "").replace(" ", "")
            if not code or not amount.isdigit() or not 0 < int(amount) <= 10**9:
                raise forms.ValidationError(
                    _("Dòng %(line)s: cần mã vị trí và tiền lương tháng (đồng), ví dụ “CM01: 9.500.000”.")
                    % {"line": number}
                )
            table[code] = int(amount)
        return table

    def changes(self) -> dict[str, float]:
        return {
            kind: float(self.cleaned_data[f"change_{kind}"])
            for kind in CHANGED_KINDS
            if self.cleaned_data.get(f"change_{kind}")
        }


def scenarios(request: AuthenticatedRequest) -> HttpResponse:
    """The salary-plan scenarios in scope and the form to compute a new one."""
    may_start = may_somewhere(request.user, Action.CHANGE)
    form = ScenarioForm(request.POST or None, user=request.user, initial={"starts_on": dt.date(2026, 7, 1)})
    if request.method == "POST":
        if not may_start:
            raise PermissionDenied
        if form.is_valid():
            try:
                scenario = actions.do_start_scenario(
                    organization=form.cleaned_data["organization"],
                    name=form.cleaned_data["name"],
                    starts_on=form.cleaned_data["starts_on"],
                    base_salary=form.cleaned_data["base_salary"],
                    allowance_changes=form.changes(),
                    position_amounts=form.cleaned_data["position_amounts"],
                    acting_user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("payroll:scenario", pk=scenario.pk)
    found = SalaryScenario.objects.restrict(request.user).select_related("organization", "job")
    page = Paginator(found.order_by("-pk"), 50).get_page(request.GET.get("page"))
    return render(request, "payroll/scenarios.html", {"page": page, "form": form, "may_start": may_start})


def _labelled(rows: list[dict], labels: dict[str, str]) -> list[dict]:
    return [{**row, "label": labels.get(row["key"], row["key"]) or "—"} for row in rows]


SCALE_TABLES = {
    "bang_1_chuyen_gia_cao_cap": _("Chuyên gia cao cấp"),
    "bang_2_cong_chuc": _("Công chức"),
    "bang_3_vien_chuc": _("Viên chức"),
    "bang_4_thua_hanh_phuc_vu": _("Thừa hành, phục vụ"),
}


def scale_label(code: str, jobs: dict[str, str]) -> str:
    """A salary scale as people name it: "Viên chức, nhóm A1"; a support job by its name."""
    table, _dot, group = code.partition(".")
    if table == "bang_4_thua_hanh_phuc_vu":
        return jobs.get(group, str(SCALE_TABLES[table]))
    if not group:
        return str(SCALE_TABLES.get(table, ""))
    return _("%(table)s, nhóm %(group)s") % {"table": SCALE_TABLES.get(table, ""), "group": group}


def support_jobs(day: dt.date) -> dict[str, str]:
    """The names of the jobs of Bảng 4 (support staff), which stand in for a rank group there."""
    table = rule_table(SCALES_TABLE)
    names = {
        # The note names the job, then how sure the row is: "Nhân viên phục vụ (cross-checked: …)".
        code.split(".", 1)[1]: row.note.split(" (", 1)[0].rstrip(".")
        for code, row in table.in_force(day).items()
        if code.startswith("bang_4") and row.note
    }
    names.setdefault("phuc_vu", str(_("Nhân viên phục vụ")))
    return names


def scenario(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A scenario: its progress while the job runs, then its funds, aggregates and charts."""
    found = (
        SalaryScenario.objects.restrict(request.user).select_related("organization", "job").get_or_404(pk=pk)
    )
    finished = bool(found.results)
    if request.htmx and finished:
        response = HttpResponse()
        response["HX-Refresh"] = "true"
        return response
    results = found.results
    context: dict[str, Any] = {"scenario": found, "finished": finished, "job": found.job}
    if finished:
        categories = {str(value): str(label) for value, label in Category.choices}
        by_unit = _labelled(results["by_unit"], {})
        context.update(
            results=results,
            by_unit=by_unit,
            by_category=_labelled(results["by_category"], categories),
            by_group=_labelled(results["by_group"], support_jobs(found.starts_on)),
            chart={
                "labels": [row["label"] for row in by_unit[:20]],
                "datasets": [
                    {
                        "label": str(_("Hiện hành (tháng)")),
                        "values": [row["baseline"] for row in by_unit[:20]],
                    },
                    {
                        "label": str(_("Phương án (tháng)")),
                        "values": [row["scenario"] for row in by_unit[:20]],
                    },
                ],
            },
            changes=[
                (KIND_LABELS_LAZY.get(kind, kind), value) for kind, value in found.allowance_changes.items()
            ],
        )
    template = "payroll/_scenario_progress.html" if request.htmx else "payroll/scenario.html"
    return render(request, template, context)


def scenario_export(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = SalaryScenario.objects.restrict(request.user, Action.EXPORT).get_or_404(pk=pk)
    if not found.results:
        raise Http404
    audit.record_read(request, audit.DATA_EXPORTED)
    categories = {str(value): str(label) for value, label in Category.choices}
    content = exports.scenario_workbook(found, categories, support_jobs(found.starts_on))
    return _xlsx(content, f"phuong-an-tra-luong-{found.pk}.xlsx")


# --- Step raises ---------------------------------------------------------------------------------------


def _unit_and_year(request: AuthenticatedRequest, data: Any) -> tuple[Any, int]:
    units = Organization.objects.restrict(request.user).order_by("path")
    raw_unit, raw_year = data.get("organization", ""), data.get("year", "")
    unit = units.filter(pk=int(raw_unit)).first() if raw_unit.isdigit() and len(raw_unit) < 19 else None
    year = int(raw_year) if raw_year.isdigit() and 2004 < int(raw_year) < 2100 else dates.today().year
    return unit or units.first(), year


ROWS_SHOWN = 500


def _due_rows(request: AuthenticatedRequest, frame: Any, jobs: dict[str, str]) -> list[dict[str, Any]]:
    shown = frame.head(ROWS_SHOWN).to_dicts()
    names = dict(
        Person.objects.restrict(request.user)
        .filter(pk__in=[row["person_id"] for row in shown])
        .values_list("pk", "full_name")
    )
    return [
        {**row, "name": names[row["person_id"]], "scale_label": scale_label(row["scale"], jobs)}
        for row in shown
        if row["person_id"] in names
    ]


def raises(request: AuthenticatedRequest, errors: list[str] | None = None) -> HttpResponse:
    """The regular step raises and seniority increases due in a year in a unit's subtree, those who may
    be raised early the next year, and the form an HR officer proposes the selected ones with."""
    units = Organization.objects.restrict(request.user).order_by("path")
    unit, year = _unit_and_year(request, request.POST if errors is not None else request.GET)
    context = _raises_context(
        request, unit, year, errors, posted_choices(request) if errors is not None else None
    )
    return render(request, "payroll/raises.html", {**context, "units": units})


Choice = tuple[int, str, dt.date | None, str]


def posted_choices(request: AuthenticatedRequest) -> dict[str, Choice]:
    """The persons ticked on the form, with the months early and achievement entered for each; those
    ticked for an early raise on a retirement notice with its retirement date and notice (these win)."""
    chosen: dict[str, Choice] = {}
    for raw in request.POST.getlist("person")[:5000]:
        months = request.POST.get(f"early_{raw}", "")
        chosen[raw] = (
            int(months) if months.isdigit() and len(months) < 3 else 0,
            request.POST.get(f"achievement_{raw}", "")[:300],
            None,
            "",
        )
    if request.POST.get("all_due") == "1":
        chosen.update(_due_elsewhere(request, chosen))
    field = forms.DateField(required=False, widget=DateTextInput())
    for raw in request.POST.getlist("retiring")[:5000]:
        try:
            retires = field.clean(request.POST.get(f"retires_{raw}", "")[:20])
        except ValidationError:
            retires = None
        chosen[raw] = (0, "", retires, request.POST.get(f"notice_{raw}", "")[:200])
    return chosen


def _due_elsewhere(request: AuthenticatedRequest, chosen: dict[str, Choice]) -> dict[str, Choice]:
    """The persons due in the posted unit and year on the pages of the list not posted (not among the
    ``shown`` ones, so that a box cleared on the page stays cleared), but for those awaiting approval in
    another proposal: the whole list proposed at once."""
    unit, year = _unit_and_year(request, request.POST)
    if unit is None:
        return {}
    shown = set(request.POST.getlist("shown")[:5000]) | set(chosen)
    due = raises_due(unit.path, year, SalaryLaw.load())["person_id"].to_list()
    pending = set(
        RaiseProposalItem.objects.restrict(request.user)
        .filter(person_id__in=due, proposal__status=ProposalStatus.SUBMITTED)
        .values_list("person_id", flat=True)
    )
    return {
        str(person_id): (0, "", None, "")
        for person_id in due
        if str(person_id) not in shown and person_id not in pending
    }


def retiring_rows(
    request: AuthenticatedRequest, unit: Organization, year: int, held: pl.DataFrame, jobs: dict[str, str]
) -> list[dict[str, Any]]:
    """The persons of ``held`` (the raises due in ``year`` and the next) who retire at the statutory age in
    ``year`` and would get the early raise on a retirement notice (Thông tư 08/2013/TT-BNV Điều 3 khoản 2):
    the retirement date of each is worked out only for those old enough."""
    candidates = held.filter(~pl.col("beyond_frame") & (pl.col("postponed") == 0))
    born_by = dt.date(year - 54, 12, 31)
    people = (
        Person.objects.restrict(request.user)
        .filter(pk__in=candidates["person_id"].to_list(), birth_date__lte=born_by)
        .exclude(gender="")
        .values_list("pk", "birth_date", "gender")
    )
    notices = []
    for person_id, birth, gender in people:
        try:
            retires = retirement_date(birth, gender).pension_start
        except RetirementError:
            continue
        if retires.year == year:
            notices.append((person_id, retires))
    if not notices:
        return []
    frame = retirement_raises(
        candidates, pl.DataFrame(notices, schema=NOTICE_COLUMNS, orient="row"), rule_table(RULES_TABLE), year
    ).filter(pl.col("problem").is_null())
    found = frame.join(
        candidates.select(pl.exclude("regular_due", "due_on", "beyond_frame", "postponed", "reasons")),
        on="person_id",
    )
    return _due_rows(request, found.sort("effective_from", "person_id"), jobs)


RAISES_PAGE = 100


def _raises_context(
    request: AuthenticatedRequest,
    unit: Organization | None,
    year: int,
    errors: list[str] | None,
    chosen: dict[str, tuple[int, str, dt.date | None, str]] | None,
    editing: RaiseProposal | None = None,
) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    page = None
    carried: list[int] = []
    early: list[dict[str, Any]] = []
    early_total = 0
    retiring: list[dict[str, Any]] = []
    total = 0
    may_propose = False
    if unit is not None:
        law = SalaryLaw.load()
        jobs = support_jobs(dt.date(year, 1, 1))
        due = raises_due(unit.path, year, law)
        total = due.height
        number = min(page_number(request), max(1, -(-total // RAISES_PAGE)))
        start = (number - 1) * RAISES_PAGE
        rows = _due_rows(request, due.slice(start, RAISES_PAGE), jobs)
        page = ListPage(rows, number, RAISES_PAGE, total, has_next=start + RAISES_PAGE < total)
        if chosen is not None:
            on_page = {str(row["person_id"]) for row in rows}
            carried = [
                person_id
                for person_id in due["person_id"].to_list()
                if str(person_id) in chosen and str(person_id) not in on_page
            ]
        may_propose = can(request.user, Action.CHANGE, unit)
        if may_propose:
            later = raises_due(unit.path, year + 1, law).filter(
                ~pl.col("beyond_frame") & ~pl.col("person_id").is_in(due["person_id"].implode())
            )
            early = _due_rows(request, later, jobs)
            early_total = later.height
            in_a_row = early_in_a_row(
                rule_table(RULES_TABLE), year, {row["person_id"]: row["salary_id"] for row in early}
            )
            for row in early:
                row["in_a_row"] = in_a_row.get(row["person_id"], "")
            retiring = retiring_rows(request, unit, year, pl.concat([due, later]), jobs)
    pending = set(
        RaiseProposalItem.objects.restrict(request.user)
        .filter(
            person_id__in=[row["person_id"] for row in rows + early],
            proposal__status=ProposalStatus.SUBMITTED,
        )
        .values_list("person_id", flat=True)
    )
    for row in rows + early + retiring:
        row["pending"] = row["person_id"] in pending
        months, achievement, retires, notice = (chosen or {}).get(str(row["person_id"]), (0, "", None, ""))
        row["months_early"], row["achievement"] = months or 12, achievement
        row["notice"] = notice
        row["retiring"] = retires is not None
        if retires is not None:
            row["retires_on"] = retires
    return {
        **_quota_context(request, unit, year),
        "unit": unit,
        "year": year,
        "rows": rows,
        "page": page,
        "carried": carried,
        "early": early,
        "early_total": early_total,
        "retiring": retiring,
        "total": total,
        "may_propose": may_propose,
        "errors": errors or [],
        "chosen": set(chosen or ()),
        "months": range(1, 13),
        "editing": editing,
    }


def _quota_context(request: AuthenticatedRequest, unit: Organization | None, year: int) -> dict[str, Any]:
    """The unit's early-raise quota for ``year`` with the places used, and the pool of its direct units'
    remainders (Thông tư 08/2013/TT-BNV Điều 3 khoản 1 điểm b as amended by Thông tư 03/2021/TT-BNV)."""
    if unit is None:
        return {"quota": None, "pool": None}
    quota = early_quota(unit, year)
    used = approved_early(unit, year)
    pool = remainder_pool(unit, year)
    return {
        "quota": quota,
        "quota_used": used,
        "quota_left": max(quota.places - used, 0),
        "pool": pool,
        "lapses_on": lapse_date(year),
        "may_grant": pool is not None and pool.available > 0 and can(request.user, Action.APPROVE, unit),
    }


def raises_grant(request: AuthenticatedRequest) -> HttpResponse:
    """Grant a direct unit extra early-raise places out of the remainders pooled by the superior."""
    if request.method != "POST" or not may_somewhere(request.user, Action.APPROVE):
        raise PermissionDenied
    data = request.POST
    raw = [data.get(name, "") for name in ("organization", "unit", "year", "places")]
    if not all(value.isdigit() and len(value) < 19 for value in raw) or not 2004 < int(raw[2]) < 2100:
        raise Http404
    superior = Organization.objects.restrict(request.user, Action.APPROVE).get_or_404(pk=int(raw[0]))
    unit = Organization.objects.restrict(request.user).get_or_404(pk=int(raw[1]))
    try:
        decided = forms.DateField(required=False, widget=DateTextInput()).clean(
            data.get("decision_date", "")[:20]
        )
        actions.do_grant_early_places(
            superior=superior,
            unit=unit,
            year=int(raw[2]),
            places=int(raw[3]),
            decision_number=data.get("decision_number", "")[:64],
            decision_date=decided,
            acting_user=request.user,
        )
    except ValidationError as error:
        return raises(request, errors=error.messages)
    return redirect(f"{reverse('payroll:raises')}?organization={superior.pk}&year={raw[2]}#early-quota")


def _selections(request: AuthenticatedRequest) -> list[Selection]:
    return [
        Selection(int(raw), months, achievement, retires, notice)
        for raw, (months, achievement, retires, notice) in posted_choices(request).items()
        if raw.isdigit() and len(raw) <= 18
    ]


def raises_propose(request: AuthenticatedRequest) -> HttpResponse:
    """Propose the selected raises (regular, and early by the months chosen) of a unit and a year."""
    if request.method != "POST" or not may_somewhere(request.user, Action.CHANGE):
        raise PermissionDenied
    raw_unit, raw_year = request.POST.get("organization", ""), request.POST.get("year", "")
    if not (raw_unit.isdigit() and len(raw_unit) < 19 and raw_year.isdigit() and len(raw_year) == 4):
        raise Http404
    unit = Organization.objects.restrict(request.user, Action.CHANGE).get_or_404(pk=int(raw_unit))
    selections = _selections(request)
    try:
        proposal = actions.do_propose_raises(
            organization=unit,
            year=int(raw_year),
            selections=selections,
            title=request.POST.get("title", "")[:200],
            acting_user=request.user,
        )
    except ValidationError as error:
        return raises(request, errors=error.messages)
    return redirect("payroll:proposal", pk=proposal.pk)


def proposals(request: AuthenticatedRequest) -> HttpResponse:
    """The step-raise proposals in scope, newest first."""
    found = RaiseProposal.objects.restrict(request.user).select_related("organization")
    page = Paginator(found.annotate(persons=Count("items")).order_by("-year", "-pk"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "payroll/proposals.html", {"page": page})


def proposal_items(found: RaiseProposal) -> list[RaiseProposalItem]:
    """A proposal's lines as its page, list and API show them: each with its scale's name and legal basis."""
    items = list(
        found.items.select_related("person", "salary_record").order_by("effective_from", "person__full_name")
    )
    jobs = support_jobs(dt.date(found.year, 1, 1))
    rules = rule_table(RULES_TABLE)
    owed = arrears(items, SalaryLaw.load())
    paid = paid_months(item.pk for item in items)
    for item in items:
        item.scale_label = scale_label(item.scale, jobs)
        item.legal_basis = raise_basis(rules, item.kind, item.effective_from)
        item.arrears = owed.get(item.person_id, [])
        item.arrears_error = owed.problems.get(item.person_id, "")
        item.arrears_total = sum(month.amount for month in item.arrears)
        item.arrears_basis = arrears_citation(item.effective_from) if item.arrears else ""
        item.arrears_net = sum(month.net for month in item.arrears)
        item.arrears_paid = {
            month.month: paid[(item.pk, month.month)]
            for month in item.arrears
            if (item.pk, month.month) in paid
        }
        item.arrears_rows = [(month, item.arrears_paid.get(month.month)) for month in item.arrears]
    return items


def proposal(request: AuthenticatedRequest, pk: int, errors: list[str] | None = None) -> HttpResponse:
    """A proposal: its persons and raises; for an approver, the forms to approve or return it."""
    found = RaiseProposal.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    submitted = found.status == ProposalStatus.SUBMITTED
    items = proposal_items(found)
    context = {
        "proposal": found,
        "items": items,
        "has_arrears": any(item.arrears or item.arrears_error for item in items),  # type: ignore[attr-defined]
        "arrears_errors": [item.arrears_error for item in items if item.arrears_error],  # type: ignore[attr-defined]
        "may_decide": submitted and can(request.user, Action.APPROVE, found),
        "may_edit": found.status == ProposalStatus.RETURNED and can(request.user, Action.CHANGE, found),
        "may_export": found.status == ProposalStatus.APPROVED and can(request.user, Action.EXPORT, found),
        "errors": errors or [],
        "today": dates.today(),
    }
    return render(request, "payroll/proposal.html", context)


def proposal_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Edit a returned proposal and submit it again: the raises due of its unit and year, its persons
    ticked with their months early and achievements, the approver's comment above."""
    found = (
        RaiseProposal.objects.restrict(request.user, Action.CHANGE)
        .select_related("organization")
        .get_or_404(pk=pk)
    )
    if found.status != ProposalStatus.RETURNED:
        raise Http404
    errors = None
    if request.method == "POST":
        try:
            actions.do_resubmit_raise_proposal(
                proposal=found,
                selections=_selections(request),
                title=request.POST.get("title", "")[:200],
                acting_user=request.user,
            )
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect("payroll:proposal", pk=found.pk)
        chosen = posted_choices(request)
    else:
        chosen = {
            str(item.person_id): (item.months_early, item.achievement, item.retires_on, item.notice)
            for item in found.items.all()
        }
    context = _raises_context(request, found.organization, found.year, errors, chosen, editing=found)
    return render(request, "payroll/raises.html", context)


def proposal_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Approve a proposal: every person's new dated salary step, with the decision's number and date."""
    if request.method != "POST":
        raise PermissionDenied
    found = RaiseProposal.objects.restrict(request.user, Action.APPROVE).get_or_404(pk=pk)
    field = forms.DateField(required=False, widget=DateTextInput())
    try:
        decided = field.clean(request.POST.get("decision_date", "")[:20])
        actions.do_approve_raise_proposal(
            proposal=found,
            decision_number=request.POST.get("decision_number", "")[:64],
            decision_date=decided,
            acting_user=request.user,
        )
    except ValidationError as error:
        return proposal(request, pk, errors=error.messages)
    return redirect("payroll:proposal", pk=pk)


def proposal_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Return a proposal to its officer with a comment."""
    if request.method != "POST":
        raise PermissionDenied
    found = RaiseProposal.objects.restrict(request.user, Action.APPROVE).get_or_404(pk=pk)
    try:
        actions.do_return_raise_proposal(
            proposal=found, comment=request.POST.get("comment", "")[:2000], acting_user=request.user
        )
    except ValidationError as error:
        return proposal(request, pk, errors=error.messages)
    return redirect("payroll:proposal", pk=pk)


def proposal_sheet(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The approved proposal's list of raises as a workbook."""
    found = (
        RaiseProposal.objects.restrict(request.user, Action.EXPORT)
        .select_related("organization")
        .get_or_404(pk=pk)
    )
    if found.status != ProposalStatus.APPROVED:
        raise Http404
    audit.record_read(request, audit.DATA_EXPORTED)
    return sheet_response(found)


def proposal_notice(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The notice of one person's raise (thông báo nâng bậc lương) as a Word document."""
    item = (
        RaiseProposalItem.objects.restrict(request.user, Action.EXPORT)
        .select_related("proposal__organization", "person", "salary_record")
        .get_or_404(pk=pk)
    )
    if item.proposal.status != ProposalStatus.APPROVED:
        raise Http404
    audit.record_read(request, audit.DATA_EXPORTED)
    return notice_response(item)


def notice_response(item: RaiseProposalItem) -> HttpResponse:
    """The Word notice of an approved line, as the page and the API give it."""
    item.scale_label = scale_label(item.scale, support_jobs(item.effective_from))  # type: ignore[attr-defined]
    owed = arrears([item], SalaryLaw.load())
    item.arrears = owed.get(item.person_id, [])  # type: ignore[attr-defined]
    item.arrears_error = owed.problems.get(item.person_id, "")  # type: ignore[attr-defined]
    response = HttpResponse(word.raise_notice(item), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="thong-bao-nang-bac-luong-{item.pk}.docx"'
    return response


def sheet_response(found: RaiseProposal) -> HttpResponse:
    """The workbook of an approved proposal, as the page and the API give it."""
    return _xlsx(exports.raises_workbook(found, proposal_items(found)), f"nang-bac-luong-{found.pk}.xlsx")


class RankForm(forms.Form):
    rank_code = forms.CharField(
        label=_("Mã ngạch mới"), max_length=16, widget=forms.TextInput(attrs={"class": "input"})
    )
    appointed_on = forms.DateField(label=_("Ngày bổ nhiệm vào ngạch mới"), widget=DateTextInput())
    transfer = forms.BooleanField(label=_("Chuyển ngạch (không phải nâng ngạch)"), required=False)
    decision_number = forms.CharField(
        label=_("Số quyết định"),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={"class": "input"}),
    )
    decision_date = forms.DateField(label=_("Ngày quyết định"), required=False, widget=DateTextInput())


def person_rank(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Promote or transfer a person to a new rank and place them on its scale (Thông tư 02/2007/TT-BNV)."""
    person = Person.objects.restrict(request.user, Action.CHANGE).get_or_404(pk=pk)
    form = RankForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_place_on_new_rank(person=person, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("payroll:person", pk=person.pk)
    return render(request, "payroll/person_rank.html", {"person": person, "form": form})
