import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_user
from noivu.core.models import AuditEvent
from noivu.core.permissions import Role
from noivu.helpdesk.models import Article, Question, QuestionStatus
from noivu.helpdesk.questions.actions import (
    do_answer_question,
    do_assign_question,
    do_publish_question,
    do_receive_question,
)
from noivu.helpdesk.questions.email_import import parse_eml
from noivu.helpdesk.questions.reminders import send_reminders
from noivu.helpdesk.questions.service_level import add_working_days, due_date

TODAY = dt.date(2026, 11, 30)  # a Monday
PDF = b"%PDF-1.4 minimal"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("noivu.core.dates.today", lambda: TODAY)


def _receive(org, user, **extra):
    fields = {
        "organization": org,
        "channel": "web",
        "asker_kind": "locality",
        "asker_name": "Nguyễn Thị Hoa",
        "contact_email": "hoa@example.gov.vn",
        "subject": "Lương cơ sở hiện nay",
        "body": "Xin hỏi mức lương cơ sở hiện nay là bao nhiêu?",
        "topic": "salary",
    }
    fields.update(extra)
    return do_receive_question(**fields, acting_user=user)


def test_the_due_date_counts_working_days_of_the_service_level():
    friday = dt.date(2026, 11, 27)
    assert add_working_days(friday, 1) == dt.date(2026, 11, 30)
    assert add_working_days(friday, 10) == dt.date(2026, 12, 11)


@pytest.mark.django_db
def test_a_question_is_received_with_its_due_date_and_checked_files(tree, hr_a):
    question = _receive(tree["dept_a"], hr_a, files=[("cong-van.pdf", PDF)])
    assert question.due_on == due_date("locality", TODAY) == dt.date(2026, 12, 14)
    assert [a.name for a in question.attachments.all()] == ["cong-van.pdf"]
    event = AuditEvent.objects.get(event_type="helpdesk.question_received")
    assert event.target_id == str(question.pk) and event.extra == {"channel": "web", "files": 1}


@pytest.mark.django_db
def test_a_question_without_contact_is_refused_with_a_clear_error(tree, hr_a):
    with pytest.raises(ValidationError) as error:
        _receive(tree["dept_a"], hr_a, contact_email="", contact_phone="")
    assert error.value.message_dict == {
        "contact_email": ["Câu hỏi phải có thư điện tử hoặc số điện thoại liên hệ của người hỏi."]
    }
    assert not Question.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ", "chỉ nhận PDF, PNG, JPG"),
        ("anh.pdf", b"MZ\x90\x00", "có thể là tệp đổi tên"),
        ("rong.pdf", b"", "rỗng"),
        ("lon.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "vượt quá giới hạn"),
    ],
)
def test_attachments_are_checked_for_type_and_size_and_nothing_is_kept(tree, hr_a, name, content, message):
    with pytest.raises(ValidationError, match=message):
        _receive(tree["dept_a"], hr_a, files=[(name, content)])
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_the_phone_log_is_kept_by_staff_only(tree, hr_a, leader_a):
    with pytest.raises(PermissionDenied):
        _receive(tree["dept_a"], leader_a, channel="phone", contact_email="", contact_phone="0912345678")
    assert _receive(tree["dept_a"], leader_a).channel == "web"  # anyone in the unit may ask through the form
    with pytest.raises(PermissionDenied):
        _receive(tree["dept_b"], hr_a)


@pytest.mark.django_db
def test_a_question_is_assigned_answered_and_published_to_the_knowledge_base(tree, hr_a, leader_a):
    question = _receive(tree["dept_a"], hr_a)
    with pytest.raises(ValidationError):
        do_assign_question(question=question, assignee=leader_a, acting_user=hr_a)  # a leader does not answer
    do_assign_question(question=question, assignee=hr_a, acting_user=hr_a)
    with pytest.raises(ValidationError):
        do_publish_question(question=question, acting_user=hr_a)  # not answered yet
    do_answer_question(
        question=question,
        answer="Từ 01/7/2024 mức lương cơ sở là 2.340.000 đồng/tháng.",
        citations="Nghị định 73/2024/NĐ-CP, Điều 3",
        acting_user=hr_a,
    )
    title = "Mức lương cơ sở hiện nay là bao nhiêu?"
    article = do_publish_question(question=question, title=title, acting_user=hr_a)
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED and question.answered_on == TODAY
    assert article.folded.startswith("muc luong co so hien nay") and len(bytes(article.vector)) == 384 * 4
    assert "Nguyễn Thị Hoa" not in article.text()
    assert [e.event_type for e in AuditEvent.objects.order_by("pk")] == [
        "helpdesk.question_received",
        "helpdesk.question_assigned",
        "helpdesk.question_answered",
        "helpdesk.question_published",
    ]
    assert Article.objects.get().from_question == question


EML = """From: "Tran Van Nam" <nam.tv@example.com>
To: hotline@example.gov.vn
Subject: =?utf-8?b?SOG7j2kgduG7gSB0aW5oIGdp4bqjbiBiacOqbiBjaOG6vw==?=
Date: Fri, 27 Nov 2026 09:15:00 +0700
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Xin hỏi thôi việc do tinh giản biên chế được trợ cấp gì?
--b1
Content-Type: application/pdf; name="don.pdf"
Content-Disposition: attachment; filename="don.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQgbWluaW1hbA==
--b1--
""".encode()


def test_an_eml_file_becomes_the_parts_of_a_question():
    parsed = parse_eml(EML)
    assert (parsed.asker_name, parsed.contact_email) == ("Tran Van Nam", "nam.tv@example.com")
    assert parsed.subject == "Hỏi về tinh giản biên chế"
    assert parsed.body.startswith("Xin hỏi thôi việc") and parsed.received_on == dt.date(2026, 11, 27)
    assert parsed.files == [("don.pdf", b"%PDF-1.4 minimal")]
    with pytest.raises(ValidationError, match="người gửi"):
        parse_eml(b"just some text")


@pytest.mark.django_db
def test_the_daily_reminder_mails_questions_due_soon_or_late_once_a_day(
    tree, hr_a, django_capture_on_commit_callbacks
):
    hr_a.email = "hr_a@example.gov.vn"
    hr_a.save()
    late = _receive(tree["dept_a"], hr_a, received_on=TODAY - dt.timedelta(days=30))
    soon = _receive(tree["dept_a"], hr_a, received_on=TODAY - dt.timedelta(days=12))  # due 02/12
    later = _receive(tree["dept_a"], hr_a)
    other = make_user("hr_b2", Role.HR_OFFICER, tree["province_b"], email="b@example.gov.vn")
    _receive(tree["dept_b"], other, received_on=TODAY - dt.timedelta(days=30))
    do_assign_question(question=soon, assignee=hr_a, acting_user=hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        count = send_reminders(TODAY)
    assert count == 3  # both late questions and the one due within two working days
    assert send_reminders(TODAY) == 0  # once a day
    recipients = sorted(tuple(message.to) for message in mail.outbox)
    assert ("b@example.gov.vn",) in recipients and ("hr_a@example.gov.vn",) in recipients
    assert Question.objects.get(pk=later.pk).reminded_on is None
    assert Question.objects.get(pk=late.pk).reminded_on == TODAY
    assert AuditEvent.objects.filter(event_type="helpdesk.question_reminded").count() == 3
