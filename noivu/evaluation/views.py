"""Pages of evaluation: the list of evaluations, a person's evaluations with the self-assessment, an
evaluation with its steps (the manager's assessment, the decision), a period's results per unit with a
chart and the Excel export, and the tasks with their progress and summaries."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.dates import today
from noivu.core.forms import add_refusal, styled_filters
from noivu.core.http import XLSX
from noivu.core.listing import page_number, page_of
from noivu.core.permissions import Action, can, may_somewhere
from noivu.evaluation import actions, engine, exports
from noivu.evaluation.filters import EvaluationFilters, TaskFilters
from noivu.evaluation.forms import AssessmentForm, DecisionForm, ProgressForm, SelfAssessmentForm, TaskForm
from noivu.evaluation.models import Evaluation, Level, PeriodKind, Status, Task, TaskStatus, period_label
from noivu.organizations.models import Organization
from noivu.personnel.models import Person

PER_PAGE = 50
RESULTS_PER_PAGE = 20


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
    codes = dict(units.filter(pk__in={r.organization_id for r in results}).values_list("pk", "code"))
    for result in results:
        result.code = codes.get(result.organization_id, "")
    above = (
        units.filter(path__in=[unit.path[:end] for end in range(unit.steplen, len(unit.path), unit.steplen)])
        if unit is not None
        else units.none()
    )
    totals = {level: sum(r.counts[level] for r in results) for level in Level.values}
    return {
        "year": year,
        "period_kind": kind,
        "period_number": number,
        "period": period_label(year, kind, number),
        "unit": unit,
        "above": above,
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
    # A scope holds thousands of units: the table shows them a page at a time (those over the cap first),
    # so that the list stays readable on a phone; a unit's name opens its own sub-tree.
    pages = Paginator(context["results"], RESULTS_PER_PAGE)
    context["result_page"] = pages.get_page(page_number(request))
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


RECEIVER_PERSONS_LIMIT = 500
SUMMARY_PERSONS_LIMIT = 200


def _receivers(request: AuthenticatedRequest, unit: Organization) -> list[Any]:
    """Whom ``unit`` may give a task to, as the choices of the form: the unit itself, each unit right below
    it, and the persons of its sub-tree (grouped by unit; the first ``RECEIVER_PERSONS_LIMIT``)."""
    below = (
        Organization.objects.restrict(request.user)
        .filter(path__startswith=unit.path, depth=unit.depth + 1)
        .values_list("pk", "name")
    )
    choices: list[Any] = [(f"o{unit.pk}", _("%(unit)s (cả đơn vị)") % {"unit": unit.name})]
    units = [(f"o{pk}", name) for pk, name in below]
    if units:
        choices.append((_("Đơn vị cấp dưới"), units))
    people = (
        Person.objects.restrict(request.user)
        .filter(organization__path__startswith=unit.path)
        .order_by("organization__path", "full_name_folded")
        .values_list("pk", "full_name", "organization__name")[:RECEIVER_PERSONS_LIMIT]
    )
    groups: dict[str, list[tuple[str, str]]] = {}
    for pk, name, unit_name in people:
        groups.setdefault(unit_name, []).append((f"p{pk}", name))
    choices += [(_("Người thực hiện — %(unit)s") % {"unit": name}, rows) for name, rows in groups.items()]
    return choices


def _receiver(request: AuthenticatedRequest, value: str) -> tuple[Organization | None, Person | None]:
    """The unit and person a receiver choice names, read within the reader's scope."""
    kind, number = value[:1], value[1:]
    if not number.isdigit():
        return None, None
    if kind == "p":
        person_ = (
            Person.objects.restrict(request.user).select_related("organization").filter(pk=number).first()
        )
        return (person_.organization if person_ else None), person_
    return Organization.objects.restrict(request.user).filter(pk=number).first(), None


def _assign(
    request: AuthenticatedRequest, form: TaskForm, assigned_by: Organization, parent: Task | None = None
) -> bool:
    """Give the task the form describes through the action; the action's refusal goes onto the form."""
    values = dict(form.cleaned_data)
    organization, owner = _receiver(request, values.pop("receiver"))
    if organization is None:
        form.add_error("receiver", _("Không tìm thấy đơn vị hoặc người được giao trong phạm vi của bạn."))
        return False
    try:
        actions.do_assign_task(
            organization=organization,
            owner=owner,
            assigned_by=assigned_by,
            parent=parent,
            acting_user=request.user,
            **values,
        )
    except ValidationError as error:
        add_refusal(form, error)
        return False
    return True


def _granularity(request: AuthenticatedRequest) -> str:
    value = request.GET.get("summary", PeriodKind.QUARTER)
    return value if value in PeriodKind.values else PeriodKind.QUARTER


