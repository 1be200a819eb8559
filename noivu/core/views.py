"""Views: parse, authorise, call the action, render."""

from dataclasses import asdict, dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from noivu.core import health as health_checks
from noivu.core import jobs as job_kinds
from noivu.core import request_id
from noivu.core.actions import (
    do_add_rule_row,
    do_delete_saved_filter,
    do_rerun_job,
    do_save_filter,
    may_edit_rule_tables,
)
from noivu.core.extensions import tree_choices
from noivu.core.forms import RuleRowForm
from noivu.core.http import HtmxRequest
from noivu.core.listing import page_number, page_of
from noivu.core.models import Job, RuleRow, SavedFilter
from noivu.core.money import format_dong
from noivu.core.rules import table_infos


def rules(request: HttpRequest) -> HttpResponse:
    """Rule tables (bảng quy định) with their history; a national administrator adds a row per new decree.

    One table is shown at a time: some (the commune list) hold thousands of rows.
    """
    if not may_edit_rule_tables(request.user):
        raise PermissionDenied
    tables = list(RuleRow.objects.unrestricted().order_by("table").values("table").annotate(rows=Count("pk")))
    names = [entry["table"] for entry in tables]
    table = request.GET.get("table") if request.GET.get("table") in names else (names[0] if names else "")
    rows = RuleRow.objects.unrestricted().filter(table=table).select_related("legal_basis")
    rows = rows.order_by("code", "-effective_from")
    infos = table_infos()
    for entry in tables:
        entry["title"] = infos[entry["table"]].label if entry["table"] in infos else entry["table"]
    money = table in infos and infos[table].unit == "dong"
    for row in rows:
        row.shown_value = format_dong(row.value) if money and isinstance(row.value, int) else row.value
        row.shown_code = "" if row.code == table else row.code
    form = RuleRowForm(request.POST or None, rules=rows)
    if request.method == "POST" and form.is_valid():
        table, code = form.table_and_code
        try:
            row = do_add_rule_row(
                table=table,
                code=code,
                value=form.cleaned_data["value"],
                effective_from=form.cleaned_data["effective_from"],
                legal_basis=form.chosen_legal_basis(),
                note=form.cleaned_data["note"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Đã thêm dòng quy định %(row)s.") % {"row": row})
            return redirect(f"{reverse('core:rules')}?table={table}")
    return render(request, "core/rules.html", {"tables": tables, "table": table, "rows": rows, "form": form})


def job(request: HtmxRequest, pk: int) -> HttpResponse:
    """Progress of a background job (tác vụ nền); the partial polls itself until the job is finished."""
    job_kinds.fail_lost_jobs()
    found = Job.objects.visible_to(request.user).filter(pk=pk).first()
    # Others get the same 404 as for a job that does not exist.
    if found is None:
        raise Http404
    template = "core/_job.html" if request.htmx else "core/job.html"
    return render(request, template, {"job": found})


def rerun_job(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a failed job again (POST), then show the new one on its kind's page."""
    found = Job.objects.visible_to(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    if request.method != "POST":
        return redirect("core:job", pk=found.pk)
    try:
        again = do_rerun_job(job=found, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("core:job", pk=found.pk)
    kind = job_kinds.kind_of(again.kind)
    return redirect(kind.page if kind else "core:job", pk=again.pk)


@dataclass(frozen=True)
class JobRow:
    """A past job as the list shows it: what it was, who started it, the file and the outcome."""

    job: Job
    label: str
    url: str
    file_name: str
    rows: int | None
    error_url: str | None
    outcome: str
    style: str


def _job_row(record: Job) -> JobRow:
    kind = job_kinds.kind_of(record.kind)
    result = record.result if isinstance(record.result, dict) else {}
    error_url = None
    outcome, style = record.get_status_display(), "is-info"
    if record.status == Job.Status.FAILED:
        style = "is-danger"
    elif record.status == Job.Status.DONE and result.get("ok") is False:
        outcome, style = _("có lỗi dữ liệu, không ghi"), "is-warning"
    elif record.status == Job.Status.DONE:
        style = "is-success"
    if kind is not None and kind.error_file and result.get("error_file"):
        error_url = reverse(kind.error_file, args=[record.pk])
    return JobRow(
        job=record,
        label=job_kinds.label_of(record.kind),
        url=reverse(kind.page if kind else "core:job", args=[record.pk]),
        file_name=str(result.get("file_name") or record.params.get("file_name") or ""),
        rows=result.get("rows") if isinstance(result.get("rows"), int) else None,
        error_url=error_url,
        outcome=str(outcome),
        style=style,
    )


def jobs(request: HttpRequest) -> HttpResponse:
    """The user's past imports and other background jobs (lịch sử nhập và tác vụ nền), newest first: who,
    when, which file, how many rows, the outcome and the error workbook; an administrator sees those of
    every user of the units they administer."""
    found = Job.objects.visible_to(request.user).select_related("created_by").order_by("-created_at", "-pk")
    kind = request.GET.get("kind", "")
    if job_kinds.kind_of(kind) is not None:
        found = found.filter(kind=kind)
    page = page_of(found, number=page_number(request), size=50)
    return render(
        request,
        "core/jobs.html",
        {"page": page, "rows": [_job_row(record) for record in page.rows], "kind": job_kinds.kind_of(kind)},
    )


def save_filter(request: HttpRequest) -> HttpResponse:
    """Save the filters of a list under a name (bộ lọc đã lưu); back to the list with them applied."""
    if request.method != "POST":
        raise Http404
    try:
        do_save_filter(
            list_key=request.POST.get("list_key", "")[:64],
            name=request.POST.get("name", ""),
            query=request.POST.get("query", "")[:1000],
            acting_user=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã lưu bộ lọc."))
    return redirect(_next_page(request))


def delete_saved_filter(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        raise Http404
    user = request.user
    if not user.is_authenticated:
        raise Http404
    saved = SavedFilter.objects.filter(pk=pk, user=user).first()
    if saved is None:
        raise Http404
    do_delete_saved_filter(saved=saved, acting_user=request.user)
    messages.success(request, _("Đã xóa bộ lọc %(name)s.") % {"name": saved.name})
    return redirect(_next_page(request))


def _next_page(request: HttpRequest) -> str:
    """The page the form came from, when it is one of this site's."""
    back = request.POST.get("next", "/")
    return back if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) else "/"


TREE_CHOICES_SHOWN = 20


def tree_choices_search(request: HttpRequest, source: str) -> JsonResponse:
    """The nodes of a registered tree (the organisation tree) that the user may see and whose name matches
    ``q``, with or without diacritics, each with its place in the tree: the suggestions of the tree select."""
    try:
        tree = tree_choices[source]
    except KeyError:
        raise Http404 from None
    text = request.GET.get("q", "")[:100]
    found = tree.search(request.user, text, TREE_CHOICES_SHOWN)
    return JsonResponse({"results": [asdict(choice) for choice in found]})


@login_not_required
@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """The health check for the proxy and the monitoring, without a login: 200 when the database answers,
    the broker (if any) is reached and every migration is applied, else 503 naming what failed."""
    healthy, checks = health_checks.run()
    failing = [name for name, check in checks.items() if not check["ok"]]
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "failing": failing, "checks": checks},
        status=200 if healthy else 503,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """The page of an unexpected error (lỗi máy chủ), rendered without context processors or the database
    (they may be what failed), with the request id the user quotes to the administrator, who finds the
    error's log lines by it."""
    page = loader.get_template("500.html").render({"request_id": request_id.current()})
    return HttpResponseServerError(page)
