import datetime as dt

import pytest
from django.test import Client

from noivu.core.models import RuleRow
from noivu.legislation.tests.factories import document, programme

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("noivu.core.dates.today", lambda: TODAY)


@pytest.fixture
def client(hr_a) -> Client:
    client = Client()
    client.force_login(hr_a)
    return client


@pytest.mark.django_db
def test_the_api_tracks_a_document_from_programme_to_issue_and_its_rule_tables(tree, client):
    response = client.post(
        "/api/v1/legislation/programmes",
        {"name": "Chương trình 2027", "year": 2027, "organization": "T01"},
        content_type="application/json",
    )
    assert response.status_code == 201
    programme_id = response.json()["id"]
    response = client.post(
        f"/api/v1/legislation/programmes/{programme_id}/documents",
        {
            "title": "Quyết định mức lương",
            "kind": "decision",
            "organization": "T01-SNV",
            "deadline": "2027-03-31",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    document_id = response.json()["id"]
    assert response.json()["status"] == "on_track"
    for step in ("drafting", "consultation", "appraisal", "submission"):
        client.post(
            f"/api/v1/legislation/documents/{document_id}/steps",
            {"step": step, "done_on": "2026-11-20"},
            content_type="application/json",
        )
    basis = RuleRow.objects.filter(table="base_salary").select_related("legal_basis").last().legal_basis
    response = client.post(
        f"/api/v1/legislation/documents/{document_id}/steps",
        {"step": "signature", "done_on": "2026-11-25", "number": basis.document_number},
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "issued" and body["number"] == basis.document_number
    assert "base_salary" in body["rule_tables"]
    assert [step["done_on"] for step in body["steps"]][-2:] == ["2026-11-25", None]
    listed = client.get("/api/v1/legislation/documents", {"status": "issued"}).json()
    assert [item["id"] for item in listed["items"]] == [document_id]


@pytest.mark.django_db
def test_a_document_without_agency_or_deadline_is_a_422_naming_the_fields(tree, client, hr_a):
    plan = programme(tree["province_a"], hr_a)
    response = client.post(
        f"/api/v1/legislation/programmes/{plan.pk}/documents",
        {"title": "Quyết định", "kind": "decision"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} == {"organization", "deadline"}


@pytest.mark.django_db
def test_another_provinces_document_is_a_404(tree, client, hr_b):
    other = document(programme(tree["province_b"], hr_b), tree["dept_b"], hr_b, dt.date(2027, 1, 1))
    assert client.get(f"/api/v1/legislation/documents/{other.pk}").status_code == 404
    assert client.get("/api/v1/legislation/documents").json()["count"] == 0
