"""The import of a file of dossiers received from another installation as a background job (nhập tệp hồ
sơ từ hệ thống khác), started by a national administrator on the page *Trao đổi dữ liệu*: the file is
kept in the storage until the job has read it, then removed; the job's result is the import's outcome
(counts per kind, conflicts, or the problems by line, field and rule)."""

from typing import Any

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.jobs import Progress, job
from noivu.core.models import Job
from noivu.core.numbers import grouped
from noivu.exchange import engine

IMPORT_JOB = "exchange.import"


def upload_name(source: str) -> str:
    return f"exchange/uploads/{source}.ndjson"


@job(IMPORT_JOB, label=gettext_lazy("Nhập hồ sơ từ hệ thống khác"))
def import_file(record: Job, progress: Progress) -> dict[str, Any]:
    """Import ``params["file"]`` (in the storage) as dossiers received from ``params["source"]``."""
    source = record.params["source"]
    stored = record.params["file"]
    progress(10, _("Đang kiểm tra và ghi hồ sơ nhận từ %(source)s.") % {"source": source})
    try:
        with default_storage.open(stored, "rb") as stream:
            outcome = engine.import_stream(stream, source, record.created_by)
    finally:
        default_storage.delete(stored)
    if outcome.ok:
        message = _("Đã xử lý %(lines)s hồ sơ; %(conflicts)s xung đột số định danh mới.") % {
            "lines": grouped(outcome.lines),
            "conflicts": grouped(outcome.conflicts),
        }
    else:
        message = _("Tệp không được ghi: %(count)s lỗi.") % {"count": grouped(len(outcome.problems))}
    progress(100, message)
    return {**outcome.as_dict(), "rows": outcome.lines}
