"""Background jobs (tác vụ nền) with progress the UI can poll.

An app registers a job function with :func:`job`, naming what the user sees of it (its label, the page
that shows one job, the download of its error workbook); the function receives the :class:`Job` and a
``progress(percent, message)`` callback and returns a JSON-able result. By convention a job that reads a
file keeps in its result ``file_name``, ``rows``, ``ok`` and ``error_file``, which the list of past jobs
shows.

With a Celery broker a job runs on a worker. Without one (jobs in-process) it runs on a thread of the web
process, started once the transaction that recorded it commits: the request that started it answers at
once and the page polls the job's progress, as it would with a worker.

A job never stays "running" or "waiting" forever: while it runs, its process writes a heartbeat on it, and
a running job whose heartbeat stopped (its worker was killed, its machine restarted) is marked failed by
:func:`fail_lost_jobs` (Celery beat every minute, and the job's page); a job the broker would not take is
marked failed at once. Either way the user reads why, and :func:`rerun` starts it again.

A national job too large for one worker is registered with :func:`parted_job`: its ``split`` function
divides the work into parts (:class:`JobPart`, each with its parameters), each part is queued as a task of
its own that any worker takes, the job's progress is the mean of its parts' (one figure for the user,
whichever workers run them), and the job is done once every part is, with the result ``finish`` makes of
the parts' results; it fails, naming the part, as soon as one part fails, and the parts not yet started are
then skipped.
"""

import datetime as dt
import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from celery import shared_task
from django.conf import settings
from django.db import close_old_connections, connection, connections, transaction
from django.db.models import Avg
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as BrokerError

from noivu.core.models import Job, JobPart

Progress = Callable[[int, str], None]
JobFunction = Callable[[Job, Progress], Any]
PartFunction = Callable[[Job, dict[str, Any], Progress], Any]


@dataclass(frozen=True)
class JobParts:
    """How a job shared by several workers is split: ``split`` returns the parameters of each part,
    ``run`` does one part (the job, the part's parameters, its progress) and ``finish`` makes the job's
    result from the parts' results, in the parts' order."""

    split: Callable[[Job], list[dict[str, Any]]]
    run: PartFunction
    finish: Callable[[Job, list[Any]], Any]


logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobKind:
    """A kind of job as the user sees it: ``label`` names it; ``page`` and ``error_file`` are URL names
    (taking the job's ``pk``) of the page showing one job and of its error workbook, when it has them;
    ``rerun`` says a failed job of this kind keeps its input and may be started again."""

    kind: str
    label: str | Promise
    function: JobFunction
    page: str = "core:job"
    error_file: str | None = None
    rerun: bool = False
    parts: JobParts | None = None


_job_kinds: dict[str, JobKind] = {}


def job(
    kind: str,
    *,
    label: str | Promise,
    page: str = "core:job",
    error_file: str | None = None,
    rerun: bool = False,
) -> Callable[[JobFunction], JobFunction]:
    def decorate(function: JobFunction) -> JobFunction:
        _job_kinds[kind] = JobKind(kind, label, function, page, error_file, rerun)
        return function

    return decorate


def parted_job(
    kind: str,
    *,
    label: str | Promise,
    split: Callable[[Job], list[dict[str, Any]]],
    finish: Callable[[Job, list[Any]], Any],
    page: str = "core:job",
) -> Callable[[PartFunction], PartFunction]:
    """Register a job of ``kind`` split into parts that several workers share (see the module's docstring);
    the decorated function does one part."""

    def decorate(function: PartFunction) -> PartFunction:
        def unsplit(record: Job, progress: Progress) -> Any:
            raise LookupError(kind)  # never called: a parted job runs through its parts

        _job_kinds[kind] = JobKind(kind, label, unsplit, page, parts=JobParts(split, function, finish))
        return function

    return decorate


def kind_of(kind: str) -> JobKind | None:
    return _job_kinds.get(kind)


def label_of(kind: str) -> str:
    """What the user reads for a kind of job: its label, never its internal name."""
    found = _job_kinds.get(kind)
    return str(found.label) if found else str(_("Tác vụ nền"))


