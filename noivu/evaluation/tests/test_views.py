"""The pages: the steps refused to the wrong role, a period's results with the cap and the export, the
tasks with their overdue flags and the progress form."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from noivu.evaluation.actions import do_assign_task, do_record_evaluation, do_self_assess
from noivu.evaluation.models import Evaluation, Level, Status

pytestmark = pytest.mark.django_db


def test_the_self_assessment_page_records_the_first_step(client, staff, hr_a):
    client.force_login(hr_a)
    url = reverse("evaluation:person", args=[staff[0].pk])
    response = client.post(
        url, {"year": "2025", "period_kind": "year", "period_number": "0", "rating": "HTT"}
    )
    row = Evaluation.objects.get()
    assert response.url == reverse("evaluation:detail", args=[row.pk])
    assert (row.status, row.self_rating) == (Status.SELF_ASSESSED, "HTT")


def test_a_score_outside_the_scale_is_shown_on_the_form_and_nothing_saved(client, staff, hr_a):
    client.force_login(hr_a)
    url = reverse("evaluation:person", args=[staff[0].pk])
    response = client.post(
        url, {"year": "2026", "period_kind": "quarter", "period_number": "1", "rating": "HTT", "score": "120"}
    )
    assert "thang điểm 100" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_the_appraiser_assesses_and_an_hr_officer_may_not_decide(client, staff, hr_a, appraiser_a):
    row = do_self_assess(person=staff[0], year=2025, rating=Level.GOOD, acting_user=hr_a)
    client.force_login(appraiser_a)
    url = reverse("evaluation:detail", args=[row.pk])
    assert "assess-form" in client.get(url).content.decode()
    client.post(url, {"step": "assess", "rating": "HTT"})
    row.refresh_from_db()
    assert row.status == Status.ASSESSED
    client.force_login(hr_a)
    assert "decide-form" not in client.get(url).content.decode()
    client.post(url, {"step": "decide"})
    row.refresh_from_db()
    assert row.status == Status.ASSESSED


def test_the_results_of_a_year_and_their_export(client, staff, hr_a):
    for person in staff[:5]:
        do_record_evaluation(person=person, year=2025, rating=Level.GOOD, acting_user=hr_a)
    do_record_evaluation(person=staff[5], year=2025, rating=Level.EXCELLENT, acting_user=hr_a)
    client.force_login(hr_a)
    page = client.get(reverse("evaluation:results"), {"year": "2025", "under": "T01"})
    text = page.content.decode()
    assert "Phòng Công chức" in text and "results-chart-data" in text
    assert "?under=T01-SNV-01&amp;year=2025" in text  # the unit opens its own sub-tree
    assert [r.counts["HTT"] for r in page.context["results"]] == [5]
    export = client.get(reverse("evaluation:results_export"), {"year": "2025"})
    rows = CalamineWorkbook.from_filelike(io.BytesIO(export.content)).get_sheet_by_index(0).to_python()
    assert rows[1][1] == "Phòng Công chức" and rows[1][3] == 6 and rows[1][4] == 1 and rows[1][5] == 5


def test_tasks_overdue_are_flagged_and_progress_is_reported(client, staff, hr_a):
    unit = staff[0].organization
    late = do_assign_task(
        organization=unit,
        owner=staff[0],
        title="Báo cáo quý",
        target_quantity=2,
        start_date=dt.date(2026, 1, 2),
        deadline=dt.date(2026, 2, 1),
        acting_user=hr_a,
    )
    client.force_login(hr_a)
    listing = client.get(reverse("evaluation:tasks"), {"overdue": "on"}).content.decode()
    assert "Báo cáo quý" in listing and "Quá hạn" in listing
    client.post(reverse("evaluation:task", args=[late.pk]), {"quantity": "2", "reported_on": "05/02/2026"})
    late.refresh_from_db()
    assert late.status == "done"
    page = client.get(reverse("evaluation:unit_tasks", args=[unit.pk])).content.decode()
    assert "Nguyễn Văn An" in page
