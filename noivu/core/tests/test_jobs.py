import pytest
from django.core.exceptions import PermissionDenied

from noivu.core.actions import JOB_STARTED, do_start_job
from noivu.core.jobs import job
from noivu.core.models import AuditEvent, Job

seen_progress: list[int] = []


@job("test-count")
def _count_job(record: Job, progress) -> dict:
    total = record.params["n"]
    for done in range(1, total + 1):
        progress(done * 100 // total, f"{done}/{total}")
        seen_progress.append(Job.objects.get(pk=record.pk).progress)
    return {"counted": total}


@job("test-fail")
def _failing_job(record: Job, progress) -> None:
    progress(40, "half way")
    raise RuntimeError("dữ liệu hỏng ở dòng 7")


@pytest.mark.django_db(transaction=True)
def test_job_runs_reports_progress_and_stores_its_result(tree, hr_a):
    seen_progress.clear()
    record = do_start_job(kind="test-count", params={"n": 4}, on=tree["province_a"], acting_user=hr_a)
    record.refresh_from_db()
    assert record.status == Job.Status.DONE
    assert record.result == {"counted": 4}
    assert seen_progress == [25, 50, 75, 100]
    assert record.finished_at is not None


@pytest.mark.django_db(transaction=True)
def test_failed_job_keeps_the_error_for_the_ui(tree, hr_a):
    started = do_start_job(kind="test-fail", params={}, on=tree["province_a"], acting_user=hr_a)
    record = Job.objects.get(kind="test-fail")
    assert record == started
    assert record.status == Job.Status.FAILED
    assert "dòng 7" in record.message
    assert record.progress == 40


@pytest.mark.django_db
def test_a_job_over_the_users_own_scope_needs_the_right_somewhere(tree, hr_a, leader_a):
    with pytest.raises(PermissionDenied):
        do_start_job(kind="test-count", params={"n": 1}, on=None, acting_user=leader_a)
    assert not Job.objects.exists()
    record = do_start_job(kind="test-count", params={"n": 1}, on=None, acting_user=hr_a)
    event = AuditEvent.objects.get(event_type=JOB_STARTED)
    assert (event.acting_user, event.extra) == (hr_a, {"job": record.pk, "kind": "test-count"})
