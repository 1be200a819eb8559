"""Payroll pages: the months' payrolls of the units in scope, one payroll with its lines, review and lock,
the corrections beside a locked month, its workbooks; the itemised salary of a person."""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit, dates
from noivu.core.forms import DateTextInput
from noivu.core.permissions import Action, can, granted_paths
from noivu.organizations.models import Organization
from noivu.payroll import actions, exports
from noivu.payroll.engine import SalaryInputError
from noivu.payroll.models import PayrollLine, PayrollRun, RunStatus
from noivu.payroll.persons import person_salary
from noivu.personnel.models import Person

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ComputeForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Đơn vị"))
    month = forms.DateField(label=_("Tháng (ngày bất kỳ trong tháng)"), widget=DateTextInput())
    correction = forms.BooleanField(label=_("Bảng lương điều chỉnh của tháng đã khóa"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organization.objects.restrict(user, Action.CHANGE).order_by("path")


def runs(request: AuthenticatedRequest) -> HttpResponse:
    """The payrolls in scope, newest month first, and the form to compute one."""
    may_compute = bool(granted_paths(request.user, Action.CHANGE))
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
    return render(
        request, "payroll/person.html", {"person": found, "day": day, "result": result, "error": error}
    )
