"""REST endpoints of the hotline and the knowledge base: questions within the user's scope (contacts masked
as on the page), the knowledge-base search every signed-in user may run, and suggested answers."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from noivu.core.api import CREATE_ERRORS, DETAIL_ERRORS, QUERY_ERRORS, Pagination, RecordId
from noivu.helpdesk.filters import QuestionFilters
from noivu.helpdesk.knowledge.search import search, suggest
from noivu.helpdesk.models import Article, AskerKind, Channel, Question, QuestionStatus, Topic
from noivu.helpdesk.presenters import QuestionPresenter
from noivu.helpdesk.questions import actions
from noivu.organizations.models import Organization

router = Router(tags=["helpdesk"])


class QuestionOut(Schema):
    id: int
    organization: str = Field(description="Mã đơn vị tiếp nhận.")
    channel: Channel
    asker_kind: AskerKind
    asker_name: str
    contact_email: str = Field(description="Che một phần nếu người dùng không được xem dữ liệu cá nhân.")
    contact_phone: str
    subject: str
    body: str
    topic: Topic
    status: QuestionStatus
    received_on: dt.date
    due_on: dt.date
    answer: str
    answer_citations: str
    answered_on: dt.date | None


def _out(request: HttpRequest, question: Question) -> dict[str, Any]:
    presenter = QuestionPresenter(request.user)
    contact = presenter.contact(question)
    return {
        "id": question.pk,
        "organization": question.organization.code,
        "channel": question.channel,
        "asker_kind": question.asker_kind,
        "asker_name": question.asker_name,
        "contact_email": contact["contact_email"] or "",
        "contact_phone": contact["contact_phone"] or "",
        "subject": question.subject,
        "body": question.body,
        "topic": question.topic,
        "status": question.status,
        "received_on": question.received_on,
        "due_on": question.due_on,
        "answer": question.answer,
        "answer_citations": question.answer_citations,
        "answered_on": question.answered_on,
    }


QuestionQuery = QuestionFilters.schema()


@router.get("/questions", response={200: list[QuestionOut], **QUERY_ERRORS}, summary="Câu hỏi đường dây nóng")
@paginate(Pagination)
def list_questions(request: HttpRequest, query: Query[QuestionQuery]) -> list[dict[str, Any]]:  # type: ignore[valid-type]
    filters = QuestionFilters.from_schema(query, user=request.user)
    found: QuerySet[Question] = filters.apply(
        Question.objects.restrict(request.user).select_related("organization")
    )
    return [_out(request, question) for question in found.order_by("-received_on", "-pk")[:500]]


class QuestionIn(Schema):
    organization: str = Field(max_length=32, description="Mã đơn vị tiếp nhận.")
    channel: Channel = Channel.WEB
    asker_kind: AskerKind
    asker_name: str = Field(min_length=1, max_length=200)
    asker_organization: str = Field("", max_length=300)
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=20)
    topic: Topic = Topic.OTHER
    subject: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1, max_length=20_000)


@router.post(
    "/questions", response={201: QuestionOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]}, summary="Gửi câu hỏi"
)
def create_question(request: HttpRequest, body: QuestionIn) -> Status:
    """A question without an e-mail address or a phone number is a 422 naming ``contact_email``."""
    organization = Organization.objects.restrict(request.user).get_or_404(code=body.organization)
    data = body.dict()
    data["organization"] = organization
    question = actions.do_receive_question(**data, acting_user=request.user)
    return Status(201, _out(request, question))


def _question(request: HttpRequest, question_id: int) -> Question:
    found: Question = (
        Question.objects.restrict(request.user).select_related("organization").get_or_404(pk=question_id)
    )
    return found


@router.get("/questions/{question_id}", response={200: QuestionOut, **DETAIL_ERRORS}, summary="Một câu hỏi")
def question_detail(request: HttpRequest, question_id: RecordId) -> dict[str, Any]:
    return _out(request, _question(request, question_id))


class AnswerIn(Schema):
    answer: str = Field(min_length=1, max_length=20_000)
    citations: str = Field("", max_length=500)


@router.post(
    "/questions/{question_id}/answer",
    response={200: QuestionOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Trả lời câu hỏi",
)
def answer_question(request: HttpRequest, question_id: RecordId, body: AnswerIn) -> dict[str, Any]:
    question = _question(request, question_id)
    actions.do_answer_question(
        question=question, answer=body.answer, citations=body.citations, acting_user=request.user
    )
    return _out(request, question)


class ArticleOut(Schema):
    id: int
    topic: Topic
    question: str
    answer: str
    citations: str
    published_on: dt.date


class PublishIn(Schema):
    title: str = Field("", max_length=300, description="Câu hỏi viết lại để công bố (mặc định: tiêu đề).")
    answer: str = Field("", max_length=20_000)


@router.post(
    "/questions/{question_id}/publish",
    response={201: ArticleOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Công bố vào hỏi đáp",
)
def publish_question(request: HttpRequest, question_id: RecordId, body: PublishIn) -> Status:
    question = _question(request, question_id)
    article = actions.do_publish_question(
        question=question, title=body.title, answer=body.answer, acting_user=request.user
    )
    return Status(201, article)


class HitOut(ArticleOut):
    score: float


def _articles(hits: list) -> list[dict[str, Any]]:
    # The knowledge base is national guidance every signed-in user reads.
    by_id = Article.objects.unrestricted().in_bulk([hit.article_id for hit in hits])
    return [
        {
            **{
                name: getattr(by_id[hit.article_id], name)
                for name in ("id", "topic", "question", "answer", "citations", "published_on")
            },
            "score": hit.score,
        }
        for hit in hits
        if hit.article_id in by_id
    ]


@router.get("/knowledge", response={200: list[HitOut], **QUERY_ERRORS}, summary="Tìm trong cơ sở tri thức")
def search_knowledge(
    request: HttpRequest,
    q: str = Query(
        "", max_length=300, description="Câu hỏi, có dấu hoặc không dấu (trống: không có kết quả)."
    ),
    topic: Topic | None = None,
    limit: int = Query(10, ge=1, le=50),
) -> list[dict[str, Any]]:
    """The best answers and guidance for a question asked in any words, best first."""
    return _articles(search(q, limit=limit, topic=topic))


@router.get(
    "/questions/{question_id}/suggestions",
    response={200: list[HitOut], **DETAIL_ERRORS},
    summary="Câu trả lời gợi ý",
)
def question_suggestions(request: HttpRequest, question_id: RecordId) -> list[dict[str, Any]]:
    """Answered questions and guidance most like this question."""
    question = _question(request, question_id)
    return _articles(suggest(question.subject, question.body))
