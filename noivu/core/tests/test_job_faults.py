"""Background jobs when things break: a worker killed mid-job, a broker that does not answer; the job is
marked failed with the reason, never left running or waiting forever, and can be started again."""

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from noivu.core import jobs
from noivu.core.actions import do_rerun_job, do_start_job
from noivu.core.models import AuditEvent, Job

REPO = Path(__file__).resolve().parents[3]
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a second process on the same database: PostgreSQL only"
)

# A worker process running one job that never ends, as a long import would.
WORKER = textwrap.dedent(
    """
    import sys, time
    import django
    django.setup()
    from noivu.core import jobs

    @jobs.job("test-endless", label="endless")
    def endless(record, progress):
        progress(10, "working")
        while True:
            time.sleep(0.1)

    jobs.run_job(int(sys.argv[1]))
    """
)


def _database_url() -> str:
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def _wait(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@on_postgresql
def test_a_job_whose_worker_is_killed_is_marked_failed_once_its_heartbeat_stops(
    transactional_db, hr_a, settings
):
    record = Job.objects.create(kind="test-endless", created_by=hr_a)
    alive = Job.objects.create(kind="test-endless", created_by=hr_a, status=Job.Status.RUNNING)
    environment = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "noivu.settings",
        "SECRET_KEY": "tests-only-key-not-secret-" + "x" * 30,
        "JOB_HEARTBEAT_SECONDS": "1",
    }
    worker = subprocess.Popen([sys.executable, "-c", WORKER, str(record.pk)], cwd=REPO, env=environment)
    try:
        _wait(lambda: Job.objects.get(pk=record.pk).status == Job.Status.RUNNING)
        first = Job.objects.get(pk=record.pk).heartbeat_at
        _wait(lambda: Job.objects.get(pk=record.pk).heartbeat_at > first)
        running = Job.objects.get(pk=record.pk)
        assert running.worker.endswith(f":{worker.pid}")
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()

    # The other job is still beating: only the silent one is lost.
    settings.JOB_LOST_AFTER_SECONDS = 2
    Job.objects.filter(pk=alive.pk).update(heartbeat_at=timezone.now() + dt.timedelta(seconds=60))
    time.sleep(2.5)
    assert jobs.fail_lost_jobs() == 1

    lost = Job.objects.get(pk=record.pk)
    assert lost.status == Job.Status.FAILED
    assert lost.message == str(jobs.LOST_MESSAGE)
    assert lost.finished_at is not None
    assert Job.objects.get(pk=alive.pk).status == Job.Status.RUNNING


def test_a_job_the_broker_does_not_take_is_failed_with_the_reason_and_its_input_kept(
    db, hr_a, settings, monkeypatch
):
    from noivu.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    # The job is sent on a connection of its own to a broker that is down (nothing listens on port 1), not
    # through the pool an earlier test may have opened to the real broker.
    down = app.connection_for_write("redis://127.0.0.1:1/0")
    monkeypatch.setattr(jobs.run_job, "delay", lambda *args: jobs.run_job.apply_async(args, connection=down))
    try:
        with TestCase.captureOnCommitCallbacks(execute=True):
            record = do_start_job(
                kind="personnel-import",
                params={"upload": "personnel-imports/x.xlsx"},
                on=None,
                acting_user=hr_a,
            )
    finally:
        down.release()

    record.refresh_from_db()
    assert record.status == Job.Status.FAILED
    assert record.message == str(jobs.NOT_QUEUED_MESSAGE)
    assert record.params == {"upload": "personnel-imports/x.xlsx"}


def test_a_failed_job_is_rerun_by_the_user_who_started_it_only(db, client, hr_a, hr_b, national_admin):
    failed = Job.objects.create(
        kind="personnel-import", created_by=hr_a, status=Job.Status.FAILED, params={"upload": "a.xlsx"}
    )
    with pytest.raises(PermissionDenied):
        do_rerun_job(job=failed, acting_user=national_admin)
    done = Job.objects.create(kind="personnel-import", created_by=hr_a, status=Job.Status.DONE)
    with pytest.raises(ValidationError, match="Chỉ chạy lại được tác vụ đã lỗi"):
        do_rerun_job(job=done, acting_user=hr_a)

    client.force_login(hr_a)
    page = client.get(reverse("core:job", args=[failed.pk]))
    assert 'id="job-rerun"' in page.content.decode()
    response = client.post(reverse("core:job_rerun", args=[failed.pk]))

    again = Job.objects.exclude(pk__in=[failed.pk, done.pk]).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("personnel:import_result", args=[again.pk])
    assert again.kind == "personnel-import" and again.params == {"upload": "a.xlsx"}
    assert again.created_by == hr_a
    event = AuditEvent.objects.get(event_type="jobs.rerun")
    assert event.extra == {"job": again.pk, "kind": "personnel-import", "rerun_of": failed.pk}

    client.force_login(hr_b)
    assert client.post(reverse("core:job_rerun", args=[failed.pk])).status_code == 404
