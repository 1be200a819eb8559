import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from noivu.core.models import AuditEvent
from noivu.helpdesk.models import Article, Event, Question

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("noivu.core.dates.today", lambda: TODAY)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _ask(client, org, **extra):
    data = {
        "organization": org.pk,
        "channel": "web",
        "asker_kind": "locality",
        "asker_name": "Nguyễn Thị Hoa",
        "contact_email": "hoa@example.gov.vn",
        "contact_phone": "",
        "topic": "salary",
        "subject": "Hỏi về lương cơ sở",
        "body": "Mức lương cơ sở hiện nay là bao nhiêu?",
    }
    data.update(extra)
    return client.post(reverse("helpdesk:ask"), data)


@pytest.mark.django_db
def test_the_web_form_refuses_a_question_without_contact_and_a_disguised_file(tree, leader_a):
    client = _client(leader_a)
    response = _ask(client, tree["dept_a"], contact_email="")
    assert response.status_code == 422
    assert (
        "Câu hỏi phải có thư điện tử hoặc số điện thoại liên hệ của người hỏi." in response.content.decode()
    )
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 program", content_type="application/pdf")
    response = _ask(client, tree["dept_a"], attachments=fake)
    assert response.status_code == 422 and "có thể là tệp đổi tên" in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_question_is_filed_answered_and_published_through_the_pages(tree, hr_a, leader_a, knowledge):
    response = _ask(
        _client(leader_a), tree["dept_a"], attachments=SimpleUploadedFile("cv.pdf", b"%PDF-1.4 x")
    )
    question = Question.objects.get()
    assert response.url == reverse("helpdesk:question", args=[question.pk])
    officer = _client(hr_a)
    page = officer.get(reverse("helpdesk:question", args=[question.pk])).content.decode()
    assert "hoa@example.gov.vn" in page and "cv.pdf" in page
    assert knowledge["luong-co-so-2024"].question in page  # suggested from the knowledge base
    assert (
        "hoa@example.gov.vn"
        not in _client(leader_a).get(reverse("helpdesk:question", args=[question.pk])).content.decode()
    )
    officer.post(
        reverse("helpdesk:answer", args=[question.pk]),
        {"answer": "Từ 01/7/2024 là 2.340.000 đồng/tháng.", "citations": "Nghị định 73/2024/NĐ-CP"},
    )
    response = officer.post(
        reverse("helpdesk:publish", args=[question.pk]),
        {
            "title": "Lương cơ sở của cán bộ, công chức hiện nay?",
            "answer": "Từ 01/7/2024 là 2.340.000 đồng/tháng.",
        },
    )
    article = Article.objects.get(from_question=question)
    assert response.url == reverse("helpdesk:article", args=[article.pk])
    found = officer.get(
        reverse("helpdesk:knowledge"), {"q": "luong can bo cong chuc hien nay"}
    ).content.decode()
    assert "Lương cơ sở của cán bộ, công chức hiện nay?" in found
    assert AuditEvent.objects.filter(event_type="helpdesk.question_published").count() == 1


@pytest.mark.django_db
def test_an_eml_upload_files_a_question(tree, hr_a):
    from noivu.helpdesk.tests.test_questions import EML

    response = _client(hr_a).post(
        reverse("helpdesk:import_email"),
        {
            "organization": tree["dept_a"].pk,
            "asker_kind": "citizen",
            "topic": "streamlining",
            "eml": SimpleUploadedFile("thu.eml", EML, content_type="message/rfc822"),
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302 and question.channel == "email"
    assert question.contact_email == "nam.tv@example.com" and question.attachments.count() == 1


@pytest.mark.django_db
def test_an_event_keeps_materials_and_attendance(tree, hr_a):
    client = _client(hr_a)
    client.post(
        reverse("helpdesk:event_create"),
        {
            "organization": tree["dept_a"].pk,
            "kind": "training",
            "title": "Tập huấn vị trí việc làm",
            "topic": "positions",
            "held_on": "20/11/2026",
            "place": "Hội trường",
        },
    )
    event = Event.objects.get()
    client.post(
        reverse("helpdesk:participants_add", args=[event.pk]), {"lines": "Lê Văn A; UBND xã 1\nTrần Thị B"}
    )
    response = client.post(
        reverse("helpdesk:material_add", args=[event.pk]),
        {"title": "Bài giảng", "file": SimpleUploadedFile("bai-giang.exe", b"MZ")},
    )
    assert response.status_code == 422
    client.post(
        reverse("helpdesk:material_add", args=[event.pk]),
        {"title": "Bài giảng", "file": SimpleUploadedFile("bai-giang.pdf", b"%PDF-1.4")},
    )
    first = event.participants.get(name="Lê Văn A")
    client.post(reverse("helpdesk:attendance", args=[event.pk]), {"present": [first.pk]})
    page = client.get(reverse("helpdesk:event", args=[event.pk])).content.decode()
    assert "1/2" in page and "Bài giảng" in page


@pytest.mark.django_db
def test_the_dashboard_card_shows_hotline_figures(tree, hr_a):
    client = _client(hr_a)
    _ask(client, tree["dept_a"])
    Question.objects.update(received_on=TODAY - dt.timedelta(days=40), due_on=TODAY - dt.timedelta(days=26))
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert 'id="card-helpdesk"' in page and 'id="hotline-overdue"' in page


@pytest.mark.django_db
def test_the_question_list_shows_every_question_unless_overdue_is_ticked(tree, hr_a):
    client = _client(hr_a)
    _ask(client, tree["dept_a"], subject="Câu hỏi còn hạn")
    _ask(client, tree["dept_a"], subject="Câu hỏi quá hạn")
    Question.objects.filter(subject="Câu hỏi quá hạn").update(due_on=TODAY - dt.timedelta(days=1))
    page = client.get(reverse("helpdesk:questions")).content.decode()
    assert "Câu hỏi còn hạn" in page and "Câu hỏi quá hạn" in page
    page = client.get(reverse("helpdesk:questions"), {"overdue": "on"}).content.decode()
    assert "Câu hỏi còn hạn" not in page and "Câu hỏi quá hạn" in page
