"""Background jobs (tác vụ nền) with progress the UI can poll.

An app registers a job function with :func:`job`; the function receives the :class:`Job` and a
``progress(percent, message)`` callback and returns a JSON-able result.
"""

from collections.abc import Callable
from typing import Any

from celery import shared_task
from django.utils import timezone

from noivu.core.models import Job

Progress = Callable[[int, str], None]
JobFunction = Callable[[Job, Progress], Any]

_job_functions: dict[str, JobFunction] = {}


def job(kind: str) -> Callable[[JobFunction], JobFunction]:
    def decorate(function: JobFunction) -> JobFunction:
        _job_functions[kind] = function
        return function

    return decorate


@shared_task
def run_job(job_id: int) -> None:
    record = Job.objects.get(pk=job_id)
    function = _job_functions.get(record.kind)

    def progress(percent: int, message: str = "") -> None:
        Job.objects.filter(pk=job_id).update(progress=max(0, min(100, percent)), message=message[:500])

    Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING)
    try:
        if function is None:
            raise LookupError(f"không có loại tác vụ {record.kind}")
        result = function(record, progress)
    except Exception as error:  # the UI must show the failure rather than spin forever
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED, message=str(error)[:500], finished_at=timezone.now()
        )
        raise
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.DONE, progress=100, result=result, finished_at=timezone.now()
    )
