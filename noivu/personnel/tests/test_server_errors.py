"""Requests that once answered 500: each now gets a 4xx (or exit code 2) naming the field or the limit."""

import json

import pytest
from django.test import Client

from conftest import make_person
from noivu.accounts.models import ApiToken
from noivu.evaluation.models import Evaluation

pytestmark = pytest.mark.django_db


def api_client(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(headers={"authorization": f"Bearer {raw}"})


@pytest.mark.parametrize(
    ("kind", "payload", "field"),
    [
        ("health", {"recorded_on": "2024-01-01", "status": ""}, "status"),
        ("award", {"form": "", "decision_date": "2024-01-01"}, "form"),
        ("rank", {"rank_code": " ", "effective_from": "2024-01-01"}, "rank_code"),
        ("training", {"name": "", "start_date": "2024-01-01"}, "name"),
        ("family", {"relation": "father", "full_name": ""}, "full_name"),
    ],
)
def test_an_empty_required_text_is_a_422_naming_the_field(hr_a, people, kind, payload, field):
    response = api_client(hr_a).post(
        f"/api/v1/dossier/{people['an'].pk}/{kind}", payload, content_type="application/json"
    )
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_a_boolean_is_not_a_year(hr_a, people):
    response = api_client(hr_a).post(
        f"/api/v1/dossier/{people['an'].pk}/evaluation",
        {"year": False, "rating": "HTT"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "year", "message": "phải là số nguyên"}]
    assert not Evaluation.objects.exists()


def test_a_body_over_the_upload_limit_is_a_413_with_the_limit(hr_a, people):
    body = json.dumps({"full_name": "x" * 3_000_000})
    urls = ("/api/v1/persons", f"/api/v1/dossier/{people['an'].pk}/health", "/api/v1/calculators/base-salary")
    for url in urls:
        response = api_client(hr_a).post(url, body, content_type="application/json")
        assert response.status_code == 413, url
        assert "quá lớn" in response.json()["detail"]


def test_the_413_is_declared_by_every_operation_reading_a_body(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method in ("post", "put", "patch"):
                assert "413" in operation["responses"], (method, path)


def test_deeply_nested_json_to_a_calculator_is_a_422(hr_a):
    body = "[" * 100_000 + "]" * 100_000
    response = api_client(hr_a).post("/api/v1/calculators/base-salary", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["field"] == "$"


def test_deeply_nested_json_to_the_calc_command_exits_2(calc_command):
    output, code = calc_command("retirement-date", "[" * 100_000 + "]" * 100_000)
    assert code == 2
    assert output["error"]["field"] == "$"


@pytest.mark.parametrize("birth_date", ["9999-12-31", "0001-01-01", "9999"])
def test_calc_retirement_date_with_an_impossible_birth_date_exits_2(calc_command, birth_date):
    output, code = calc_command("retirement-date", {"birth_date": birth_date, "gender": "M"})
    assert code == 2
    assert output["error"]["field"] == "birth_date"
    assert "không hợp lý" in output["error"]["message"]


def test_a_page_number_past_the_end_shows_the_last_page(client, hr_a, tree, people):
    for index in range(60):
        make_person(tree["dept_a"], f"Nguyễn Văn Thêm {chr(65 + index % 26)}")
    client.force_login(hr_a)
    response = client.get("/persons/", {"page": "99999999999999999999"})
    assert response.status_code == 200
    page = response.context["page"]
    assert page.number == 2
    assert len(page.rows) == page.count - 50
