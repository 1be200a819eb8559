"""Views of staffing: parse (filter sets, forms), authorise (restricted reads), call the action, render."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit, dates
from noivu.core.forms import add_refusal, styled_filters
from noivu.core.http import XLSX
from noivu.core.listing import list_table, page_number, page_of
from noivu.core.permissions import Action, may_somewhere
from noivu.organizations.filters import unit_path
from noivu.organizations.models import Organization
from noivu.personnel.models import Assignment, Category, Person
from noivu.staffing import actions, exports
from noivu.staffing.benefits import item_label, regime_label
from noivu.staffing.filters import (
    CaseFilters,
    HeadcountFilters,
    QuotaFilters,
    RestructuringFilters,
    TargetFilters,
)
from noivu.staffing.forms import (
    AppraiseForm,
    CaseForm,
    DecideForm,
    ProfileForm,
    QuotaForm,
    RestructuringForm,
    TargetForm,
)
from noivu.staffing.headcount import focus, headcount, totals
from noivu.staffing.models import (
    QUOTA_FILLED_BY,
    OrganizationProfile,
    QuotaCategory,
    RestructuringEvent,
    StaffingQuota,
    StreamliningCase,
    StreamliningTarget,
    Workflow,
)
from noivu.staffing.presenters import CasePresenter, QuotaPresenter, RestructuringPresenter
from noivu.staffing.progress import progress


def _organization(
    request: AuthenticatedRequest, form: Any, field: str, action: str = Action.CHANGE
) -> Organization | None:
    code = form.cleaned_data.get(field)
    if not code:
        return None
    found = Organization.objects.restrict(request.user, action).filter(code=code.strip()).first()
    if found is None:
        form.add_error(
            field, _("Không có đơn vị mã %(code)s trong phạm vi bạn được thay đổi.") % {"code": code}
        )
    return found


def _run(form: Any, call: Callable[[], Any]) -> Any:
    try:
        return call()
    except ValidationError as error:
        add_refusal(form, error)
    except PermissionDenied as error:
        form.add_error(None, str(error) or _("Bạn không có quyền thực hiện thao tác này."))
    return None


def _carry_out(request: AuthenticatedRequest, call: Callable[[], Any]) -> Any:
    """Run an action of a page without a form (apply a restructuring, execute a case): its result, or
    None with its refusal shown as a message on the page the user returns to."""
    try:
        return call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error) or _("Bạn không có quyền thực hiện thao tác này."))
    return None


# --- Headcount against quota ------------------------------------------------------------------------


def _headcount_rows(
    request: AuthenticatedRequest, filters: HeadcountFilters, action: str = Action.VIEW
) -> list:
    return headcount(
        filters.apply(StaffingQuota.objects.restrict(request.user, action)),
        Assignment.objects.restrict(request.user, action),
        filters.as_of,
        category=filters.value("category") or None,
    )


def overview(request: AuthenticatedRequest) -> HttpResponse:
    """Quotas in force on a day against the persons assigned in each unit's subtree (biên chế và số người có
    mặt), with the totals by kind, a chart and the drill-down to the persons."""
    filters = HeadcountFilters(request.GET, user=request.user)
    rows = _headcount_rows(request, filters)
    summary = totals(rows)
    under = unit_path(filters.value("under")) if filters.value("under") else None
    shown = focus(rows, under)
    chart = {
        "labels": [str(QuotaCategory(kind).label) for kind in summary],
        "datasets": [
            {"label": _("Biên chế được giao"), "values": [figures["quota"] for figures in summary.values()]},
            {"label": _("Có mặt"), "values": [figures["assigned"] for figures in summary.values()]},
        ],
    }
    return render(
        request,
        "staffing/overview.html",
        {
            "filters": filters,
            "form": styled_filters(filters.form),
            "rows": shown,
            "under_code": filters.value("under") or "",
            "category": filters.value("category") or "",
            "summary": [{"label": QuotaCategory(kind).label, **figures} for kind, figures in summary.items()],
            "chart": chart,
            "query": filters.query_string(),
            "may_export": may_somewhere(request.user, Action.EXPORT),
        },
    )


def overview_export(request: AuthenticatedRequest) -> HttpResponse:
    if not may_somewhere(request.user, Action.EXPORT):
        raise PermissionDenied
    filters = HeadcountFilters(request.GET, user=request.user)
    content = exports.headcount_workbook(_headcount_rows(request, filters, Action.EXPORT), filters.as_of)
    audit.record_read(request, audit.DATA_EXPORTED)
    return _xlsx(content, f"bien-che-{filters.as_of:%Y%m%d}.xlsx")


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def assigned(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The persons assigned in a unit's subtree on a day, in the categories of one kind of quota."""
    organization = Organization.objects.restrict(request.user).get_or_404(pk=pk)
    filters = HeadcountFilters(request.GET, user=request.user)
    category = filters.value("category")
    rows = (
        Assignment.objects.restrict(request.user)
        .as_of(filters.as_of)
        .filter(is_primary=True, organization__path__startswith=organization.path)
        .select_related("person", "organization")
        .order_by("person__full_name_folded", "pk")
    )
    if category:
        rows = rows.filter(category__in=QUOTA_FILLED_BY[category])
    page = page_of(rows, number=page_number(request), size=settings.PERSONS_PER_PAGE)
    for row in page.rows:
        row.category_label = Category(row.category).label if row.category in Category.values else row.category
    return render(
        request,
        "staffing/assigned.html",
        {
            "organization": organization,
            "filters": filters,
            "form": styled_filters(filters.form),
            "category_label": QuotaCategory(category).label if category else "",
            "page": page,
            "may_propose": may_somewhere(request.user, Action.CHANGE),
            "today": dates.today(),
        },
    )


