import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from noivu.core.models import AuditEvent
from noivu.legislation.models import DraftDocument, Programme
from noivu.legislation.tests.factories import document, programme

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("noivu.core.dates.today", lambda: TODAY)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_an_officer_starts_a_programme_adds_a_document_and_records_its_steps(tree, hr_a):
    client = _client(hr_a)
    response = client.post(
        reverse("legislation:programme_create"),
        {
            "name": "Quyết định quy định chi tiết năm 2027",
            "year": 2027,
            "organization": tree["province_a"].pk,
        },
    )
    plan = Programme.objects.get()
    assert response.url == reverse("legislation:programme", args=[plan.pk])
    response = client.post(
        reverse("legislation:document_add", args=[plan.pk]),
        {"title": "Quy chế thi đua", "kind": "decision", "organization": "", "deadline": ""},
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "Văn bản phải có cơ quan chủ trì soạn thảo." in text and "Văn bản phải có hạn ban hành." in text
    response = client.post(
        reverse("legislation:document_add", args=[plan.pk]),
        {
            "title": "Quy chế thi đua",
            "kind": "decision",
            "organization": tree["dept_a"].pk,
            "deadline": "31/03/2027",
        },
    )
    found = DraftDocument.objects.get()
    assert response.url == reverse("legislation:document", args=[found.pk])
    client.post(
        reverse("legislation:step_complete", args=[found.pk]), {"step": "drafting", "done_on": "20/11/2026"}
    )
    page = client.get(reverse("legislation:document", args=[found.pk])).content.decode()
    assert "✓ 20/11/2026" in page and "64/2025/QH15" in page
    assert AuditEvent.objects.filter(event_type="legislation.step_completed").count() == 1


@pytest.mark.django_db
def test_the_document_list_filters_overdue_documents(tree, hr_a):
    plan = programme(tree["province_a"], hr_a)
    document(plan, tree["dept_a"], hr_a, TODAY - dt.timedelta(days=3), "Quyết định quá hạn")
    document(plan, tree["dept_a"], hr_a, TODAY + dt.timedelta(days=300), "Quyết định còn hạn")
    page = _client(hr_a).get(reverse("legislation:documents"), {"status": "overdue"}).content.decode()
    assert "Quyết định quá hạn" in page and "Quyết định còn hạn" not in page


@pytest.mark.django_db
def test_a_leader_reads_the_programme_but_sees_no_forms(tree, hr_a, leader_a):
    plan = programme(tree["province_a"], hr_a)
    page = _client(leader_a).get(reverse("legislation:programme", args=[plan.pk])).content.decode()
    assert plan.name in page and 'id="document-form"' not in page


@pytest.mark.django_db
def test_the_dashboard_card_shows_programme_progress(tree, hr_a):
    plan = programme(tree["province_a"], hr_a)
    document(plan, tree["dept_a"], hr_a, TODAY - dt.timedelta(days=3))
    page = _client(hr_a).get(reverse("reports:dashboard")).content.decode()
    assert 'id="card-legislation"' in page and "1 văn bản quá hạn" in page
