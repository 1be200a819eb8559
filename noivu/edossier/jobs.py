"""The full initial export of the electronic dossiers as a background job (kết xuất toàn bộ hồ sơ điện
tử): every dossier of a scope written to one gzip-compressed NDJSON file kept in the storage, with the
progress shown, then, when asked, delivered to the national database in batches with their idempotency
keys (:mod:`noivu.edossier.initial_export`). The rebuild of the stored documents of a scope (lập lại văn
bản hồ sơ) is a job several workers share, a batch of persons a part."""

import tempfile
import time
import uuid
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.dates import today
from noivu.core.jobs import Progress, job, parted_job
from noivu.core.models import Job
from noivu.core.numbers import grouped
from noivu.edossier import documents, initial_export, sync
from noivu.organizations.models import Organization

EXPORT_JOB = "edossier.initial_export"
REBUILD_JOB = "edossier.rebuild_documents"
WORKERS = 2


def export_file_name(job_id: int, key: str) -> str:
    return f"edossier/exports/{job_id}-{key}.ndjson.gz"


@job(EXPORT_JOB, label=gettext_lazy("Kết xuất toàn bộ hồ sơ điện tử"))
def export_scope(record: Job, progress: Progress) -> dict[str, Any]:
    """Export every dossier under ``params["organization"]`` (None: the whole country) and, when
    ``params["deliver"]``, send them to the national database."""
    started = time.perf_counter()
    organization = record.params.get("organization")
    root = Organization.objects.get(pk=organization) if organization else None
    root_path = root.path if root else ""
    key = str(uuid.uuid4())
    # Ranges are built on connections of their own when the data they read is committed.
    workers = 1 if connection.in_atomic_block else WORKERS

    def step(percent: int, phase: str) -> None:
        if phase == initial_export.Phase.BUILD:
            message = _("Đang lập lại văn bản các hồ sơ đã thay đổi (%(percent)s%%).")
        else:
            message = _("Đang kết xuất hồ sơ (%(percent)s%%).")
        progress(min(percent, 99) * 9 // 10, message % {"percent": percent})

    with tempfile.TemporaryFile() as scratch:
        totals = initial_export.write_export(root_path, scratch, workers=workers, progress=step)
        scratch.seek(0)
        stored = default_storage.save(export_file_name(record.pk, key), File(scratch))
    delivered = None
    if record.params.get("deliver"):
        progress(
            90,
            _("Đang gửi %(count)s hồ sơ tới cơ sở dữ liệu quốc gia.") % {"count": grouped(totals.dossiers)},
        )
        with default_storage.open(stored, "rb") as source:
            delivered = initial_export.deliver_export(source, key, sync.configured_transport(), today())
    message = _("Đã kết xuất %(count)s hồ sơ.") % {"count": grouped(totals.dossiers)}
    if delivered is not None:
        message += " " + _("Cơ sở dữ liệu quốc gia đã tiếp nhận %(ok)s, từ chối %(refused)s.") % {
            "ok": grouped(delivered["acknowledged"]),
            "refused": grouped(delivered["rejected"]),
        }
    progress(100, message)
    return {
        "organization": root.pk if root else None,
        "organization_name": root.name if root else str(_("Toàn quốc")),
        "key": key,
        "format_version": initial_export.FORMAT_VERSION,
        "file": stored,
        "file_name": f"ho-so-dien-tu-{record.pk}.ndjson.gz",
        "rows": totals.dossiers,
        "ok": delivered is None or not delivered["rejected"],
        "dossiers": totals.dossiers,
        "bytes": totals.bytes_written,
        "sha256": totals.checksum,
        "delivered": delivered,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _root_path(record: Job) -> str:
    organization = record.params.get("organization")
    return Organization.objects.get(pk=organization).path if organization else ""


def rebuild_parts(record: Job) -> list[dict[str, Any]]:
    """A part per batch of marked persons (``params["batch"]`` persons, a batch of the documents by
    default) of the scope ``params["organization"]`` (None: the whole country)."""
    root_path = _root_path(record)
    return [
        {"root": root_path, "first": first, "last": last}
        for first, last in documents.spans(root_path, record.params.get("batch"))
    ]


def rebuild_result(record: Job, results: list[Any]) -> dict[str, Any]:
    return {"rebuilt": sum(results), "parts": len(results), "ok": True, "rows": sum(results)}


@parted_job(
    REBUILD_JOB,
    label=gettext_lazy("Lập lại văn bản hồ sơ điện tử"),
    split=rebuild_parts,
    finish=rebuild_result,
)
def rebuild_part(record: Job, params: dict[str, Any], progress: Progress) -> int:
    """Rebuild the stored documents of the marked persons of one part; how many."""

    def step(done: int, total: int) -> None:
        progress(
            done * 100 // total, _("Đã lập lại %(done)s/%(total)s hồ sơ.") % {"done": done, "total": total}
        )

    return documents.refresh(params["root"], between=(params["first"], params["last"]), progress=step)