def unit_tasks(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A unit's tasks: those it received and those it gave to the units and persons below (giao việc xuống
    cấp dưới), the assignment of a new one, and the summaries of its whole sub-tree by month, quarter or
    year — per unit right below it and per person — with the overdue tasks counted."""
    unit = Organization.objects.restrict(request.user).get_or_404(pk=pk)
    may_change = can(request.user, Action.CHANGE, unit)
    form = TaskForm(request.POST or None)
    receiver_field = form.fields["receiver"]
    assert isinstance(receiver_field, forms.ChoiceField)
    receiver_field.choices = _receivers(request, unit) if may_change else []
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid() and _assign(request, form, unit):
            messages.success(request, _("Đã giao nhiệm vụ."))
            return redirect("evaluation:unit_tasks", pk=unit.pk)
    day = today()
    visible = Task.objects.restrict(request.user)
    listed = (
        visible.select_related("owner", "organization", "assigned_by")
        .annotate(finished=Sum("progress__quantity"))
        .order_by("deadline", "pk")
    )
    received = listed.filter(organization=unit)
    given = listed.filter(assigned_by=unit).exclude(organization=unit)
    year = _period(request)[0] if "year" in request.GET else day.year
    granularity = _granularity(request)
    by_branch, by_person = engine.subtree_summaries(
        visible, unit.path, unit.steplen, year, granularity, day=day
    )
    branches = dict(
        Organization.objects.restrict(request.user)
        .filter(path__in={s.key for s in by_branch})
        .values_list("path", "name")
    )
    shown = {s.key for s in by_person if s.key}
    if len(shown) > SUMMARY_PERSONS_LIMIT:
        shown = set(sorted(shown)[:SUMMARY_PERSONS_LIMIT])
        by_person = [s for s in by_person if s.key is None or s.key in shown]
    names = dict(Person.objects.restrict(request.user).filter(pk__in=shown).values_list("pk", "full_name"))
    ancestors = Organization.objects.restrict(request.user).filter(
        path__in=[unit.path[:end] for end in range(unit.steplen, len(unit.path), unit.steplen)]
    )
    children = dict(
        Organization.objects.restrict(request.user)
        .filter(path__startswith=unit.path, depth=unit.depth + 1)
        .values_list("path", "pk")
    )
    return render(
        request,
        "evaluation/unit_tasks.html",
        {
            "unit": unit,
            "ancestors": ancestors,
            "received": received[:200],
            "given": given[:200],
            "form": form,
            "today": day,
            "year": year,
            "granularity": granularity,
            "kinds": PeriodKind.choices,
            "unit_summaries": [
                (branches.get(s.key, ""), children.get(s.key), s.key == unit.path, s) for s in by_branch
            ],
            "person_summaries": [(names.get(s.key, "") if s.key else None, s) for s in by_person],
            "persons_cut": len(shown) == SUMMARY_PERSONS_LIMIT,
            "may_change": may_change,
        },
    )


def task(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A task with its progress reports and a new report; the parts it was split into (giao tiếp cho cấp
    dưới) with their progress, and the split of a part for the receiving unit's own units or persons."""
    row = (
        Task.objects.restrict(request.user)
        .select_related("organization", "owner", "assigned_by", "parent")
        .get_or_404(pk=pk)
    )
    may_change = can(request.user, Action.CHANGE, row) and row.status == TaskStatus.OPEN
    step = request.POST.get("step", "progress") if request.method == "POST" else ""
    form = ProgressForm(request.POST if step == "progress" else None)
    part_form = TaskForm(request.POST if step == "split" else None, prefix="part")
    receiver_field = part_form.fields["receiver"]
    assert isinstance(receiver_field, forms.ChoiceField)
    receiver_field.choices = _receivers(request, row.organization) if may_change else []
    if request.method == "POST":
        if not can(request.user, Action.CHANGE, row):
            raise PermissionDenied
        if step == "split":
            if part_form.is_valid() and _assign(request, part_form, row.organization, parent=row):
                messages.success(request, _("Đã giao tiếp nhiệm vụ cho cấp dưới."))
                return redirect("evaluation:task", pk=row.pk)
        elif form.is_valid():
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
    parts = (
        Task.objects.restrict(request.user)
        .filter(parent=row)
        .select_related("organization", "owner")
        .annotate(finished=Sum("progress__quantity"))
        .order_by("deadline", "pk")
    )
    return render(
        request,
        "evaluation/task.html",
        {
            "row": row,
            "parent": Task.objects.restrict(request.user).filter(pk=row.parent_id).first(),
            "reports": reports,
            "finished": finished,
            "percent": engine.progress_share(row.target_quantity, finished),
            "overdue": row.is_overdue(),
            "form": form,
            "part_form": part_form,
            "parts": parts,
            "today": today(),
            "may_change": may_change,
        },
    )
