import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from noivu.core.actions import JOB_STARTED, do_start_job
from noivu.core.jobs import job
from noivu.core.models import AuditEvent, Job

seen_progress: list[int] = []


@job("test-count", label="Đếm thử")
def _count_job(record: Job, progress) -> dict:
    total = record.params["n"]
    for done in range(1, total + 1):
        progress(done * 100 // total, f"{done}/{total}")
        seen_progress.append(Job.objects.get(pk=record.pk).progress)
    return {"counted": total}


@job("test-fail", label="Lỗi thử")
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


release = threading.Event()


@job("test-wait", label="Chờ thử")
def _waiting_job(record: Job, progress) -> dict:
    progress(10, translation.gettext("Tác vụ nền"))
    assert release.wait(timeout=10)
    return {"waited": True}


def _join_job_threads() -> None:
    for thread in threading.enumerate():
        if thread.name.startswith("job-"):
            thread.join(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_without_a_worker_a_job_runs_on_a_thread_and_the_caller_answers_at_once(tree, hr_a, settings):
    settings.JOBS_ON_THREAD = True
    release.clear()
    with translation.override("en"):
        record = do_start_job(kind="test-wait", params={}, on=tree["province_a"], acting_user=hr_a)
    try:
        record.refresh_from_db()
        assert record.status in (Job.Status.PENDING, Job.Status.RUNNING)
    finally:
        release.set()
        _join_job_threads()
    record.refresh_from_db()
    assert record.status == Job.Status.DONE
    assert record.result == {"waited": True}
    # The job speaks the language of the user who started it.
    assert record.message == "Background job"


def _finished(user, kind, result, **fields) -> Job:
    return Job.objects.create(
        kind=kind, params={}, created_by=user, status=Job.Status.DONE, result=result, progress=100, **fields
    )


@pytest.mark.django_db
def test_the_job_list_shows_the_users_own_imports_with_file_rows_outcome_and_error_workbook(
    client, hr_a, hr_b
):
    from noivu.personnel.excel.jobs import IMPORT_KIND

    refused = _finished(
        hr_a,
        IMPORT_KIND,
        {"ok": False, "rows": 5000, "file_name": "ho-so-thang-5.xlsx", "error_file": "x.xlsx"},
        message="Không nhập: tệp có lỗi, không hồ sơ nào được ghi.",
    )
    _finished(hr_b, IMPORT_KIND, {"ok": True, "rows": 12, "file_name": "tinh-b.xlsx", "error_file": None})
    client.force_login(hr_a)
    response = client.get(reverse("core:jobs"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nhập hồ sơ từ Excel" in html and IMPORT_KIND not in html.replace(f"kind={IMPORT_KIND}", "")
    assert "ho-so-thang-5.xlsx" in html and "5.000" in html and "Cán bộ tỉnh A" in html
    assert reverse("personnel:import_errors", args=[refused.pk]) in html
    assert reverse("personnel:import_result", args=[refused.pk]) in html
    assert "tinh-b.xlsx" not in html

    client.force_login(hr_b)
    assert "ho-so-thang-5.xlsx" not in client.get(reverse("core:jobs")).content.decode()


@pytest.mark.django_db
def test_a_job_page_names_the_job_not_its_internal_kind(client, hr_a):
    record = _finished(hr_a, "test-count", {"counted": 1})
    client.force_login(hr_a)
    html = client.get(reverse("core:job", args=[record.pk])).content.decode()
    assert "Đếm thử" in html and "test-count" not in html


@pytest.mark.django_db
def test_an_administrator_sees_the_jobs_of_every_user_of_the_units_they_administer(client, tree, hr_a, hr_b):
    from conftest import make_user
    from noivu.core.permissions import Role
    from noivu.personnel.excel.jobs import IMPORT_KIND

    own_a = _finished(
        hr_a,
        IMPORT_KIND,
        {"ok": True, "rows": 3, "created": 3, "file_name": "tinh-a.xlsx", "error_file": None},
    )
    _finished(hr_b, IMPORT_KIND, {"ok": True, "rows": 4, "file_name": "tinh-b.xlsx", "error_file": None})
    province_admin = make_user("admin_a", Role.SYSTEM_ADMIN, tree["province_a"])
    national = make_user("admin_vn", Role.SYSTEM_ADMIN, tree["root"])

    client.force_login(province_admin)
    html = client.get(reverse("core:jobs")).content.decode()
    assert "tinh-a.xlsx" in html and "tinh-b.xlsx" not in html
    assert client.get(reverse("core:job", args=[own_a.pk])).status_code == 200
    assert client.get(reverse("personnel:import_result", args=[own_a.pk])).status_code == 200

    client.force_login(national)
    html = client.get(reverse("core:jobs")).content.decode()
    assert "tinh-a.xlsx" in html and "tinh-b.xlsx" in html

    client.force_login(hr_b)
    assert client.get(reverse("core:job", args=[own_a.pk])).status_code == 404
