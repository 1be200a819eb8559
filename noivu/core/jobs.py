"""Background jobs (tác vụ nền) with progress the UI can poll.

An app registers a job function with :func:`job`, naming what the user sees of it (its label, the page
that shows one job, the download of its error workbook); the function receives the :class:`Job` and a
``progress(percent, message)`` callback and returns a JSON-able result. By convention a job that reads a
file keeps in its result ``file_name``, ``rows``, ``ok`` and ``error_file``, which the list of past jobs
shows.

With a Celery broker a job runs on a worker. Without one (jobs in-process) it runs on a thread of the web
process, started once the transaction that recorded it commits: the request that started it answers at
once and the page polls the job's progress, as it would with a worker.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from celery import shared_task
from django.conf import settings
from django.db import close_old_connections, connections
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from noivu.core.models import Job

Progress = Callable[[int, str], None]
JobFunction = Callable[[Job, Progress], Any]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobKind:
    """A kind of job as the user sees it: ``label`` names it; ``page`` and ``error_file`` are URL names
    (taking the job's ``pk``) of the page showing one job and of its error workbook, when it has them."""

    kind: str
    label: str | Promise
    function: JobFunction
    page: str = "core:job"
    error_file: str | None = None


_job_kinds: dict[str, JobKind] = {}


def job(
    kind: str, *, label: str | Promise, page: str = "core:job", error_file: str | None = None
) -> Callable[[JobFunction], JobFunction]:
    def decorate(function: JobFunction) -> JobFunction:
        _job_kinds[kind] = JobKind(kind, label, function, page, error_file)
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

    Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING)
    try:
        if found is None:
            raise LookupError(_("Không có loại tác vụ này."))
        result = found.function(record, progress)
    except Exception as error:  # the UI must show the failure rather than spin forever
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED, message=str(error)[:500], finished_at=timezone.now()
        )
        raise
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.DONE, progress=100, result=result, finished_at=timezone.now()
    )


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
    if settings.CELERY_TASK_ALWAYS_EAGER and settings.JOBS_ON_THREAD:
        threading.Thread(
            target=_run_on_thread, args=(job_id, language), name=f"job-{job_id}", daemon=True
        ).start()
    else:
        run_job.delay(job_id, language)
