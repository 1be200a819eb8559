"""Views of the Excel import and export (nhập, xuất Excel): parse, authorise, start the job, render."""

import uuid
from pathlib import Path

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.actions import do_start_job
from noivu.core.http import XLSX
from noivu.core.jobs import fail_lost_jobs
from noivu.core.models import Job
from noivu.core.permissions import Action, require_somewhere
from noivu.organizations.models import Organization
from noivu.personnel.excel import jobs
from noivu.personnel.excel.columns import COLUMNS
from noivu.personnel.excel.reader import limit
from noivu.personnel.excel.template import code_lists, template_workbook


def _own_import(request: AuthenticatedRequest, pk: int) -> Job:
    found = Job.objects.visible_to(request.user).filter(pk=pk, kind=jobs.IMPORT_KIND).first()
    # As for every job, others than its creator and their administrators get the 404 of a job that does
    # not exist.
    if found is None:
        raise Http404
    return found


def import_form(request: AuthenticatedRequest) -> HttpResponse:
    """The upload page (nhập hồ sơ từ Excel); a POST starts the import as a background job."""
    require_somewhere(request.user, Action.CHANGE)
    if request.method == "POST":
        upload = request.FILES.get("file")
        problem = None
        if upload is None:
            problem = _("Hãy chọn tệp Excel (.xlsx) cần nhập.")
        elif Path(upload.name or "").suffix.lower() != ".xlsx":
            problem = _("Chỉ nhận tệp Excel .xlsx; tệp «%(name)s» có định dạng khác.") % {"name": upload.name}
        elif (upload.size or 0) > limit("MAX_FILE_BYTES"):
            problem = _("Tệp quá lớn; giới hạn là %(max)s MB.") % {"max": limit("MAX_FILE_BYTES") // 2**20}
        if problem is None:
            assert upload is not None  # a missing file is a problem
            stored = default_storage.save(f"personnel-imports/{uuid.uuid4().hex}.xlsx", upload)
            record = do_start_job(
                kind=jobs.IMPORT_KIND,
                params={"upload": stored, "file_name": (upload.name or "")[:200]},
                on=None,
                acting_user=request.user,
            )
            return redirect("personnel:import_result", pk=record.pk)
        messages.error(request, problem)
    return render(
        request,
        "personnel/import.html",
        {
            "columns": COLUMNS,
            "code_lists": code_lists(),
            "max_rows": limit("MAX_ROWS"),
            "max_megabytes": limit("MAX_FILE_BYTES") // 2**20,
            "import_kind": jobs.IMPORT_KIND,
        },
    )


def import_template(request: AuthenticatedRequest) -> HttpResponse:
    """The blank template, listing the units the user may import into."""
    require_somewhere(request.user, Action.CHANGE)
    content = template_workbook(Organization.objects.restrict(request.user, Action.CHANGE))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ho-so.xlsx"'
    return response


def import_result(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The import's progress, then its outcome; the status partial polls itself until the job ends."""
    fail_lost_jobs()
    record = _own_import(request, pk)
    template = "personnel/_import_status.html" if request.htmx else "personnel/import_result.html"
    return render(request, template, {"job": record, "result": record.result or {}})


def import_errors(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """The error workbook of a refused import."""
    record = _own_import(request, pk)
    name = (record.result or {}).get("error_file")
    if not name or not default_storage.exists(name):
        raise Http404
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=f"loi-nhap-ho-so-{pk}.xlsx",
        content_type=XLSX,
    )
