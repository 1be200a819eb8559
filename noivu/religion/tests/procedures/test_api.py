"""The dossier endpoints: the queue, receipt with bad input named by field, a late decision refused."""

import datetime as dt

import pytest
from django.test import Client

from conftest import make_user
from noivu.core.permissions import Role
from noivu.religion.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_a(hr_a):
    client = Client()
    client.force_login(hr_a)
    return client


def _receive(client, **changes):
    body = {
        "organization": "T01-SNV",
        "procedure_code": "TG_SHTGTT",
        "applicant": "Nhóm Công giáo xóm Bắc",
        "received_on": "2025-03-03",
    }
    body.update(changes)
    return client.post("/api/v1/religion/dossiers", body, content_type="application/json")


def test_receipt_answers_the_deadline_with_its_steps(client_a):
    response = _receive(client_a)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["due_on"] == "2025-03-24"
    assert data["legal_basis"] == "02/2016/QH14, Điều 16"
    assert any("23/03/2025" in step for step in data["steps"])


def test_an_unknown_organisation_or_procedure_is_named_in_the_422(client_a, tree):
    other = factories.organization(tree["dept_b"], "Giáo hội tỉnh B")
    for changes, field in (
        ({"religious_organization": other.pk}, "religious_organization"),
        ({"religious_organization": 999_999}, "religious_organization"),
        ({"procedure_code": "KHONG_CO"}, "procedure_code"),
        ({"organization": "T02-SNV"}, "organization"),
    ):
        response = _receive(client_a, **changes)
        assert response.status_code == 422, changes
        assert [error["field"] for error in response.json()["errors"]] == [field]
        assert "Giáo hội tỉnh B" not in response.content.decode()


def test_the_overdue_queue_and_a_late_decision(client_a, tree):
    dossier = factories.dossier(tree["dept_a"], "Nhóm A", dt.date(2025, 3, 3), due_on=dt.date(2025, 3, 24))
    factories.dossier(tree["dept_b"], "Nhóm B", dt.date(2025, 3, 3), due_on=dt.date(2025, 3, 24))
    overdue = client_a.get("/api/v1/religion/dossiers", {"queue": "overdue", "as_of": "2025-03-25"}).json()
    assert [item["id"] for item in overdue["items"]] == [dossier.pk]
    due_soon = client_a.get("/api/v1/religion/dossiers", {"queue": "due_soon", "as_of": "2025-03-20"}).json()
    assert due_soon["count"] == 1
    approver = Client()
    approver.force_login(make_user("approver_a", Role.APPROVER, tree["province_a"]))
    url = f"/api/v1/religion/dossiers/{dossier.pk}/decision"
    body = {"decided_on": "2025-04-01", "outcome": "approved", "decision_number": "9/UBND"}
    refused = approver.post(url, body, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "late_reason"
    body["late_reason"] = "Chờ xác minh địa điểm"
    assert approver.post(url, body, content_type="application/json").status_code == 200
