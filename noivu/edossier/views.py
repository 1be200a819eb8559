"""Pages of the electronic dossier (hồ sơ điện tử, Nghị định 27/2026/NĐ-CP): the quality of the scope's
dossiers ("đúng – đủ – sạch – sống") per unit with a chart and the Excel report, the persons lacking
fields, the dossier identifiers that fail and how to fix them, the ten data groups mapped to the record;
the outbox of the synchronisation with the national database, the local stand-in receiver, and the
findings of the integrity check."""

import json
from typing import Any

import polars as pl
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.actions import do_start_job
from noivu.core.dates import today
from noivu.core.forms import styled_filters
from noivu.core.http import XLSX
from noivu.core.listing import page_number
from noivu.core.models import Job
from noivu.core.permissions import Action, is_national, may_somewhere, require_somewhere
from noivu.edossier import actions, engine, exports, integrity, reconciliation
from noivu.edossier import initial_export as initial_export_engine
from noivu.edossier import sync as sync_engine
from noivu.edossier.filters import (
    IdentifierFilters,
    IntegrityFindingFilters,
    MissingFilters,
    QualityFilters,
    ReconciliationFilters,
)
from noivu.edossier.jobs import EXPORT_JOB
from noivu.edossier.models import IntegrityFindingKind, SyncEvent, SyncStatus
from noivu.organizations.models import Organization
from noivu.personnel.models import Person
from noivu.personnel.records.presenters import PersonPresenter

UNITS_PER_PAGE = 20
PERSONS_PER_PAGE = 50


def _frame(request: AuthenticatedRequest, filters: QualityFilters, action: str = Action.VIEW) -> pl.DataFrame:
    persons = filters.apply(Person.objects.restrict(request.user, action))
    return engine.completeness(persons, filters.as_of)


def _units(request: AuthenticatedRequest, rows: list[dict[str, Any]]) -> None:
    """Add each row's unit (the unit a person belongs to): its name, code, path and the name of the unit
    above it, which tells apart the many units of the same name (Văn phòng, Phòng Kế hoạch - Tài chính)."""
    visible = Organization.objects.restrict(request.user)
    found = {
        pk: (name, code, path)
        for pk, name, code, path in visible.filter(
            pk__in={row["organization_id"] for row in rows}
        ).values_list("pk", "name", "code", "path")
    }
    step = Organization.steplen
    parents = dict(
        visible.filter(
            path__in={path[:-step] for _name, _code, path in found.values() if len(path) > step}
        ).values_list("path", "name")
    )
    for row in rows:
        row["unit_name"], row["unit_code"], row["unit_path"] = found.get(row["organization_id"], ("", "", ""))
        row["parent_name"] = parents.get(row["unit_path"][:-step], "")


def index(request: AuthenticatedRequest) -> HttpResponse:
    """The quality of the dossiers of the user's scope: the four marks, the fields most often missing, and
    each unit with its average score (lowest first)."""
    filters = QualityFilters(request.GET, user=request.user)
    frame = _frame(request, filters)
    summary = engine.totals(frame)
    units = Paginator(engine.unit_summary(frame).to_dicts(), UNITS_PER_PAGE).get_page(page_number(request))
    _units(request, list(units))
    for row in units:
        row["query"] = filters.query_string(organization=row["unit_code"])
    marks = [
        (mark, engine.MARK_LABELS[mark], engine.MARK_HELP[mark], summary["marks"][mark])
        for mark in engine.MARKS
    ]
    return render(
        request,
        "edossier/index.html",
        {
            "form": styled_filters(filters.form),
            "as_of": filters.as_of,
            "summary": summary,
            "marks": marks,
            "units": units,
            "groups": engine.data_groups(),
            "chart": {
                "labels": [str(label) for _mark, label, _help, _value in marks],
                "datasets": [{"label": "%", "values": [value for *_rest, value in marks]}],
            },
            "query": filters.query_string(),
            "may_export": may_somewhere(request.user, Action.EXPORT),
        },
    )


