"""The rebuild of the stored documents as a job several workers share: a part per batch of marked persons,
one progress for the job, done when every part is, failed naming the part that failed; and, on
PostgreSQL, two real Celery workers on the Redis broker sharing its parts."""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from conftest import make_person
from noivu.core import jobs
from noivu.core.models import Job, JobPart
from noivu.edossier import documents
from noivu.edossier.jobs import REBUILD_JOB
from noivu.edossier.models import DossierDocument, StaleDossier
from noivu.personnel.models import Person

REPO = Path(__file__).resolve().parents[3]
BROKER = "redis://127.0.0.1:6379/11"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="worker processes on the same database: PostgreSQL only"
)


def _persons(tree, count: int) -> None:
    for number in range(count):
        make_person(tree["dept_a"], f"Người thứ {number}")
    documents.mark_missing(Person.objects.unrestricted().all())


def test_the_rebuild_is_split_into_parts_whose_progress_makes_the_jobs(db, tree, hr_a):
    _persons(tree, 7)
    record = Job.objects.create(kind=REBUILD_JOB, params={"batch": 3}, created_by=hr_a)

    jobs.run_job(record.pk)

    record.refresh_from_db()
    parts = list(JobPart.objects.filter(job=record).order_by("number"))
    assert [part.number for part in parts] == [1, 2, 3]
    assert [part.result for part in parts] == [3, 3, 1]
    assert all(part.status == Job.Status.DONE and part.progress == 100 and part.worker for part in parts)
    assert record.status == Job.Status.DONE and record.progress == 100
    assert record.result["rebuilt"] == 7 and record.result["parts"] == 3
    assert DossierDocument.objects.count() == 7 and not StaleDossier.objects.exists()


def test_the_jobs_progress_is_the_mean_of_its_parts(db, hr_a):
    record = Job.objects.create(kind=REBUILD_JOB, status=Job.Status.RUNNING, created_by=hr_a)
    for number, progress in ((1, 100), (2, 50), (3, 0), (4, 0)):
        JobPart.objects.create(job=record, number=number, progress=progress)
    jobs._sum_progress(record.pk)
    record.refresh_from_db()
    assert record.progress == 37  # (100 + 50 + 0 + 0) / 4, rounded down


def test_a_failing_part_fails_the_job_naming_it_and_the_rest_is_skipped(db, tree, hr_a, monkeypatch):
    _persons(tree, 7)
    record = Job.objects.create(kind=REBUILD_JOB, params={"batch": 3}, created_by=hr_a)
    refresh = documents.refresh

    def second_fails(root_path, *, between, progress):
        if between[0] > Person.objects.unrestricted().order_by("pk")[2].pk:
            raise RuntimeError("ổ đĩa đầy")
        return refresh(root_path, between=between, progress=progress)

    monkeypatch.setattr(documents, "refresh", second_fails)
    with pytest.raises(RuntimeError):
        jobs.run_job(record.pk)

    record.refresh_from_db()
    assert record.status == Job.Status.FAILED
    assert record.message == "Phần 2/3 của tác vụ bị lỗi: ổ đĩa đầy"
    statuses = dict(JobPart.objects.filter(job=record).values_list("number", "status"))
    assert statuses == {1: Job.Status.DONE, 2: Job.Status.FAILED, 3: Job.Status.PENDING}

    # A part a worker takes after the job stopped is skipped, not run.
    jobs.run_job_part(JobPart.objects.get(job=record, number=3).pk)
    skipped = JobPart.objects.get(job=record, number=3)
    assert skipped.status == Job.Status.FAILED and skipped.message == str(jobs.PART_SKIPPED_MESSAGE)
    assert StaleDossier.objects.count() == 4  # the first part's 3 rebuilt, the others' kept for a rerun


def _database_url() -> str:
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def _wait(condition, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def _consumers(broker_db) -> list[dict]:
    return [c for c in broker_db.client_list() if c.get("cmd") == "brpop" and c.get("db") == "11"]


@on_postgresql
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")  # sent to the real broker
def test_two_celery_workers_share_the_parts_of_a_national_rebuild(transactional_db, tree, hr_a):
    import redis

    from noivu.celery import app

    broker_db = redis.Redis.from_url(BROKER)
    broker_db.flushdb()
    _persons(tree, 60)
    environment = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "noivu.settings",
        "SECRET_KEY": "tests-only-key-not-secret-" + "x" * 30,
        "CELERY_BROKER_URL": BROKER,
        "MEDIA_ROOT": tempfile.mkdtemp(prefix="noivu-test-media-"),
    }
    celery = str(Path(sys.executable).parent / "celery")
    logs = Path(tempfile.mkdtemp(prefix="noivu-test-workers-"))
    workers = []
    for name in ("a", "b"):
        with (logs / name).open("w") as log:
            command = [celery, "-A", "noivu", "worker", "-n", f"{name}@%h", "--concurrency", "1"]
            command += ["--prefetch-multiplier", "1", "--without-gossip", "--without-mingle"]
            workers.append(
                subprocess.Popen(
                    command,
                    cwd=REPO,
                    env=environment,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
    try:
        # Both wait on the queue (a blocking pop each) before the job is sent, so that neither finds it
        # emptied by the other.
        _wait(lambda: len(_consumers(broker_db)) == 2, 120)
        record = Job.objects.create(kind=REBUILD_JOB, params={"batch": 3}, created_by=hr_a)
        with app.connection_for_write(BROKER) as broker:
            app.send_task("noivu.core.jobs.run_job", args=(record.pk, "vi"), connection=broker)

        client = Client()
        client.force_login(hr_a)
        seen = []

        def finished() -> bool:
            answer = client.get(f"/api/v1/jobs/{record.pk}").json()
            seen.append(answer["progress"])
            return answer["status"] in ("done", "failed")

        _wait(finished)
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(30)

    record.refresh_from_db()
    assert record.status == Job.Status.DONE, record.message
    assert record.result["rebuilt"] == 60 and record.result["parts"] == 20
    parts = JobPart.objects.filter(job=record)
    assert parts.count() == 20 and not parts.exclude(status=Job.Status.DONE).exists()
    # Both workers did parts (each part names the process that ran it).
    assert len(set(parts.values_list("worker", flat=True))) == 2
    # One progress for the job, never going back, ending at 100.
    assert seen == sorted(seen) and seen[-1] == 100
    assert DossierDocument.objects.count() == 60 and not StaleDossier.objects.exists()
