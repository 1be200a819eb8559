"""The API drives a round as the pages do: plan from the vacancies, approval, an application, double entry,
an appeal, the results and the decision; bad input is a 422 naming the field."""

import datetime as dt
import re

import pytest

from noivu.api import api
from noivu.personnel.models import Person
from noivu.recruitment.tests import factories

pytestmark = pytest.mark.django_db


def post(client, url: str, body: dict):
    return client.post(url, body, content_type="application/json")


def test_a_round_through_the_api(client, tree, hr_a, approver_a):
    factories.approved_project(tree["dept_a"], {"budget": 2})
    client.force_login(hr_a)
    vacancies = client.get("/api/v1/recruitment/vacancies?organization=T01-SNV").json()
    assert [(v["code"], v["vacant"]) for v in vacancies] == [("TD01", 2)]
    response = post(
        client,
        "/api/v1/recruitment/plans",
        {
            "organization": "T01-SNV",
            "title": "Xét tuyển 2026",
            "staff_kind": "civil_servant",
            "method": "selection",
            "applications_open": "2026-03-01",
            "applications_close": "2026-03-31",
            "exam_date": "2026-05-10",
            "positions": [{"code": "TD01", "quota": 1}],
        },
    )
    assert response.status_code == 201, response.content
    plan_id = response.json()["id"]
    assert (
        post(
            client,
            f"/api/v1/recruitment/plans/{plan_id}/approval",
            {"approval_number": "1", "approval_date": "2026-02-01"},
        ).status_code
        == 403
    )
    client.force_login(approver_a)
    assert (
        post(
            client,
            f"/api/v1/recruitment/plans/{plan_id}/approval",
            {"approval_number": "1/QĐ", "approval_date": "2026-02-01"},
        ).status_code
        == 200
    )
    client.force_login(hr_a)
    candidate = post(
        client,
        f"/api/v1/recruitment/plans/{plan_id}/candidates",
        {
            "position": "TD01",
            "full_name": "Phạm Thị Hoa",
            "birth_date": "1999-05-01",
            "gender": "F",
            "cccd_number": "001199000111",
            "qualification": "university",
            "documents": ["application_form"],
        },
    ).json()
    assert candidate["status"] == "eligible"
    url = f"/api/v1/recruitment/candidates/{candidate['id']}/scores"
    bad = post(client, url, {"part": "professional", "value": "101"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "value"
    post(client, url, {"part": "professional", "value": "49"})
    assert post(client, url, {"part": "professional", "value": "49", "entry": 2}).json()["value"] == "49.00"
    appeal = post(
        client, f"/api/v1/recruitment/candidates/{candidate['id']}/appeals", {"part": "professional"}
    ).json()
    post(client, f"/api/v1/recruitment/appeals/{appeal['id']}/result", {"new_value": "55"})
    results = client.get(f"/api/v1/recruitment/plans/{plan_id}/results").json()
    assert (results[0]["total"], results[0]["winner"]) == (55.0, True)
    recognition = {"result_number": "4/QĐ", "result_date": "2026-05-25"}
    url = f"/api/v1/recruitment/plans/{plan_id}/result-recognition"
    refused = post(client, url, recognition)
    assert refused.status_code == 403 and "phê duyệt" in refused.json()["detail"]
    client.force_login(approver_a)
    recognised = post(client, url, recognition)
    assert recognised.status_code == 200 and [c["status"] for c in recognised.json()] == ["passed"]
    client.force_login(hr_a)
    decided = post(
        client,
        f"/api/v1/recruitment/plans/{plan_id}/decision",
        {"decision_number": "5/QĐ", "decision_date": "2026-06-01", "start_date": "2026-07-01"},
    )
    assert decided.status_code == 200 and decided.json()[0]["person_id"]
    assert Person.objects.get(pk=decided.json()[0]["person_id"]).full_name == "Phạm Thị Hoa"


VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]", re.IGNORECASE)
ENGLISH = re.compile(r"\b(the|of|and|which|whose|with)\b")


def test_every_operation_is_summarised_and_described_in_vietnamese_as_in_the_other_apps():
    document = api.get_openapi_schema()
    operations = [
        operation
        for path, methods in document["paths"].items()
        if path.startswith("/api/v1/recruitment/")
        for operation in methods.values()
    ]
    assert len(operations) >= 15
    for operation in operations:
        for text in (operation.get("summary", ""), operation.get("description", "")):
            assert VIETNAMESE.search(text), (operation["operationId"], text)
            assert not ENGLISH.search(text), (operation["operationId"], text)


def test_a_talent_grant_through_the_api(client, tree, hr_a):
    person = Person.objects.create(
        full_name="Trần Minh Khoa",
        birth_date=dt.date(1996, 3, 10),
        gender="M",
        organization=tree["dept_a"],
        category="civil_servant",
    )
    client.force_login(hr_a)
    url = f"/api/v1/recruitment/people/{person.pk}/talent-grants"
    body = {
        "track": "excellent_graduate",
        "conditions": ["excellent_degree"],
        "incentives": ["Xét tuyển không qua thi"],
        "granted_on": "2020-09-01",
        "decision_number": "12/QĐ",
    }
    refused = post(client, url, body)
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["field"] == "conditions"
    assert error["message"].startswith("Chưa đáp ứng điều kiện nào của diện «Sinh viên tốt nghiệp xuất sắc»")
    created = post(client, url, {**body, "conditions": ["excellent_degree", "olympiad_prize"]})
    assert created.status_code == 201, created.content
    assert created.json()["legal_basis"].startswith("140/2017/NĐ-CP")
    listed = client.get("/api/v1/recruitment/talent-grants?year=2020").json()
    assert [row["person_id"] for row in listed["items"]] == [person.pk]
    assert client.get("/api/v1/recruitment/talent-grants?year=2021").json()["items"] == []


def test_a_second_preference_through_the_api(client, tree, hr_a):
    plan = factories.plan(tree["dept_a"])
    plan.positions.create(code="TD02", name="Kế toán", quota=1, round1=False)
    client.force_login(hr_a)
    url = f"/api/v1/recruitment/plans/{plan.pk}/candidates"
    applicant = {
        "position": "TD01",
        "second_position": "TD02",
        "full_name": "Phạm Thị Hoa",
        "birth_date": "1999-05-01",
        "gender": "F",
        "cccd_number": "001199000111",
        "qualification": "university",
        "documents": ["application_form"],
    }
    refused = post(client, url, applicant)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "second_position"
    assert "170/2025/NĐ-CP" in refused.json()["errors"][0]["message"]
    assert post(client, url, {**applicant, "second_position": "TD09"}).status_code == 422
    plan.staff_kind = "public_employee"
    plan.save()
    added = post(client, url, applicant)
    assert added.status_code == 201, added.content
    assert (added.json()["second_position"], added.json()["won_second"]) == ("TD02", False)
    results = client.get(f"/api/v1/recruitment/plans/{plan.pk}/results").json()
    assert results[0]["second_position_id"] == plan.positions.get(code="TD02").pk
