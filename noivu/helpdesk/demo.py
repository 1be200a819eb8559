"""The hotline's part of the demo data set: the seed corpus of the knowledge base, questions received by the
demo province's Department of Home Affairs over the last six months (answered on time, late, open and
overdue, by every channel), and a guidance conference and a training session with their attendance."""

import datetime as dt
import random

from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.helpdesk.knowledge.seed import entries, evaluation_questions, load_seed
from noivu.helpdesk.models import (
    Article,
    AskerKind,
    Channel,
    Event,
    EventKind,
    Participant,
    Question,
    QuestionStatus,
)
from noivu.helpdesk.questions.service_level import add_working_days, due_date
from noivu.organizations.models import Organization

QUESTIONS = 60
ASKERS = (
    (AskerKind.LOCALITY, "Nguyễn Thị Hoa", "UBND phường", "hoa.nt@example.gov.vn", ""),
    (AskerKind.LOCALITY, "Trần Văn Minh", "UBND xã", "", "0912345678"),
    (AskerKind.MINISTRY, "Lê Thu Trang", "Vụ Tổ chức cán bộ", "trang.lt@example.gov.vn", ""),
    (AskerKind.CITIZEN, "Phạm Quốc Huy", "", "huy.pq@example.com", "0987654321"),
    (AskerKind.CITIZEN, "Đỗ Thị Lan", "", "", "0905123456"),
)


def load(context: DemoContext) -> str:
    report = load_seed()
    units = Organization.objects.unrestricted().within(context.root_path)
    department = units.filter(code=f"T{context.province_code}-SNV").first()
    if department is None:
        return f"Cơ sở tri thức: {report.added + report.updated + report.unchanged} bài."
    rng = random.Random(context.seed)
    topics = {item["key"]: item["topic"] for item in entries()}
    answers = {item["key"]: item for item in entries()}
    asked = evaluation_questions()
    rng.shuffle(asked)
    for number in range(QUESTIONS):
        item = asked[number % len(asked)]
        kind, name, unit, mail, phone = ASKERS[number % len(ASKERS)]
        received = context.as_of - dt.timedelta(
            days=rng.randint(0, 180) if number > 8 else rng.randint(0, 12)
        )
        received -= dt.timedelta(days=max(0, received.weekday() - 4))
        question = Question(
            organization=department,
            channel=(Channel.WEB, Channel.EMAIL, Channel.PHONE)[number % 3],
            asker_kind=kind,
            asker_name=name,
            asker_organization=unit,
            contact_email=mail,
            contact_phone=phone,
            subject=item["q"][:1].upper() + item["q"][1:],
            body=item["q"] + "\nKính đề nghị quý cơ quan hướng dẫn.",
            topic=topics[item["key"]],
            received_on=received,
            due_on=due_date(kind, received),
        )
        if received < context.as_of - dt.timedelta(days=14) or number % 4 == 0:
            delay = rng.choice((2, 3, 5, 6, 8, 12))
            answered = min(add_working_days(received, delay), context.as_of)
            entry = answers[item["key"]]
            question.answer = entry["answer"]
            question.answer_citations = entry["citations"]
            question.answered_on = answered
            question.status = QuestionStatus.ANSWERED
        question.save()
    events = [
        (
            EventKind.CONFERENCE,
            "Hội nghị hướng dẫn sắp xếp tổ chức bộ máy và chính sách theo Nghị định 178/2024/NĐ-CP",
            "streamlining",
            -40,
        ),
        (
            EventKind.TRAINING,
            "Tập huấn xây dựng vị trí việc làm công chức theo Nghị định 361/2025/NĐ-CP",
            "positions",
            -10,
        ),
        (
            EventKind.TRAINING,
            "Tập huấn công tác thi đua, khen thưởng theo Nghị định 152/2025/NĐ-CP",
            "awards",
            20,
        ),
    ]
    for event_kind, title, topic, days in events:
        event = Event.objects.create(
            organization=department,
            kind=event_kind,
            title=title,
            topic=topic,
            held_on=context.as_of + dt.timedelta(days=days),
            place="Hội trường Sở Nội vụ",
        )
        for index in range(12):
            Participant.objects.create(
                event=event,
                name=f"Đại biểu {index + 1:02d}",
                unit=f"UBND xã số {index + 1}",
                attended=days < 0 and index % 5 != 0,
            )
    articles = Article.objects.unrestricted().count()
    return f"Hỏi đáp: {articles} bài tri thức, {QUESTIONS} câu hỏi, {len(events)} hội nghị."


def clear(root_path: str) -> None:
    Question.objects.unrestricted().filter(organization__path__startswith=root_path).delete()
    Event.objects.unrestricted().filter(organization__path__startswith=root_path).delete()
    Article.objects.unrestricted().filter(organization__path__startswith=root_path).delete()


demo_steps.register(DemoStep(key="helpdesk", order=65, load=load, clear=clear))