@shared_task
def run_job(job_id: int, language: str | None = None) -> None:
    """Run job ``job_id``, its messages in ``language`` (that of the user who started it)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        _run(job_id)


def _run(job_id: int) -> None:
    record = Job.objects.get(pk=job_id)
    found = _job_kinds.get(record.kind)

    def progress(percent: int, message: str = "") -> None:
        Job.objects.filter(pk=job_id).update(progress=max(0, min(100, percent)), message=message[:500])

    worker = _worker_name()
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.RUNNING, heartbeat_at=timezone.now(), worker=worker
    )
    if found is not None and found.parts is not None:
        _split(record, found.parts)
        return
    stop = threading.Event()
    beating = threading.Thread(target=_beat, args=(job_id, stop), name=f"job-{job_id}-heartbeat", daemon=True)
    beating.start()
    try:
        if found is None:
            raise LookupError(_("Không có loại tác vụ này."))
        result = found.function(record, progress)
    except Exception as error:  # the UI must show the failure rather than spin forever
        stop.set()
        beating.join()
        _drop_dead_connection()
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED, message=str(error)[:500], finished_at=timezone.now()
        )
        raise
    stop.set()
    beating.join()
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.DONE, progress=100, result=result, finished_at=timezone.now()
    )


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


PART_FAILED_MESSAGE = _("Phần %(number)s/%(count)s của tác vụ bị lỗi: %(error)s")
PART_SKIPPED_MESSAGE = _("Không chạy vì tác vụ đã dừng.")
SPLIT_MESSAGE = _("Đã chia thành %(count)s phần; các tiến trình xử lý đang làm.")


def _split(record: Job, parts: JobParts) -> None:
    """Record the parts of a parted job and queue each; a job with nothing to do is done at once."""
    try:
        params = parts.split(record)
        created = JobPart.objects.bulk_create(
            JobPart(job=record, number=number, params=part) for number, part in enumerate(params, 1)
        )
    except Exception as error:
        Job.objects.filter(pk=record.pk).update(
            status=Job.Status.FAILED, message=str(error)[:500], finished_at=timezone.now()
        )
        raise
    if not created:
        Job.objects.filter(pk=record.pk).update(
            status=Job.Status.DONE, progress=100, result=parts.finish(record, []), finished_at=timezone.now()
        )
        return
    Job.objects.filter(pk=record.pk).update(message=str(SPLIT_MESSAGE % {"count": len(created)}))
    language = translation.get_language() or settings.LANGUAGE_CODE
    try:
        for part in created:
            run_job_part.delay(part.pk, language)
    except (BrokerError, OSError):
        logger.exception("Parts of job %s could not be queued", record.pk)
        Job.objects.filter(pk=record.pk, status=Job.Status.RUNNING).update(
            status=Job.Status.FAILED, message=str(NOT_QUEUED_MESSAGE), finished_at=timezone.now()
        )


@shared_task
def run_job_part(part_id: int, language: str | None = None) -> None:
    """Run part ``part_id`` of a parted job (on whichever worker took it), then finish the job if it was the
    last; skipped when the job has already stopped (another part failed, or it was lost)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        _run_part(part_id)


def _run_part(part_id: int) -> None:
    part = JobPart.objects.select_related("job").get(pk=part_id)
    record = part.job
    found = _job_kinds.get(record.kind)
    parts = JobPart.objects.filter(pk=part_id)
    if record.status != Job.Status.RUNNING or found is None or found.parts is None:
        parts.update(status=Job.Status.FAILED, message=str(PART_SKIPPED_MESSAGE), finished_at=timezone.now())
        return
    parts.update(status=Job.Status.RUNNING, worker=_worker_name(), started_at=timezone.now())

    def progress(percent: int, message: str = "") -> None:
        parts.update(progress=max(0, min(100, percent)), message=message[:500])
        _sum_progress(record.pk)

    stop = threading.Event()
    beating = threading.Thread(
        target=_beat, args=(record.pk, stop), name=f"part-{part_id}-heartbeat", daemon=True
    )
    beating.start()
    try:
        result = found.parts.run(record, part.params, progress)
    except Exception as error:
        stop.set()
        beating.join()
        _drop_dead_connection()
        parts.update(status=Job.Status.FAILED, message=str(error)[:500], finished_at=timezone.now())
        count = JobPart.objects.filter(job=record.pk).count()
        message = PART_FAILED_MESSAGE % {"number": part.number, "count": count, "error": error}
        Job.objects.filter(pk=record.pk, status=Job.Status.RUNNING).update(
            status=Job.Status.FAILED, message=str(message)[:500], finished_at=timezone.now()
        )
        raise
    stop.set()
    beating.join()
    parts.update(status=Job.Status.DONE, progress=100, result=result, finished_at=timezone.now())
    _sum_progress(record.pk)
    _finish_if_last(record.pk, found.parts)


