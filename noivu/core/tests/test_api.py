import datetime as dt

import pytest
from django.test import Client

from conftest import make_user
from noivu.accounts.models import ApiToken
from noivu.core import rules
from noivu.core.models import Job, RuleRow


def api_client(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(headers={"authorization": f"Bearer {raw}"})


@pytest.fixture
def user(tree):
    return make_user("nguoi_dung")


# Rule tables


@pytest.mark.django_db
def test_rule_table_lists_every_row_with_period_and_citation(user):
    response = api_client(user).get("/api/v1/rules/base_salary")
    assert response.status_code == 200
    body = response.json()
    stored = RuleRow.objects.filter(table="base_salary").order_by("effective_from")
    assert [r["effective_from"] for r in body["rows"]] == [r.effective_from.isoformat() for r in stored]
    assert [r["value"] for r in body["rows"]] == [r.value for r in stored]
    # Consecutive rows close the day before the next one starts.
    for current, following in zip(body["rows"], body["rows"][1:], strict=False):
        assert dt.date.fromisoformat(current["effective_to"]) == (
            dt.date.fromisoformat(following["effective_from"]) - dt.timedelta(days=1)
        )
    assert all(row["legal_basis"]["citation"] for row in body["rows"])


@pytest.mark.django_db
def test_rule_table_on_a_date_gives_the_row_in_force(user):
    day = dt.date(2025, 1, 15)
    expected = rules.lookup("base_salary", "base_salary", day)
    body = api_client(user).get("/api/v1/rules/base_salary", {"date": day.isoformat()}).json()
    [row] = body["rows"]
    assert body["date"] == "2025-01-15"
    assert row["value"] == expected.value == 2_340_000
    assert row["legal_basis"]["citation"] == "73/2024/NĐ-CP, Điều 3 khoản 2"
    assert (row["effective_from"], row["effective_to"]) == ("2024-07-01", "2026-06-30")


@pytest.mark.django_db
def test_rule_table_errors(user):
    client = api_client(user)
    assert client.get("/api/v1/rules/khong_co").status_code == 404
    before_any = client.get("/api/v1/rules/base_salary", {"date": "1990-01-01"})
    assert before_any.status_code == 404
    assert "01/01/1990" in before_any.json()["detail"]
    bad_date = client.get("/api/v1/rules/base_salary", {"date": "15/01/2025"})
    assert bad_date.status_code == 422
    assert bad_date.json()["errors"][0]["field"] == "date"


# Calculators


@pytest.mark.django_db
def test_calculator_registry_lists_base_salary(user):
    listed = {c["name"]: c["description"] for c in api_client(user).get("/api/v1/calculators").json()}
    assert "base-salary" in listed
    assert listed["base-salary"]


@pytest.mark.django_db
def test_calculator_runs_on_the_posted_case(user):
    response = api_client(user).post(
        "/api/v1/calculators/base-salary", {"date": "01/07/2026"}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["calculator"] == "base-salary"
    assert body["result"]["amount"] == rules.lookup("base_salary", "base_salary", dt.date(2026, 7, 1)).value
    assert body["explanation"]["rules"][0]["legal_basis"]["document_number"] == "161/2026/NĐ-CP"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"date": "32/13/2025"}', "date"),
        ("{}", "date"),
        ('{"date": "1990-01-01"}', "date"),
        ("[1, 2]", "$"),
        ("{không phải json", "$"),
    ],
)
def test_bad_case_is_a_422_naming_the_field(user, body, field):
    response = api_client(user).post("/api/v1/calculators/base-salary", body, content_type="application/json")
    assert response.status_code == 422
    error = response.json()
    assert error["field"] == field
    assert error["message"]


@pytest.mark.django_db
def test_unknown_calculator_is_404(user):
    response = api_client(user).post("/api/v1/calculators/khong-co", {}, content_type="application/json")
    assert response.status_code == 404


# Jobs


@pytest.mark.django_db
def test_job_progress_is_shown_to_its_creator_and_superusers_only(tree, hr_a, hr_b):
    job = Job.objects.create(kind="export", created_by=hr_a, status=Job.Status.RUNNING, progress=40)
    mine = api_client(hr_a).get(f"/api/v1/jobs/{job.pk}")
    assert mine.status_code == 200
    assert {k: mine.json()[k] for k in ("id", "kind", "status", "progress")} == {
        "id": job.pk,
        "kind": "export",
        "status": "running",
        "progress": 40,
    }
    assert mine.json()["finished_at"] is None
    assert api_client(hr_b).get(f"/api/v1/jobs/{job.pk}").status_code == 404
    admin = make_user("root", is_superuser=True)
    assert api_client(admin).get(f"/api/v1/jobs/{job.pk}").status_code == 200
    assert api_client(hr_a).get(f"/api/v1/jobs/{job.pk + 1}").status_code == 404


# The OpenAPI document


@pytest.mark.django_db
def test_openapi_document_declares_the_error_responses_of_every_operation():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    components = document["components"]["schemas"]
    operations = [
        (method, path, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]
    assert len(operations) >= 10
    for method, path, operation in operations:
        declared = set(operation["responses"])
        name = f"{method.upper()} {path}"
        assert "401" in declared, name
        assert operation["security"], name
        if "{" in path:
            assert "404" in declared, name
        if operation.get("parameters") or operation.get("requestBody"):
            assert "422" in declared, name
        # An error answers a JSON body with its detail; a deletion's 204 answers no body, and a 202 names
        # the background job that took the request.
        for status in declared - {"200", "201", "202", "204"}:
            schema = operation["responses"][status]["content"]["application/json"]["schema"]
            refs = [s["$ref"] for s in schema.get("anyOf", [schema])]
            for ref in refs:
                assert "detail" in components[ref.rsplit("/", 1)[-1]]["properties"], (name, status)
    assert "403" in document["paths"]["/api/v1/persons"]["post"]["responses"]


@pytest.mark.django_db
def test_interactive_documentation_is_reachable():
    redirect = Client().get("/api/docs")
    assert redirect.status_code == 302
    assert redirect["Location"] == "/api/v1/docs"
    page = Client().get("/api/v1/docs")
    assert page.status_code == 200
    assert b"openapi.json" in page.content