def missing(request: AuthenticatedRequest) -> HttpResponse:
    """The persons whose dossier lacks required fields (or one field chosen), the fewest present first,
    each with the fields to fill."""
    filters = MissingFilters(request.GET, user=request.user)
    frame = _frame(request, filters)
    code = filters.value("missing")
    lacking = frame.filter(
        pl.col("missing").list.contains(code) if code else pl.col("missing").list.len() > 0
    )
    lacking = lacking.sort("score", "person_id").select("person_id", "organization_id", "score", "missing")
    page = Paginator(lacking.to_dicts(), PERSONS_PER_PAGE).get_page(page_number(request))
    rows = list(page)
    names = dict(
        Person.objects.restrict(request.user)
        .filter(pk__in=[r["person_id"] for r in rows])
        .values_list("pk", "full_name")
    )
    groups = engine.data_groups()
    for row in rows:
        row["full_name"] = names.get(row["person_id"], "")
        row["fields"] = [groups.field(code) for code in row["missing"]]
    _units(request, rows)
    return render(
        request,
        "edossier/missing.html",
        {
            "form": styled_filters(filters.form),
            "page": page,
            "total": lacking.height,
            "persons": frame.height,
            "query": filters.query_string(),
        },
    )


def identifiers(request: AuthenticatedRequest) -> HttpResponse:
    """The persons whose dossier identifier (the personal identification number) fails, with the rule
    broken and the fix: the record's edit page, or the merge of two records of one person."""
    filters = IdentifierFilters(request.GET, user=request.user)
    persons = filters.apply(Person.objects.restrict(request.user))
    frame = engine.identifier_frame(persons, filters.as_of)
    counts = {code: 0 for code in engine.PROBLEM_LABELS}
    for code, count in (
        frame.explode("problems").drop_nulls("problems").group_by("problems").len().iter_rows()
    ):
        counts[code] = count
    problem = filters.value("problem")
    failing = frame.filter(
        pl.col("problems").list.contains(problem) if problem else pl.col("problems").list.len() > 0
    )
    page = Paginator(failing.sort("organization_id", "person_id").to_dicts(), PERSONS_PER_PAGE).get_page(
        page_number(request)
    )
    rows = list(page)
    found = {
        person.pk: person
        for person in Person.objects.restrict(request.user)
        .select_related("organization")
        .filter(pk__in=[r["person_id"] for r in rows])
    }
    presenter = PersonPresenter(request.user)
    for row in rows:
        person = found.get(row["person_id"])
        row["full_name"] = person.full_name if person else ""
        row["shown_number"] = presenter.cccd(person)[0] if person else None
        row["labels"] = [
            (code, engine.PROBLEM_LABELS[code], engine.PROBLEM_BASIS[code]) for code in row["problems"]
        ]
        row["by_merge"] = bool(engine.FIX_BY_MERGE & set(row["problems"]))
    _units(request, rows)
    return render(
        request,
        "edossier/identifiers.html",
        {
            "form": styled_filters(filters.form),
            "page": page,
            "total": failing.height,
            "persons": frame.height,
            "counts": [(code, engine.PROBLEM_LABELS[code], count) for code, count in counts.items()],
            "query": filters.query_string(),
        },
    )


def groups(request: AuthenticatedRequest) -> HttpResponse:
    """The ten data groups of the decree, their fields and where the record keeps each one."""
    return render(request, "edossier/groups.html", {"groups": engine.data_groups()})


def export(request: AuthenticatedRequest) -> HttpResponse:
    """The quality report as a workbook: the units, the persons lacking fields, the data groups."""
    if not may_somewhere(request.user, Action.EXPORT):
        raise PermissionDenied
    filters = QualityFilters(request.GET, user=request.user)
    frame = _frame(request, filters, Action.EXPORT)
    units = engine.unit_summary(frame).to_dicts()
    _units(request, units)
    lacking = frame.filter(pl.col("missing").list.len() > 0).sort("organization_id", "score", "person_id")
    persons = lacking.select("person_id", "organization_id", "score", "missing").to_dicts()
    names = dict(
        Person.objects.restrict(request.user, Action.EXPORT)
        .filter(pk__in=[row["person_id"] for row in persons])
        .values_list("pk", "full_name")
    )
    for row in persons:
        row["full_name"] = names.get(row["person_id"], "")
    _units(request, persons)
    content = exports.quality_workbook(units, persons, engine.totals(frame), filters.as_of)
    audit.record_read(request, audit.DATA_EXPORTED, extra={"report": "edossier.quality"})
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="chat-luong-ho-so-dien-tu-{filters.as_of:%Y%m%d}.xlsx"'
    )
    return response


