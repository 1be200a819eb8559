import datetime as dt

import pytest
from django.test import Client

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
def test_the_api_files_answers_publishes_and_finds_a_question(tree, client, knowledge):
    body = {
        "organization": "T01-SNV",
        "asker_kind": "citizen",
        "asker_name": "Người hỏi",
        "subject": "Hỏi",
        "body": "?",
    }
    response = client.post("/api/v1/helpdesk/questions", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "contact_email"
    body |= {
        "contact_phone": "0912345678",
        "subject": "Bỏ cấp huyện khi nào",
        "body": "Cấp huyện bỏ từ bao giờ?",
    }
    created = client.post("/api/v1/helpdesk/questions", body, content_type="application/json").json()
    suggestions = client.get(f"/api/v1/helpdesk/questions/{created['id']}/suggestions").json()
    assert suggestions[0]["question"] == knowledge["dvhc-bo-cap-huyen"].question
    client.post(
        f"/api/v1/helpdesk/questions/{created['id']}/answer",
        {"answer": "Từ 01/7/2025.", "citations": "Luật 72/2025/QH15"},
        content_type="application/json",
    )
    response = client.post(
        f"/api/v1/helpdesk/questions/{created['id']}/publish", {}, content_type="application/json"
    )
    assert response.status_code == 201
    hits = client.get("/api/v1/helpdesk/knowledge", {"q": "khong con cap huyen tu bao gio"}).json()
    assert "Bỏ cấp huyện khi nào" in [hit["question"] for hit in hits[:3]]


@pytest.mark.django_db
def test_contacts_are_masked_for_a_user_without_personal_data_rights(tree, client, leader_a, hr_a):
    from noivu.helpdesk.questions.actions import do_receive_question

    question = do_receive_question(
        organization=tree["dept_a"],
        channel="web",
        asker_kind="citizen",
        asker_name="A",
        contact_email="nguoi.hoi@example.com",
        subject="S",
        body="B",
        acting_user=hr_a,
    )
    leader = Client()
    leader.force_login(leader_a)
    shown = leader.get(f"/api/v1/helpdesk/questions/{question.pk}").json()
    assert shown["contact_email"] != "nguoi.hoi@example.com"
    assert (
        client.get(f"/api/v1/helpdesk/questions/{question.pk}").json()["contact_email"]
        == "nguoi.hoi@example.com"
    )