def _sum_progress(job_id: int) -> None:
    """The job's progress: the mean of its parts' (below 100 until the last part's result is kept)."""
    mean = JobPart.objects.filter(job=job_id).aggregate(mean=Avg("progress"))["mean"] or 0
    Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(
        progress=min(99, int(mean)), heartbeat_at=timezone.now()
    )


def _finish_if_last(job_id: int, parts: JobParts) -> None:
    """Finish the job when every part is done. The job's row is locked, so that of two workers ending the
    last parts at once, exactly one sees them all done (each committed its own part before asking)."""
    with transaction.atomic():
        record = Job.objects.select_for_update().get(pk=job_id)
        if record.status != Job.Status.RUNNING:
            return
        rows = JobPart.objects.filter(job=job_id)
        if rows.exclude(status=Job.Status.DONE).exists():
            return
        result = parts.finish(record, list(rows.order_by("number").values_list("result", flat=True)))
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.DONE, progress=100, result=result, finished_at=timezone.now()
        )


def _drop_dead_connection() -> None:
    """Replace a connection the database dropped (a restart), so that a job's failure can be recorded; if
    the database is still down, the heartbeat has stopped and fail_lost_jobs records it later."""
    if connection.connection is not None and not connection.in_atomic_block and not connection.is_usable():
        connection.close()


def _beat(job_id: int, stop: threading.Event) -> None:
    """Write the running job's heartbeat until it ends (on a connection of this thread's own)."""
    try:
        while not stop.wait(settings.JOB_HEARTBEAT_SECONDS):
            Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(heartbeat_at=timezone.now())
    finally:
        connections.close_all()


LOST_MESSAGE = _(
    "Tác vụ dừng giữa chừng vì tiến trình xử lý đã ngừng (máy chủ khởi động lại hoặc tiến trình bị dừng); "
    "không dữ liệu nào được ghi dở. Hãy chạy lại."
)
NOT_QUEUED_MESSAGE = _(
    "Hàng đợi tác vụ không phản hồi nên tác vụ chưa chạy; dữ liệu đã gửi được giữ lại. Hãy chạy lại khi hệ "
    "thống hoạt động trở lại."
)


@shared_task(name="core.fail_lost_jobs")
def fail_lost_jobs() -> int:
    """Mark failed every running job whose heartbeat is older than ``JOB_LOST_AFTER_SECONDS``; return how
    many."""
    cutoff = timezone.now() - dt.timedelta(seconds=settings.JOB_LOST_AFTER_SECONDS)
    lost = Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=cutoff)
    return lost.update(status=Job.Status.FAILED, message=str(LOST_MESSAGE), finished_at=timezone.now())


def _run_on_thread(job_id: int, language: str) -> None:
    close_old_connections()
    try:
        run_job(job_id, language)
    except Exception:  # recorded on the job; the thread has no caller to raise to
        logger.exception("Job %s failed", job_id)
    finally:
        connections.close_all()


def start(job_id: int) -> None:
    """Run a recorded job: on a Celery worker when a broker is configured; otherwise on a thread of this
    process (``JOBS_ON_THREAD``, on by default) so that the request answers at once, or inline."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if settings.CELERY_TASK_ALWAYS_EAGER:
        if settings.JOBS_ON_THREAD:
            threading.Thread(
                target=_run_on_thread, args=(job_id, language), name=f"job-{job_id}", daemon=True
            ).start()
        else:
            run_job.delay(job_id, language)
        return
    try:
        run_job.delay(job_id, language)
    except (BrokerError, OSError):
        logger.exception("Job %s could not be queued", job_id)
        Job.objects.filter(pk=job_id, status=Job.Status.PENDING).update(
            status=Job.Status.FAILED, message=str(NOT_QUEUED_MESSAGE), finished_at=timezone.now()
        )
