"""The yearly results on the person's record through the dossier registry: entry of a result decided on
paper (web form and API, the same rules), the timeline, the CV's table 31 and the fact list."""

import pytest
from django.urls import reverse

from noivu.accounts.models import ApiToken
from noivu.evaluation.actions import do_record_evaluation, do_self_assess
from noivu.evaluation.models import Evaluation, Level
from noivu.personnel.dossier.cv import build_cv
from noivu.personnel.dossier.timeline import timeline

pytestmark = pytest.mark.django_db


def test_a_decided_year_is_on_the_timeline_and_in_the_cv_but_a_step_in_progress_is_not(staff, hr_a):
    an = staff[0]
    do_record_evaluation(person=an, year=2024, rating=Level.GOOD, note="Có sáng kiến", acting_user=hr_a)
    do_self_assess(person=an, year=2025, rating=Level.GOOD, acting_user=hr_a)
    labels = [entry.label for entry in timeline(an)]
    assert "Xếp loại năm 2024: Hoàn thành tốt nhiệm vụ" in labels
    assert not any("2025" in label for label in labels if label.startswith("Xếp loại"))
    tables = {str(table.title): rows for table, rows in build_cv(an, full=True).tables}
    assert tables["31) Nhận xét, đánh giá của cơ quan, đơn vị quản lý và sử dụng"] == [
        ("2024", "Hoàn thành tốt nhiệm vụ", "Có sáng kiến")
    ]


def test_the_dossier_entry_corrects_a_year_and_keeps_the_history(client, staff, hr_a):
    an = staff[0]
    client.force_login(hr_a)
    url = reverse("personnel:dossier_add", args=[an.pk, "evaluation"])
    client.post(url, {"year": "2024", "rating": "HT"})
    client.post(url, {"year": "2024", "rating": "HTT", "decided_on": "15/01/2025"})
    row = Evaluation.objects.get(person=an)
    assert (row.rating, row.status, row.regime) == ("HTT", "decided", "ND90_2020")
    assert [h.rating for h in row.history.order_by("history_date")] == ["HT", "HTT"]
    listed = client.get(reverse("personnel:dossier_list", args=[an.pk, "evaluation"]))
    assert "Hoàn thành tốt nhiệm vụ" in listed.content.decode()


def test_the_api_kind_refuses_an_excellent_rating_over_the_cap_naming_rule_and_counts(staff, hr_a):
    _, raw = ApiToken.issue(hr_a, "kiểm thử")
    from django.test import Client

    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    url = f"/api/v1/dossier/{staff[0].pk}/evaluation"
    refused = api.post(url, {"year": 2024, "rating": "HTXS"}, content_type="application/json")
    assert refused.status_code == 422
    message = refused.json()["errors"][0]["message"]
    assert "124-QĐ/TW" in message and "1 người xếp loại hoàn thành xuất sắc" in message
    assert "0 người hoàn thành tốt" in message
    assert not Evaluation.objects.exists()
