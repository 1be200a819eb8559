"""The API: pools with readiness, the limit refusal as a 422 naming the rule, training hours, courses."""

import datetime as dt

import pytest
from django.test import Client

from noivu.accounts.models import ApiToken
from noivu.core.dates import today
from noivu.succession.models import PoolCandidate, TrainingCourse

pytestmark = pytest.mark.django_db
URL = "/api/v1/succession"


def api(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_a_pool_through_the_api_and_its_limit_as_a_422(division, staff, hr_a):
    client = api(hr_a)
    created = client.post(
        f"{URL}/pools",
        {
            "organization": division.code,
            "position_title": "Trưởng phòng",
            "level": "division_head",
            "term_start": 2026,
            "term_end": 2031,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    pool_id = created.json()["id"]
    for person in staff[:3]:
        added = client.post(
            f"{URL}/pools/{pool_id}/candidates", {"person_id": person.pk}, content_type="application/json"
        )
        assert added.status_code == 201, added.json()
    refused = client.post(
        f"{URL}/pools/{pool_id}/candidates", {"person_id": staff[3].pk}, content_type="application/json"
    )
    assert refused.status_code == 422
    assert "tối đa 3 người (377-QĐ/TW)" in str(refused.json())
    assert PoolCandidate.objects.count() == 3
    detail = client.get(f"{URL}/pools/{pool_id}").json()
    assert detail["candidates"] == 3 and len(detail["candidates_detail"]) == 3
    first = detail["candidates_detail"][0]
    assert first["eligible"] and first["readiness"] == "Cần bồi dưỡng thêm"
    assert "leadership_division" in first["missing_programmes"]


def test_training_hours_and_a_course_completed_through_the_api(tree, staff, hr_a, hr_b):
    client = api(hr_a)
    course = client.post(
        f"{URL}/courses",
        {
            "organization": tree["dept_a"].code,
            "name": "Bồi dưỡng kỹ năng số",
            "programme": "digital",
            "start_date": (today() - dt.timedelta(days=9)).isoformat(),
            "end_date": (today() - dt.timedelta(days=5)).isoformat(),
            "periods": 40,
        },
        content_type="application/json",
    )
    assert course.status_code == 201, course.json()
    enrolled = client.post(
        f"{URL}/courses/{course.json()['id']}/enrolments",
        {"person_id": staff[0].pk},
        content_type="application/json",
    )
    done = client.post(
        f"{URL}/enrolments/{enrolled.json()['id']}/complete", {}, content_type="application/json"
    )
    assert done.json()["status"] == "completed"
    assert TrainingCourse.objects.get(person=staff[0]).periods == 40
    rows = client.get(f"{URL}/training-hours", {"under": "T01-SNV-01"}).json()
    by_person = {row["person_id"]: row for row in rows["items"]}
    assert (by_person[staff[0].pk]["periods_done"], by_person[staff[0].pk]["periods_missing"]) == (40, 0)
    assert by_person[staff[1].pk]["periods_missing"] == 40
    assert api(hr_b).get(f"{URL}/training-hours").json()["items"] == []
