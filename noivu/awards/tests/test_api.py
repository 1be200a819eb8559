"""The awards API beyond the screening of a unit: the quotas of a unit (hạn mức khen thưởng), read and set
as on the page, and the screening of a whole scope started as a background job whose progress and result
are read through the jobs endpoint."""

import datetime as dt

import pytest
from django.test import Client

from conftest import make_rating, make_user
from noivu.accounts.models import ApiToken, User
from noivu.awards.models import AwardQuota
from noivu.core.dates import today
from noivu.core.models import Job
from noivu.core.permissions import Role
from noivu.evaluation.models import UnitEvaluation

pytestmark = pytest.mark.django_db

QUOTA = {
    "title": "CSTDCS",
    "percent": 30,
    "of_title": "LDTT",
    "document": "Quyết định 12/2025/QĐ-UBND",
    "article": "Điều 5",
    "effective_from": "2025-01-01",
}


def api(user: User) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def post(client: Client, url: str, body: object) -> dict:
    response = client.post(url, body, content_type="application/json")
    return {"status": response.status_code, **response.json()}


def errors(answer: dict) -> dict[str, str]:
    return {error["field"]: error["message"] for error in answer["errors"]}


@pytest.fixture
def admin_a(tree) -> User:
    return make_user("admin_a", Role.SYSTEM_ADMIN, tree["province_a"])


def test_an_administrator_sets_a_quota_and_reads_it_in_force_below_with_its_citation(tree, admin_a):
    admin = api(admin_a)
    created = post(admin, "/api/v1/awards/units/T01/quotas", QUOTA)
    assert created["status"] == 201
    assert (created["title"], created["percent"], created["of_title"]) == ("CSTDCS", 30, "LDTT")
    assert created["citation"] == "Quyết định 12/2025/QĐ-UBND, Điều 5"
    assert (created["effective_from"], created["effective_to"]) == ("2025-01-01", None)
    # A later quota closes the first on the day before.
    later = post(
        admin,
        "/api/v1/awards/units/T01/quotas",
        {**QUOTA, "percent": 20, "document": "Quyết định 3/2026/QĐ-UBND", "effective_from": "2026-01-01"},
    )
    assert later["status"] == 201
    # The department has no quota of its own: the province's in force on the day asked applies to it.
    below = admin.get("/api/v1/awards/units/T01-SNV/quotas?date=2025-06-30").json()
    assert below["applying"] == [
        {
            "title": "CSTDCS",
            "percent": 30,
            "of_title": "LDTT",
            "citation": "Quyết định 12/2025/QĐ-UBND, Điều 5",
            "set_by": "UBND tỉnh A",
        }
    ]
    assert below["history"] == []
    assert below["tie_break"] == {"citation": "98/2023/NĐ-CP, Điều 5", "confidence": "unverified"}
    own = admin.get("/api/v1/awards/units/T01/quotas?date=2026-03-01").json()
    assert [row["percent"] for row in own["applying"]] == [20]
    assert [(row["percent"], row["effective_to"]) for row in own["history"]] == [
        (20, None),
        (30, "2025-12-31"),
    ]
    assert own["tie_break"] == {"citation": "152/2025/NĐ-CP, Điều 4", "confidence": "verified"}


def test_a_quota_is_set_only_by_an_administrator_of_the_unit(tree, hr_a, admin_a):
    # An HR officer reads the quotas of the unit but may not set one, as on the page.
    assert api(hr_a).get("/api/v1/awards/units/T01/quotas").status_code == 200
    refused = post(api(hr_a), "/api/v1/awards/units/T01/quotas", QUOTA)
    assert refused["status"] == 403
    # Another province's unit is not found, to read or to set.
    assert api(admin_a).get("/api/v1/awards/units/T02/quotas").status_code == 404
    assert post(api(admin_a), "/api/v1/awards/units/T02/quotas", QUOTA)["status"] == 404
    assert not AwardQuota.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"percent": 0}, "percent", "phải lớn hơn hoặc bằng 1"),
        ({"percent": 120}, "percent", "phải nhỏ hơn hoặc bằng 100"),
        ({"percent": "30"}, "percent", "phải là số nguyên"),
        ({"title": "HUAN_CHUONG_X"}, "title", "không có trong quy định"),
        ({"of_title": "TTLDXS"}, "of_title", "cùng đối tượng"),
        ({"document": " "}, "document", "văn bản quy định"),
        ({"effective_from": "2023-06-01"}, "effective_from", "01/01/2024"),
    ],
)
def test_a_bad_quota_is_refused_naming_its_field(tree, admin_a, change, field, message):
    refused = post(api(admin_a), "/api/v1/awards/units/T01/quotas", {**QUOTA, **change})
    assert refused["status"] == 422
    assert message in errors(refused)[field]
    assert not AwardQuota.objects.exists()


