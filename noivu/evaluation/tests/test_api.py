"""The API: the three steps, the cap refusal as a 422 naming the rule, tasks and consequences."""

import pytest
from django.test import Client

from noivu.accounts.models import ApiToken
from noivu.evaluation.actions import do_record_evaluation
from noivu.evaluation.models import Level

pytestmark = pytest.mark.django_db
URL = "/api/v1/evaluation"


def api(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_the_steps_through_the_api_and_the_cap_as_a_422(staff, hr_a, appraiser_a, approver_a):
    for person in staff[:4]:
        do_record_evaluation(person=person, year=2025, rating=Level.GOOD, acting_user=hr_a)
    created = api(hr_a).post(
        f"{URL}/evaluations",
        {"person_id": staff[4].pk, "year": 2025, "rating": "HTXS"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    evaluation_id = created.json()["id"]
    early = api(approver_a).post(
        f"{URL}/evaluations/{evaluation_id}/decide", {}, content_type="application/json"
    )
    assert early.status_code == 422 and "chưa đánh giá" in early.json()["detail"] + str(
        early.json()["errors"]
    )
    assessed = api(appraiser_a).post(
        f"{URL}/evaluations/{evaluation_id}/assess", {"rating": "HTXS"}, content_type="application/json"
    )
    assert assessed.json()["status"] == "assessed"
    refused = api(approver_a).post(
        f"{URL}/evaluations/{evaluation_id}/decide", {}, content_type="application/json"
    )
    assert refused.status_code == 422
    assert "tối đa 0" in refused.json()["errors"][0]["message"]
    decided = api(approver_a).post(
        f"{URL}/evaluations/{evaluation_id}/decide", {"rating": "HTT"}, content_type="application/json"
    )
    assert decided.json()["rating"] == "HTT"
    results = api(hr_a).get(f"{URL}/results/T01", {"year": 2025}).json()
    assert [(r["name"], r["counts"]["HTT"]) for r in results] == [("Phòng Công chức", 5)]
    for kind, number in (("month", 0), ("quarter", 5), ("year", 3)):
        wrong = api(hr_a).get(
            f"{URL}/results/T01", {"year": 2025, "period_kind": kind, "period_number": number}
        )
        assert wrong.status_code == 422, (kind, number)
        assert [e["field"] for e in wrong.json()["errors"]] == ["period_number"], (kind, number)


def test_tasks_and_progress_through_the_api(staff, hr_a):
    client = api(hr_a)
    task = client.post(
        f"{URL}/tasks",
        {
            "organization": "T01-SNV-01",
            "owner_id": staff[0].pk,
            "title": "Thẩm định",
            "target_quantity": 3,
            "start_date": "2026-01-02",
            "deadline": "2026-12-31",
        },
        content_type="application/json",
    )
    assert task.status_code == 201, task.json()
    done = client.post(
        f"{URL}/tasks/{task.json()['id']}/progress",
        {"quantity": 3, "reported_on": "2026-03-01"},
        content_type="application/json",
    )
    assert (done.json()["finished"], done.json()["status"]) == (3, "done")


def test_consequences_are_listed_for_the_scope(staff, hr_a):
    do_record_evaluation(person=staff[0], year=2024, rating=Level.NOT_COMPLETED, acting_user=hr_a)
    do_record_evaluation(person=staff[0], year=2025, rating=Level.NOT_COMPLETED, acting_user=hr_a)
    body = api(hr_a).get(f"{URL}/consequences", {"first_year": 2021, "last_year": 2025}).json()
    assert [(item["person_id"], item["on"]) for item in body["items"]] == [(staff[0].pk, "2025-12-31")]


def test_consequences_before_any_rule_or_with_years_reversed_are_a_422_naming_the_field(hr_a):
    before_rule = api(hr_a).get(
        f"{URL}/consequences", {"kind": "lowest_two_consecutive_years", "first_year": 1900, "last_year": 1900}
    )
    assert before_rule.status_code == 422
    assert [e["field"] for e in before_rule.json()["errors"]] == ["last_year"]
    reversed_years = api(hr_a).get(f"{URL}/consequences", {"first_year": 2025, "last_year": 2021})
    assert reversed_years.status_code == 422
    assert [e["field"] for e in reversed_years.json()["errors"]] == ["first_year"]
