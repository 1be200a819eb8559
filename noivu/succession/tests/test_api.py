"""The API: pools with readiness, the limit refusal as a 422 naming the rule, training hours, courses."""

import datetime as dt
import io

import openpyxl
import pytest
from django.test import Client

from noivu.accounts.models import ApiToken
from noivu.core.dates import today
from noivu.core.models import AuditEvent
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


def test_the_pool_list_as_a_workbook_within_scope_and_audited(pool, staff, hr_a, hr_b):
    PoolCandidate.objects.create(pool=pool, person=staff[0], added_on=dt.date(2026, 1, 5))
    PoolCandidate.objects.create(
        pool=pool, person=staff[1], added_on=dt.date(2026, 1, 5), removed_on=dt.date(2026, 2, 1)
    )
    response = api(hr_a).get(f"{URL}/pools/export")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    # Only the person still in the pool; the one taken out on 1/2/2026 is not listed.
    assert [(row[2], row[5]) for row in rows] == [("Trưởng phòng", "Nguyễn Văn An")]
    assert AuditEvent.objects.filter(event_type="data.exported", acting_user=hr_a).exists()
    other = openpyxl.load_workbook(io.BytesIO(api(hr_b).get(f"{URL}/pools/export").content)).worksheets[0]
    assert other.max_row == 1  # the other province sees the header only


def test_an_enrolment_withdrawn_and_a_mentoring_closed_through_the_api(tree, staff, hr_a):
    client = api(hr_a)
    course = client.post(
        f"{URL}/courses",
        {
            "organization": tree["dept_a"].code,
            "name": "Bồi dưỡng kỹ năng số",
            "programme": "digital",
            "start_date": "2026-03-02",
            "end_date": "2026-03-06",
            "periods": 40,
        },
        content_type="application/json",
    ).json()
    enrolled = client.post(
        f"{URL}/courses/{course['id']}/enrolments",
        {"person_id": staff[0].pk},
        content_type="application/json",
    ).json()
    withdrawn = client.post(f"{URL}/enrolments/{enrolled['id']}/withdrawal")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    again = client.post(f"{URL}/enrolments/{enrolled['id']}/withdrawal")
    assert again.status_code == 422 and "đang học" in str(again.json())
    pair = client.post(
        f"{URL}/mentoring",
        {
            "mentor_id": staff[0].pk,
            "mentee_id": staff[1].pk,
            "goals": "Chủ trì họp",
            "start_date": "2026-01-05",
        },
        content_type="application/json",
    ).json()
    early = client.post(
        f"{URL}/mentoring/{pair['id']}/closing", {"end_date": "2025-12-31"}, content_type="application/json"
    )
    assert early.status_code == 422
    closed = client.post(
        f"{URL}/mentoring/{pair['id']}/closing", {"end_date": "2026-06-30"}, content_type="application/json"
    )
    assert (closed.json()["status"], closed.json()["end_date"]) == ("closed", "2026-06-30")