def sync(request: AuthenticatedRequest) -> HttpResponse:
    """The outbox of the scope (đồng bộ với cơ sở dữ liệu quốc gia): the events waiting, overdue (past their
    three working days), delivered and dead-lettered, with the latter two lists to act on."""
    events = SyncEvent.objects.restrict(request.user)
    may_resend = may_somewhere(request.user, Action.CHANGE)
    if request.method == "POST":
        if not may_resend:
            raise PermissionDenied
        count = actions.do_resend(
            events=SyncEvent.objects.restrict(request.user, Action.CHANGE), acting_user=request.user
        )
        messages.success(request, _("Đã đưa %(count)s sự kiện vào hàng đợi gửi lại.") % {"count": count})
        return redirect("edossier:sync")
    day = today()
    counts = dict(events.order_by().values_list("status").annotate(Count("id")))
    overdue = events.filter(status=SyncStatus.PENDING, due_on__lt=day)
    shown = request.GET.get("show", "overdue")
    rows = (events.filter(status=SyncStatus.DEAD) if shown == "dead" else overdue).select_related("person")
    page = Paginator(rows.order_by("due_on", "id"), PERSONS_PER_PAGE).get_page(page_number(request))
    return render(
        request,
        "edossier/sync.html",
        {
            "page": page,
            "shown": shown,
            "pending": counts.get(SyncStatus.PENDING, 0),
            "delivered": counts.get(SyncStatus.DELIVERED, 0),
            "dead": counts.get(SyncStatus.DEAD, 0),
            "overdue": overdue.count(),
            "may_resend": may_resend,
            "may_export_all": is_national(request.user, Action.ADMINISTER),
            "may_administer": may_somewhere(request.user, Action.ADMINISTER),
            "kinds": sync_engine.KIND_LABELS,
        },
    )


def integrity_findings(request: AuthenticatedRequest) -> HttpResponse:
    """The findings of the integrity check (kết quả kiểm tra toàn vẹn) in the units the user administers:
    rows changed outside the actions and histories changed or removed, with the time of the last check."""
    filters = IntegrityFindingFilters(request.GET, user=request.user)
    rows = integrity.findings_for(request.user, filters)
    page = Paginator(rows, PERSONS_PER_PAGE).get_page(page_number(request))
    counts = dict(rows.order_by().values_list("kind").annotate(Count("id")))
    return render(
        request,
        "edossier/integrity.html",
        {
            "form": styled_filters(filters.form),
            "page": page,
            "findings": integrity.described(page),
            "last_check": integrity.last_check(),
            "counts": [(kind, label, counts.get(kind, 0)) for kind, label in IntegrityFindingKind.choices],
            "query": filters.query_string(),
        },
    )


