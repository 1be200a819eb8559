"""Pages of evaluation: the list of evaluations, a person's evaluations with the self-assessment, an
evaluation with its steps (the manager's assessment, the decision), a period's results per unit with a
chart and the Excel export, and the tasks with their progress and summaries."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.dates import today
from noivu.core.forms import add_refusal, styled_filters
from noivu.core.listing import page_number, page_of
from noivu.core.permissions import Action, can, may_somewhere
from noivu.evaluation import actions, engine, exports
from noivu.evaluation.filters import EvaluationFilters, TaskFilters
from noivu.evaluation.forms import AssessmentForm, DecisionForm, ProgressForm, SelfAssessmentForm, TaskForm
from noivu.evaluation.models import Evaluation, Level, PeriodKind, Status, Task, period_label
from noivu.organizations.models import Organization
from noivu.personnel.excel.exporter import XLSX
from noivu.personnel.models import Person

PER_PAGE = 50


def index(request: AuthenticatedRequest) -> HttpResponse:
    """The evaluations of the user's scope (danh sách phiếu đánh giá), newest period first."""
    filters = EvaluationFilters(request.GET, user=request.user)
    rows = (
        filters.apply(Evaluation.objects.restrict(request.user))
        .select_related("person", "organization")
        .order_by("-year", "-period_kind", "-period_number", "person__full_name_folded", "pk")
    )
    page = page_of(rows, number=page_number(request), size=PER_PAGE)
    return render(
        request,
        "evaluation/index.html",
        {"form": styled_filters(filters.form), "page": page, "query": filters.query_string()},
    )


