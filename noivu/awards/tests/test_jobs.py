"""The screening of a whole scope as a background job: cut into batches of whole units, each screened
set-wise, with its progress; the result counts those eligible and refused per title."""

import datetime as dt

import pytest

from conftest import make_rating
from noivu.awards import jobs
from noivu.core.models import Job
from noivu.evaluation.models import UnitEvaluation

pytestmark = pytest.mark.django_db


def test_the_scope_is_screened_in_batches_with_its_progress(
    client, settings, tree, people, hr_a, django_capture_on_commit_callbacks
):
    settings.JOBS_ON_THREAD = False
    make_rating(people["an"], 2025, "HTXS")
    make_rating(people["binh"], 2025, "HT")
    make_rating(people["duc"], 2025, "HTXS")  # province B: outside the scope screened
    UnitEvaluation.objects.create(
        organization=tree["dept_a"], year=2025, rating="HTXS", decided_on=dt.date(2026, 1, 10)
    )
    # One person a batch: the province's own unit (Bình) and its department (An) are two batches.
    assert jobs.batches(tree["province_a"], size=1) == [
        (tree["province_a"].path, tree["dept_a"].path),
        (tree["dept_a"].path, None),
    ]
    client.force_login(hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            f"/awards/units/{tree['province_a'].pk}/screening/", {"year": "2025", "decided_on": "15/01/2026"}
        )
    record = Job.objects.get()
    assert started["Location"] == f"/awards/screenings/{record.pk}/"
    assert record.status == Job.Status.DONE and record.progress == 100
    result = record.result
    assert (result["persons"], result["units"], result["year"]) == (2, 1, 2025)
    found = {(row["code"], row["recipient"]): (row["eligible"], row["refused"]) for row in result["titles"]}
    # An (HTXS) is Lao động tiên tiến and Chiến sĩ thi đua cơ sở; Bình ("hoàn thành") neither.
    assert found[("LDTT", "individual")] == (1, 1)
    assert found[("CSTDCS", "individual")] == (1, 1)
    # The department (An alone, HTXS) meets Tập thể lao động xuất sắc.
    assert found[("TTLDXS", "collective")] == (1, 0)
    assert "Đã xét 2 người, 1 tập thể" in record.message and "Lao động tiên tiến: 1" in record.message


def test_the_progress_page_leads_back_to_the_screening_it_was_started_from(client, tree, hr_a):
    from conftest import make_user
    from noivu.core.permissions import Role

    client.force_login(hr_a)
    client.post(f"/awards/units/{tree['dept_a'].pk}/screening/", {"year": "2025", "decided_on": "15/01/2026"})
    record = Job.objects.get()
    page = client.get(f"/awards/screenings/{record.pk}/").content.decode()
    back = f"/awards/units/{tree['dept_a'].pk}/eligibility/?year=2025&amp;decided_on=15%2F01%2F2026"
    assert f'id="screening-back" href="{back}"' in page
    assert "Quay lại trang xét điều kiện của Sở Nội vụ tỉnh A" in page and "Năm thành tích 2025" in page
    # The list of past jobs opens this page, not the generic one.
    assert f'href="/awards/screenings/{record.pk}/"' in client.get("/jobs/").content.decode()
    # Another officer does not follow the job; a job of another kind is not shown here.
    client.force_login(make_user("hr_a2", Role.HR_OFFICER, tree["province_a"]))
    assert client.get(f"/awards/screenings/{record.pk}/").status_code == 404
    other = Job.objects.create(kind="personnel-import", created_by=hr_a)
    client.force_login(hr_a)
    assert client.get(f"/awards/screenings/{other.pk}/").status_code == 404
