"""Background jobs of the personnel app (tác vụ nền): the Excel import."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.jobs import Progress, job
from noivu.core.models import Job
from noivu.core.numbers import grouped
from noivu.personnel.excel.importer import import_workbook

IMPORT_KIND = "personnel-import"
# The result page lists this many problems; the error workbook has them all.
SHOWN_ERRORS = 200


def error_file_name(job_id: int) -> str:
    return f"personnel-imports/{job_id}-loi.xlsx"


@job(
    IMPORT_KIND,
    label=gettext_lazy("Nhập hồ sơ từ Excel"),
    page="personnel:import_result",
    error_file="personnel:import_errors",
    rerun=True,
)
def run_import(record: Job, progress: Progress) -> dict:
    """Import the uploaded workbook named in ``record.params["upload"]`` on behalf of its creator."""
    upload = record.params["upload"]
    with default_storage.open(upload, "rb") as handle:
        content = handle.read()
    outcome = import_workbook(content, user=record.created_by, progress=progress)
    # Kept when the import broke off (the database went away, the worker died), for it to be run again.
    default_storage.delete(upload)
    result = {
        "ok": outcome.ok,
        "rows": outcome.rows,
        "created": outcome.created,
        "file_errors": outcome.file_errors,
        "error_count": len(outcome.row_errors),
        "errors": [error.as_dict() for error in outcome.row_errors[:SHOWN_ERRORS]],
        "error_file": None,
        "seconds": {name: round(value, 2) for name, value in outcome.seconds.items()},
        "file_name": record.params.get("file_name", ""),
    }
    if outcome.error_workbook is not None:
        result["error_file"] = default_storage.save(
            error_file_name(record.pk), ContentFile(outcome.error_workbook)
        )
    if outcome.ok:
        progress(100, _("Đã nhập %(count)s hồ sơ.") % {"count": grouped(outcome.created)})
    else:
        progress(100, _("Không nhập: tệp có lỗi, không hồ sơ nào được ghi."))
    return result