def person(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A person's evaluations of every period, and the self-assessment of a new period."""
    subject = Person.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    may_change = can(request.user, Action.CHANGE, subject)
    form = SelfAssessmentForm(
        request.POST or None, initial={"year": today().year, "period_kind": PeriodKind.YEAR}
    )
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                row = actions.do_self_assess(person=subject, acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(
                    request, _("Đã ghi phiếu tự đánh giá %(period)s.") % {"period": row.period_label}
                )
                return redirect("evaluation:detail", pk=row.pk)
    rows = (
        Evaluation.objects.restrict(request.user)
        .filter(person=subject)
        .order_by("-year", "-period_kind", "-period_number")
    )
    return render(
        request,
        "evaluation/person.html",
        {"person": subject, "rows": rows, "form": form, "may_change": may_change},
    )


def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """An evaluation: the self-assessment, the manager's assessment with the score's components, the
    decision; the form of the next step for the user who may take it."""
    row = Evaluation.objects.restrict(request.user).select_related("person", "organization").get_or_404(pk=pk)
    assess_form = AssessmentForm(request.POST if request.POST.get("step") == "assess" else None)
    decide_form = DecisionForm(request.POST if request.POST.get("step") == "decide" else None)
    if request.method == "POST":
        step = request.POST.get("step")
        form: Any = assess_form if step == "assess" else decide_form
        if step not in ("assess", "decide"):
            raise PermissionDenied
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if v not in (None, "") or k == "rating"}
            values["rating"] = values.get("rating") or ""
            try:
                if step == "assess":
                    actions.do_assess(evaluation=row, acting_user=request.user, **values)
                else:
                    actions.do_decide(evaluation=row, acting_user=request.user, **values)
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Đã ghi bước đánh giá."))
                return redirect("evaluation:detail", pk=row.pk)
    steps = row.components.get("steps", []) if isinstance(row.components, dict) else []
    components = (
        {k: v for k, v in row.components.items() if k != "steps"} if isinstance(row.components, dict) else {}
    )
    return render(
        request,
        "evaluation/detail.html",
        {
            "row": row,
            "steps": steps,
            "components": components,
            "scored": engine.is_scored(row.regime),
            "may_assess": row.status == Status.SELF_ASSESSED
            and can(request.user, Action.APPRAISE, row.person),
            "may_decide": row.status == Status.ASSESSED and can(request.user, Action.APPROVE, row.person),
            "assess_form": assess_form,
            "decide_form": decide_form,
        },
    )


def _period(request: AuthenticatedRequest) -> tuple[int, str, int]:
    def number(name: str, default: int, low: int, high: int) -> int:
        try:
            value = int(request.GET.get(name, default))
        except ValueError:
            return default
        return value if low <= value <= high else default

    kind = request.GET.get("period_kind", PeriodKind.YEAR)
    kind = kind if kind in PeriodKind.values else PeriodKind.YEAR
    limit = {PeriodKind.YEAR: 0, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}[PeriodKind(kind)]
    number_ = number(
        "period_number", 0 if kind == PeriodKind.YEAR else 1, 0 if kind == PeriodKind.YEAR else 1, limit
    )
    return number("year", today().year - 1, 1900, 2100), kind, number_


def _results(request: AuthenticatedRequest, action: str = Action.VIEW) -> dict[str, Any]:
    year, kind, number = _period(request)
    units = Organization.objects.restrict(request.user, action)
    code = request.GET.get("under", "")
    unit = units.filter(code=code).first() if code else None
    rows = Evaluation.objects.restrict(request.user, action)
    if unit is not None:
        rows = rows.filter(organization__path__startswith=unit.path)
    results, rule = engine.unit_results(rows, year, kind, number)
    totals = {level: sum(r.counts[level] for r in results) for level in Level.values}
    return {
        "year": year,
        "period_kind": kind,
        "period_number": number,
        "period": period_label(year, kind, number),
        "unit": unit,
        "results": results,
        "rule": rule,
        "totals": totals,
        "levels": Level.choices,
        "kinds": PeriodKind.choices,
    }


def results(request: AuthenticatedRequest) -> HttpResponse:
    """A period's ratings per unit (kết quả xếp loại của đơn vị): counts per level, the cap of "hoàn thành
    xuất sắc" and any unit over it, a chart and the Excel export."""
    context = _results(request)
    context["chart"] = {
        "labels": [str(label) for _code, label in Level.choices],
        "datasets": [
            {"label": context["period"], "values": [context["totals"][code] for code in Level.values]}
        ],
    }
    context["may_export"] = may_somewhere(request.user, Action.EXPORT)
    context["query"] = request.GET.urlencode()
    return render(request, "evaluation/results.html", context)


def results_export(request: AuthenticatedRequest) -> HttpResponse:
    if not may_somewhere(request.user, Action.EXPORT):
        raise PermissionDenied
    context = _results(request, Action.EXPORT)
    content = exports.results_workbook(context["results"], context["period"], context["rule"])
    audit.record_read(request, audit.DATA_EXPORTED)
    response = HttpResponse(content, content_type=XLSX)
    name = f"xep-loai-{context['year']}-{context['period_kind']}-{context['period_number']}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def tasks(request: AuthenticatedRequest) -> HttpResponse:
    """The tasks of the user's scope with their progress; overdue ones flagged; summaries per person by
    month, quarter or year."""
    filters = TaskFilters(request.GET, user=request.user)
    rows = (
        filters.apply(Task.objects.restrict(request.user))
        .select_related("organization", "owner")
        .annotate(finished=Sum("progress__quantity"))
        .order_by("deadline", "pk")
    )
    page = page_of(rows, number=page_number(request), size=PER_PAGE)
    day = today()
    granularity = request.GET.get("summary", PeriodKind.QUARTER)
    granularity = granularity if granularity in PeriodKind.values else PeriodKind.QUARTER
    summary_year = _period(request)[0] if "year" in request.GET else day.year
    base = filters.apply(Task.objects.restrict(request.user))
    summaries = engine.task_summaries(base, summary_year, granularity, by="organization_id", day=day)
    names = dict(
        Organization.objects.restrict(request.user)
        .filter(pk__in={s.key for s in summaries})
        .values_list("pk", "name")
    )
    return render(
        request,
        "evaluation/tasks.html",
        {
            "form": styled_filters(filters.form),
            "page": page,
            "today": day,
            "summaries": [(names.get(s.key, ""), s) for s in summaries],
            "granularity": granularity,
            "summary_year": summary_year,
            "kinds": PeriodKind.choices,
            "query": filters.query_string(),
        },
    )


def unit_tasks(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A unit's tasks, the assignment of a new one to the unit or one of its persons (giao việc), and the
    summary of each person's results this year."""
    unit = Organization.objects.restrict(request.user).get_or_404(pk=pk)
    people = list(
        Person.objects.restrict(request.user)
        .filter(organization=unit)
        .order_by("full_name_folded")
        .values_list("pk", "full_name")
    )
    form = TaskForm(request.POST or None)
    owner_field = form.fields["owner"]
    assert isinstance(owner_field, forms.TypedChoiceField)
    owner_field.choices = [("", _("Cả đơn vị")), *people]
    if request.method == "POST":
        if not can(request.user, Action.CHANGE, unit):
            raise PermissionDenied
        if form.is_valid():
            values = dict(form.cleaned_data)
            owner_id = values.pop("owner")
            owner = Person.objects.restrict(request.user).filter(pk=owner_id).first() if owner_id else None
            try:
                actions.do_assign_task(organization=unit, owner=owner, acting_user=request.user, **values)
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Đã giao nhiệm vụ."))
                return redirect("evaluation:unit_tasks", pk=unit.pk)
    day = today()
    rows = (
        Task.objects.restrict(request.user)
        .filter(organization=unit)
        .select_related("owner")
        .annotate(finished=Sum("progress__quantity"))
        .order_by("deadline", "pk")
    )
    summaries = engine.task_summaries(rows, day.year, PeriodKind.YEAR, day=day)
    names = dict(people)
    return render(
        request,
        "evaluation/unit_tasks.html",
        {
            "unit": unit,
            "rows": rows[:200],
            "form": form,
            "today": day,
            "summaries": [(names.get(s.key, _("Cả đơn vị")), s) for s in summaries],
            "may_change": can(request.user, Action.CHANGE, unit),
        },
    )


def task(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A task with its progress reports, and a new report."""
    row = Task.objects.restrict(request.user).select_related("organization", "owner").get_or_404(pk=pk)
    form = ProgressForm(request.POST or None)
    if request.method == "POST":
        if not can(request.user, Action.CHANGE, row):
            raise PermissionDenied
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if v is not None}
            try:
                actions.do_report_progress(task=row, acting_user=request.user, **values)
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Đã ghi tiến độ."))
                return redirect("evaluation:task", pk=row.pk)
    reports = row.progress.order_by("reported_on", "pk")
    finished = sum(report.quantity for report in reports)
    return render(
        request,
        "evaluation/task.html",
        {
            "row": row,
            "reports": reports,
            "finished": finished,
            "percent": engine.progress_share(row.target_quantity, finished),
            "overdue": row.is_overdue(),
            "form": form,
            "may_change": can(request.user, Action.CHANGE, row) and row.status == "open",
        },
    )