def test_a_body_that_is_not_an_object_is_refused(tree, hr_a, admin_a):
    for url, user in (
        ("/api/v1/awards/units/T01/quotas", admin_a),
        ("/api/v1/awards/units/T01/screenings", hr_a),
    ):
        refused = post(api(user), url, [None, None])
        assert refused["status"] == 422 and refused["errors"]
    assert not Job.objects.exists() and not AwardQuota.objects.exists()


def test_the_screening_of_a_scope_runs_as_a_job_read_through_the_api(
    settings, tree, people, hr_a, django_capture_on_commit_callbacks
):
    settings.JOBS_ON_THREAD = False
    make_rating(people["an"], 2025, "HTXS")
    make_rating(people["binh"], 2025, "HT")
    make_rating(people["duc"], 2025, "HTXS")  # province B: outside the scope screened
    UnitEvaluation.objects.create(
        organization=tree["dept_a"], year=2025, rating="HTXS", decided_on=dt.date(2026, 1, 10)
    )
    officer = api(hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        started = post(
            officer, "/api/v1/awards/units/T01/screenings", {"year": 2025, "decided_on": "2026-01-15"}
        )
    record = Job.objects.get()
    assert started == {"status": 202, "job": record.pk, "status_url": f"/api/v1/jobs/{record.pk}"}
    assert record.params == {"organization": tree["province_a"].pk, "year": 2025, "decided_on": "2026-01-15"}
    job = officer.get(started["status_url"]).json()
    assert (job["status"], job["progress"]) == ("done", 100)
    result = job["result"]
    assert (result["persons"], result["units"], result["year"]) == (2, 1, 2025)
    found = {(row["code"], row["recipient"]): (row["eligible"], row["refused"]) for row in result["titles"]}
    # An (HTXS) is Lao động tiên tiến, Bình ("hoàn thành") not; Dũng of province B is not counted.
    assert found[("LDTT", "individual")] == (1, 1)
    assert found[("TTLDXS", "collective")] == (1, 0)
    # Another officer does not see the job.
    other = make_user("hr_a2", Role.HR_OFFICER, tree["province_a"])
    assert api(other).get(started["status_url"]).status_code == 404


def test_a_screening_outside_the_scope_or_for_a_bad_year_is_refused(tree, hr_a):
    officer = api(hr_a)
    assert post(officer, "/api/v1/awards/units/T02/screenings", {"year": 2025})["status"] == 404
    # A user granted over the department only does not reach the province's scope.
    below = make_user("hr_dept", Role.HR_OFFICER, tree["dept_a"])
    assert post(api(below), "/api/v1/awards/units/T01/screenings", {"year": 2025})["status"] == 404
    future = post(officer, "/api/v1/awards/units/T01/screenings", {"year": today().year + 1})
    assert future["status"] == 422 and "chưa đến" in errors(future)["year"]
    early = post(officer, "/api/v1/awards/units/T01/screenings", {"year": 2023})
    assert early["status"] == 422 and "year" in errors(early)
    before_law = post(
        officer, "/api/v1/awards/units/T01/screenings", {"year": 2025, "decided_on": "2023-12-01"}
    )
    assert before_law["status"] == 422 and "01/01/2024" in errors(before_law)["decided_on"]
    assert not Job.objects.exists()