def integrity_findings_export(request: AuthenticatedRequest) -> HttpResponse:
    """The findings of the integrity check as a workbook, with the same filters as the page; audited."""
    filters = IntegrityFindingFilters(request.GET, user=request.user)
    rows = integrity.described(integrity.findings_for(request.user, filters))
    audit.record_read(request, audit.DATA_EXPORTED, extra={"report": "edossier.integrity", "rows": len(rows)})
    response = HttpResponse(exports.integrity_workbook(rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="kiem-tra-toan-ven-{today():%Y%m%d}.xlsx"'
    return response


def reconciliation_report(request: AuthenticatedRequest) -> HttpResponse:
    """The reconciliation with the national database (đối soát), per unit the user administers: our
    events and dossiers against what the receiver acknowledged, the differences flagged."""
    filters = ReconciliationFilters(request.GET, user=request.user)
    found = reconciliation.report(request.user, filters, reconciliation.configured_lookup())
    page = Paginator(found.units, UNITS_PER_PAGE).get_page(page_number(request))
    return render(
        request,
        "edossier/reconciliation.html",
        {
            "form": styled_filters(filters.form),
            "page": page,
            "report": found,
            "differing": sum(bool(row["differs"]) for row in found.units),
            "query": filters.query_string(),
        },
    )


def reconciliation_export(request: AuthenticatedRequest) -> HttpResponse:
    """The reconciliation report as a workbook, with the same filters as the page; audited."""
    filters = ReconciliationFilters(request.GET, user=request.user)
    found = reconciliation.report(request.user, filters, reconciliation.configured_lookup())
    audit.record_read(request, audit.DATA_EXPORTED, extra={"report": "edossier.reconciliation"})
    response = HttpResponse(exports.reconciliation_workbook(found), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="doi-soat-dong-bo-{today():%Y%m%d}.xlsx"'
    return response


def _drill(request: AuthenticatedRequest, code: str) -> reconciliation.Drill:
    require_somewhere(request.user, Action.ADMINISTER)
    unit = Organization.objects.restrict(request.user, Action.ADMINISTER).get_or_404(code=code)
    return reconciliation.drill(request.user, unit, reconciliation.configured_lookup())


def reconciliation_unit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """One unit's items that do not reconcile: events and dossiers the receiver does not hold, and what it
    holds that the unit does not."""
    found = _drill(request, code)
    return render(
        request,
        "edossier/reconciliation_unit.html",
        {
            "drill": found,
            "events": Paginator(found.events, PERSONS_PER_PAGE).get_page(request.GET.get("events_page")),
            "persons": Paginator(found.persons, PERSONS_PER_PAGE).get_page(request.GET.get("persons_page")),
            "kinds": sync_engine.KIND_LABELS,
        },
    )


def reconciliation_unit_export(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """One unit's items that do not reconcile, as a workbook; audited."""
    found = _drill(request, code)
    audit.record_read(request, audit.DATA_EXPORTED, extra={"report": "edossier.reconciliation", "unit": code})
    response = HttpResponse(exports.reconciliation_unit_workbook(found), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="doi-soat-{code}-{today():%Y%m%d}.xlsx"'
    return response


def _bearer_accepted(request: HttpRequest) -> bool:
    """Whether the request carries this installation's token (none is accepted when it is empty)."""
    token = settings.EDOSSIER_SYNC_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ")
    return bool(token) and constant_time_compare(given, token)


@csrf_exempt
@login_not_required
@require_POST
def receiver(request: HttpRequest) -> HttpResponse:
    """The local stand-in of the national database's endpoint (máy nhận thử): a batch of events in, which
    were kept and which refused out; only with this installation's bearer token."""
    if not _bearer_accepted(request):
        return JsonResponse({"detail": "khóa truy cập không hợp lệ"}, status=401)
    try:
        document = json.loads(request.body)
    except ValueError:
        return JsonResponse({"detail": "nội dung không phải JSON"}, status=422)
    status, body = sync_engine.receive(document)
    return JsonResponse(body, status=status)


@login_not_required
@require_GET
def receiver_acknowledged(request: HttpRequest) -> HttpResponse:
    """What the local stand-in receiver kept, per unit, with the checksums the reconciliation report
    compares (``?agency=`` for one unit, with its keys and identifiers); only with the bearer token."""
    if not _bearer_accepted(request):
        return JsonResponse({"detail": "khóa truy cập không hợp lệ"}, status=401)
    return JsonResponse(sync_engine.acknowledged(request.GET.get("agency") or None))


def _national(request: AuthenticatedRequest) -> None:
    """The initial export is the national administrator's: a grant over the whole country to administer."""
    if not is_national(request.user, Action.ADMINISTER):
        raise PermissionDenied


def initial_export(request: AuthenticatedRequest) -> HttpResponse:
    """The full initial export of the dossiers to the national database (kết xuất toàn bộ): the form that
    starts it as a background job for the country or a unit, and the exports made, to download."""
    _national(request)
    units = Organization.objects.restrict(request.user, Action.EXPORT)
    if request.method == "POST":
        code = request.POST.get("organization", "").strip()
        unit = units.filter(code=code).first() if code else None
        if code and unit is None:
            messages.error(
                request, _("Không có cơ quan, đơn vị mã %(code)s trong phạm vi của bạn.") % {"code": code}
            )
            return redirect("edossier:initial_export")
        started = do_start_job(
            kind=EXPORT_JOB,
            params={"organization": unit.pk if unit else None, "deliver": bool(request.POST.get("deliver"))},
            on=unit if unit else Organization,
            permission=Action.EXPORT,
            acting_user=request.user,
        )
        return redirect("core:job", pk=started.pk)
    exports = Job.objects.visible_to(request.user).filter(kind=EXPORT_JOB).order_by("-created_at")[:20]
    return render(
        request,
        "edossier/initial_export.html",
        {"exports": exports, "format_version": initial_export_engine.FORMAT_VERSION},
    )


def initial_export_file(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """The file of an initial export, for the national administrator; audited as an export."""
    _national(request)
    found = (
        Job.objects.visible_to(request.user).filter(pk=pk, kind=EXPORT_JOB, status=Job.Status.DONE).first()
    )
    result = found.result if found is not None and isinstance(found.result, dict) else {}
    if found is None or not result.get("file") or not default_storage.exists(result["file"]):
        raise Http404
    audit.record_read(
        request,
        audit.DATA_EXPORTED,
        extra={"report": "edossier.initial_export", "job": found.pk, "dossiers": result.get("dossiers")},
    )
    return FileResponse(
        default_storage.open(result["file"], "rb"),
        as_attachment=True,
        filename=result.get("file_name", "ho-so-dien-tu.ndjson.gz"),
        content_type="application/gzip",
    )