# --- Organisation details ---------------------------------------------------------------------------


def organization(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """What a unit is: type, functions and tasks, the document that established it; its restructurings."""
    unit = Organization.objects.restrict(request.user).get_or_404(pk=pk)
    profile = (
        OrganizationProfile.objects.restrict(request.user)
        .filter(organization=unit)
        .select_related("establishment_basis")
        .first()
    )
    may_change = Organization.objects.restrict(request.user, Action.CHANGE).filter(pk=pk).exists()
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        form = ProfileForm(request.POST)
        if form.is_valid():
            saved = _run(
                form,
                lambda: actions.do_save_organization_profile(
                    organization=unit, acting_user=request.user, **form.cleaned_data
                ),
            )
            if saved is not None:
                messages.success(request, _("Đã lưu thông tin tổ chức."))
                return redirect("staffing:organization", pk=pk)
    else:
        initial: dict[str, Any] = {}
        if profile is not None:
            initial = {
                "organization_type": profile.organization_type,
                "functions": profile.functions,
                "tasks": profile.tasks,
            }
            if profile.establishment_basis is not None:
                basis = profile.establishment_basis
                initial.update(
                    basis_number=basis.document_number,
                    basis_article=basis.article,
                    basis_title=basis.title,
                    basis_issued_on=basis.issued_on,
                )
        form = ProfileForm(initial=initial)
    events = (
        RestructuringEvent.objects.restrict(request.user)
        .filter(organization=unit)
        .select_related("successor")
    )
    quotas = (
        StaffingQuota.objects.restrict(request.user).filter(organization=unit).order_by("-year", "category")
    )
    return render(
        request,
        "staffing/organization.html",
        {
            "unit": unit,
            "profile": profile,
            "form": form,
            "may_change": may_change,
            "events": events,
            "quotas": quotas[:20],
        },
    )


# --- Quotas -----------------------------------------------------------------------------------------


def quotas(request: AuthenticatedRequest) -> HttpResponse:
    """Quotas by year, kind and status, and the proposal of a new one."""
    form = QuotaForm(initial={"year": dates.today().year + 1})
    if request.method == "POST":
        if not may_somewhere(request.user, Action.CHANGE):
            raise PermissionDenied
        form = QuotaForm(request.POST)
        if form.is_valid():
            unit = _organization(request, form, "organization")
            if unit is not None:
                data = {k: v for k, v in form.cleaned_data.items() if k != "organization"}
                quota = _run(
                    form,
                    lambda: actions.do_propose_quota(organization=unit, acting_user=request.user, **data),
                )
                if quota is not None:
                    messages.success(request, _("Đã gửi đề xuất biên chế."))
                    return redirect("staffing:quota", pk=quota.pk)
    filters = QuotaFilters(request.GET, user=request.user)
    rows = filters.apply(StaffingQuota.objects.restrict(request.user)).select_related("organization")
    return render(
        request,
        "staffing/quotas.html",
        {
            "filters": filters,
            "filter_form": styled_filters(filters.form),
            "form": form,
            "table": list_table(
                request,
                "quota",
                rows,
                QuotaPresenter,
                default_sort="-year",
                link=lambda q: reverse("staffing:quota", args=[q.pk]),
            ),
            "may_propose": may_somewhere(request.user, Action.CHANGE),
        },
    )


def quota(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = StaffingQuota.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    allowed = {
        action: StaffingQuota.objects.restrict(request.user, action).filter(pk=pk).exists()
        for action in (Action.APPRAISE, Action.APPROVE)
    }
    return render(
        request,
        "staffing/quota.html",
        {
            "item": item,
            "appraise_form": AppraiseForm()
            if allowed[Action.APPRAISE] and item.status == Workflow.PROPOSED
            else None,
            "decide_form": DecideForm()
            if allowed[Action.APPROVE] and item.status == Workflow.APPRAISED
            else None,
            "history": item.history.order_by("-history_date")[:20],
        },
    )


def _decision(
    request: AuthenticatedRequest,
    model: Any,
    pk: int,
    action: str,
    form_class: Any,
    call: Callable[..., Any],
    back: str,
) -> HttpResponse:
    item = model.objects.restrict(request.user, action).get_or_404(pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        done = _run(form, lambda: call(item, form.cleaned_data))
        if done is not None:
            messages.success(request, _("Đã ghi nhận."))
            return redirect(back, pk=pk)
    for message in [m for errors in form.errors.values() for m in errors]:
        messages.error(request, message)
    return redirect(back, pk=pk)


@require_POST
def quota_appraise(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _decision(
        request,
        StaffingQuota,
        pk,
        Action.APPRAISE,
        AppraiseForm,
        lambda item, data: actions.do_appraise_quota(quota=item, acting_user=request.user, **data),
        "staffing:quota",
    )


@require_POST
def quota_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _decision(
        request,
        StaffingQuota,
        pk,
        Action.APPROVE,
        DecideForm,
        lambda item, data: actions.do_decide_quota(quota=item, acting_user=request.user, **data),
        "staffing:quota",
    )


# --- Restructuring ----------------------------------------------------------------------------------


def events(request: AuthenticatedRequest) -> HttpResponse:
    """Restructuring events (sắp xếp tổ chức) and the proposal of a new one."""
    form = RestructuringForm()
    if request.method == "POST":
        if not may_somewhere(request.user, Action.CHANGE):
            raise PermissionDenied
        form = RestructuringForm(request.POST)
        if form.is_valid():
            unit = _organization(request, form, "organization")
            successor = _organization(request, form, "successor")
            if unit is not None and (successor is not None or not form.cleaned_data["successor"]):
                data = form.cleaned_data
                event = _run(
                    form,
                    lambda: actions.do_propose_restructuring(
                        kind=data["kind"],
                        organization=unit,
                        successor=successor,
                        new_name=data["new_name"],
                        effective_date=data["effective_date"],
                        description=data["description"],
                        acting_user=request.user,
                    ),
                )
                if event is not None:
                    messages.success(request, _("Đã gửi đề xuất sắp xếp tổ chức."))
                    return redirect("staffing:event", pk=event.pk)
    filters = RestructuringFilters(request.GET, user=request.user)
    rows = filters.apply(RestructuringEvent.objects.restrict(request.user)).select_related(
        "organization", "successor"
    )
    return render(
        request,
        "staffing/events.html",
        {
            "filter_form": styled_filters(filters.form),
            "form": form,
            "table": list_table(
                request,
                "event",
                rows,
                RestructuringPresenter,
                default_sort="-effective_date",
                link=lambda e: reverse("staffing:event", args=[e.pk]),
            ),
            "may_propose": may_somewhere(request.user, Action.CHANGE),
        },
    )


def event(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = (
        RestructuringEvent.objects.restrict(request.user)
        .select_related("organization", "successor")
        .get_or_404(pk=pk)
    )
    may_approve = RestructuringEvent.objects.restrict(request.user, Action.APPROVE).filter(pk=pk).exists()
    may_apply = RestructuringEvent.objects.restrict(request.user, Action.CHANGE).filter(pk=pk).exists()
    return render(
        request,
        "staffing/event.html",
        {
            "item": item,
            "decide_form": DecideForm() if may_approve and item.status == Workflow.PROPOSED else None,
            "may_apply": may_apply and item.status == Workflow.APPROVED,
        },
    )


@require_POST
def event_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _decision(
        request,
        RestructuringEvent,
        pk,
        Action.APPROVE,
        DecideForm,
        lambda item, data: actions.do_decide_restructuring(event=item, acting_user=request.user, **data),
        "staffing:event",
    )


@require_POST
def event_apply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = RestructuringEvent.objects.restrict(request.user, Action.CHANGE).get_or_404(pk=pk)
    done = _carry_out(request, lambda: actions.do_apply_restructuring(event=item, acting_user=request.user))
    if done is not None:
        messages.success(
            request, _("Đã thực hiện sắp xếp; %(count)s người được chuyển.") % {"count": done.persons_moved}
        )
    return redirect("staffing:event", pk=pk)


# --- Streamlining targets ---------------------------------------------------------------------------


def _target_rows(
    request: AuthenticatedRequest, targets: QuerySet[StreamliningTarget], as_of: dt.date
) -> list[dict]:
    return [
        {"target": target, **progress(target, as_of)}
        for target in targets.select_related("organization")[:200]
    ]


def targets(request: AuthenticatedRequest) -> HttpResponse:
    """Streamlining targets and the progress towards them, achieved and planned."""
    form = TargetForm(
        initial={
            "effective_from": dt.date(2022, 1, 1),
            "effective_to": dt.date(2026, 12, 31),
            "baseline_year": 2021,
        }
    )
    if request.method == "POST":
        if not may_somewhere(request.user, Action.CHANGE):
            raise PermissionDenied
        form = TargetForm(request.POST)
        if form.is_valid():
            unit = _organization(request, form, "organization")
            if unit is not None:
                data = {k: v for k, v in form.cleaned_data.items() if k != "organization"}
                done = _run(
                    form,
                    lambda: actions.do_set_streamlining_target(
                        organization=unit, acting_user=request.user, **data
                    ),
                )
                if done is not None:
                    messages.success(request, _("Đã giao chỉ tiêu tinh giản biên chế."))
                    return redirect("staffing:targets")
    filters = TargetFilters(request.GET, user=request.user)
    rows = _target_rows(
        request, filters.apply(StreamliningTarget.objects.restrict(request.user)), filters.as_of
    )
    chart = {
        "labels": [
            f"{row['target'].organization.name} — {row['target'].get_category_display()}" for row in rows[:12]
        ],
        "datasets": [
            {"label": _("Chỉ tiêu"), "values": [row["required"] for row in rows[:12]]},
            {"label": _("Đã thực hiện"), "values": [row["achieved"] for row in rows[:12]]},
            {"label": _("Dự kiến"), "values": [row["planned"] for row in rows[:12]]},
        ],
    }
    return render(
        request,
        "staffing/targets.html",
        {
            "filter_form": styled_filters(filters.form),
            "form": form,
            "rows": rows,
            "chart": chart,
            "as_of": filters.as_of,
            "query": filters.query_string(),
            "may_propose": may_somewhere(request.user, Action.CHANGE),
            "may_export": may_somewhere(request.user, Action.EXPORT),
        },
    )


def targets_export(request: AuthenticatedRequest) -> HttpResponse:
    if not may_somewhere(request.user, Action.EXPORT):
        raise PermissionDenied
    filters = TargetFilters(request.GET, user=request.user)
    rows = _target_rows(
        request,
        filters.apply(StreamliningTarget.objects.restrict(request.user, Action.EXPORT)),
        filters.as_of,
    )
    audit.record_read(request, audit.DATA_EXPORTED)
    return _xlsx(
        exports.targets_workbook(rows, filters.as_of), f"tinh-gian-bien-che-{filters.as_of:%Y%m%d}.xlsx"
    )


# --- Streamlining cases -----------------------------------------------------------------------------


def cases(request: AuthenticatedRequest) -> HttpResponse:
    """Streamlining cases (trường hợp tinh giản biên chế), and the proposal of one for a person."""
    person = None
    raw_person = request.POST.get("person") if request.method == "POST" else request.GET.get("person")
    if raw_person and raw_person.isdigit() and len(raw_person) < 19:
        person = Person.objects.restrict(request.user, Action.CHANGE).filter(pk=int(raw_person)).first()
    today = dates.today()
    form = CaseForm(
        initial={
            "person": person.pk if person else None,
            "case_date": today,
            "leave_date": dates.add_months(today.replace(day=1), 1),
        }
    )
    if request.method == "POST":
        if not may_somewhere(request.user, Action.CHANGE):
            raise PermissionDenied
        form = CaseForm(request.POST)
        if form.is_valid():
            if person is None:
                form.add_error(
                    None, _("Chọn người trong phạm vi bạn được thay đổi (từ danh sách người có mặt).")
                )
            else:
                data = {k: v for k, v in form.cleaned_data.items() if k != "person"}
                case = _run(
                    form,
                    lambda: actions.do_propose_streamlining_case(
                        person=person, acting_user=request.user, **data
                    ),
                )
                if case is not None:
                    messages.success(request, _("Đã lập hồ sơ đề xuất tinh giản biên chế."))
                    return redirect("staffing:case", pk=case.pk)
    filters = CaseFilters(request.GET, user=request.user)
    rows = filters.apply(StreamliningCase.objects.restrict(request.user)).select_related(
        "person", "organization"
    )
    return render(
        request,
        "staffing/cases.html",
        {
            "filter_form": styled_filters(filters.form),
            "form": form,
            "person": person,
            "query": filters.query_string(),
            "table": list_table(
                request,
                "case",
                rows,
                CasePresenter,
                default_sort="-leave_date",
                link=lambda c: reverse("staffing:case", args=[c.pk]),
            ),
            "may_export": may_somewhere(request.user, Action.EXPORT),
        },
    )


def case(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = (
        StreamliningCase.objects.restrict(request.user)
        .select_related("person", "organization")
        .get_or_404(pk=pk)
    )
    may_approve = StreamliningCase.objects.restrict(request.user, Action.APPROVE).filter(pk=pk).exists()
    may_execute = StreamliningCase.objects.restrict(request.user, Action.CHANGE).filter(pk=pk).exists()
    assignment = (
        item.person.assignments.filter(is_primary=True)
        .order_by("-effective_from")
        .select_related("organization")
        .first()
    )
    lines = [
        {**line, "label": item_label(line["code"], item.benefit.get("phase"))}
        for line in item.benefit.get("items", [])
    ]
    return render(
        request,
        "staffing/case.html",
        {
            "item": item,
            "benefit": item.benefit,
            "lines": lines,
            "regime": regime_label(item.regime),
            "assignment": assignment,
            "decide_form": DecideForm() if may_approve and item.status == Workflow.PROPOSED else None,
            "may_execute": may_execute and item.status == Workflow.APPROVED,
        },
    )


@require_POST
def case_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _decision(
        request,
        StreamliningCase,
        pk,
        Action.APPROVE,
        DecideForm,
        lambda item, data: actions.do_decide_streamlining_case(case=item, acting_user=request.user, **data),
        "staffing:case",
    )


@require_POST
def case_execute(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = StreamliningCase.objects.restrict(request.user, Action.CHANGE).get_or_404(pk=pk)
    if _carry_out(request, lambda: actions.do_execute_streamlining_case(case=item, acting_user=request.user)):
        messages.success(
            request,
            _("Đã ghi nhận: người này thôi giữ vị trí công tác từ ngày %(day)s.")
            % {"day": f"{item.leave_date:%d/%m/%Y}"},
        )
    return redirect("staffing:case", pk=pk)


def cases_export(request: AuthenticatedRequest) -> HttpResponse:
    if not may_somewhere(request.user, Action.EXPORT):
        raise PermissionDenied
    filters = CaseFilters(request.GET, user=request.user)
    rows = filters.apply(StreamliningCase.objects.restrict(request.user, Action.EXPORT)).select_related(
        "person", "organization"
    )
    audit.record_read(request, audit.DATA_EXPORTED)
    return _xlsx(
        exports.cases_workbook(rows.order_by("-leave_date", "pk")),
        f"ho-so-tinh-gian-{dates.today():%Y%m%d}.xlsx",
    )
