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
from django.db import close_old_connections, connection, connections
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as BrokerError

from noivu.core.models import Job

Progress = Callable[[int, str], None]
JobFunction = Callable[[Job, Progress], Any]

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

    worker = f"{socket.gethostname()}:{os.getpid()}"[:120]
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.RUNNING, heartbeat_at=timezone.now(), worker=worker
    )
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
        # A connection the database dropped (a restart) is replaced, so that the failure is recorded; if the
        # database is still down, the heartbeat has stopped and fail_lost_jobs records it later.
        if (
            connection.connection is not None
            and not connection.in_atomic_block
            and not connection.is_usable()
        ):
            connection.close()
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED, message=str(error)[:500], finished_at=timezone.now()
        )
        raise
    stop.set()
    beating.join()
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.DONE, progress=100, result=result, finished_at=timezone.now()
    )


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
