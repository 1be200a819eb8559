"""State changes of the hotline: receiving a question (web form, e-mail, phone log), assigning, answering,
publishing it to the knowledge base, and the daily reminders. Every one an action that checks the user's
right on the receiving unit, keeps history and writes a typed audit event."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core import dates
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.permissions import Action, path_allows
from noivu.core.text import normalize
from noivu.helpdesk.files import check_files
from noivu.helpdesk.knowledge.search import embed_article
from noivu.helpdesk.models import (
    Article,
    ArticleSource,
    AskerKind,
    Attachment,
    Channel,
    Question,
    QuestionStatus,
    Topic,
)
from noivu.helpdesk.questions.service_level import due_date
from noivu.organizations.models import Organization

QUESTION_RECEIVED = event_type("helpdesk.question_received", gettext_lazy("Tiếp nhận câu hỏi"))
QUESTION_ASSIGNED = event_type("helpdesk.question_assigned", gettext_lazy("Phân công trả lời câu hỏi"))
QUESTION_ANSWERED = event_type("helpdesk.question_answered", gettext_lazy("Trả lời câu hỏi"))
QUESTION_PUBLISHED = event_type("helpdesk.question_published", gettext_lazy("Công bố hỏi đáp"))


@action(QUESTION_RECEIVED, permission=Action.VIEW)
def do_receive_question(
    ctx: ActionContext,
    *,
    organization: Organization | None,
    channel: str,
    asker_kind: str,
    asker_name: str,
    subject: str,
    body: str,
    topic: str = Topic.OTHER,
    asker_organization: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    received_on: dt.date | None = None,
    files: list[tuple[str, bytes]] | None = None,
) -> Question:
    """Record a question addressed to ``organization``. Anyone with a role there may file a question
    through the web form; the phone log and the e-mail import are kept by staff who may change records
    there. Its due date follows the service level of who asks; its files are checked first."""
    if organization is None:
        raise ValidationError({"organization": _("Phải chọn đơn vị tiếp nhận câu hỏi.")})
    ctx.require(organization, Action.VIEW if channel == Channel.WEB else Action.CHANGE)
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Kênh tiếp nhận không hợp lệ.")})
    if asker_kind not in AskerKind.values:
        raise ValidationError(
            {"asker_kind": _("Phải cho biết người hỏi là bộ, ngành, địa phương hay công dân.")}
        )
    received_on = received_on or dates.today()
    if received_on > dates.today():
        raise ValidationError({"received_on": _("Ngày tiếp nhận không được sau hôm nay.")})
    checked = check_files(files or [])
    question = Question(
        organization=organization,
        channel=channel,
        asker_kind=asker_kind,
        asker_name=normalize(asker_name),
        asker_organization=normalize(asker_organization),
        contact_email=contact_email.strip(),
        contact_phone=contact_phone.replace(" ", "").replace(".", "").strip(),
        subject=normalize(subject),
        body=body.strip(),
        topic=topic or Topic.OTHER,
        received_on=received_on,
        due_on=due_date(asker_kind, received_on),
    )
    question.full_clean()
    question.save()
    for item in checked:
        attachment = Attachment(question=question, name=item.name, size=len(item.content))
        attachment.file.save(item.name, ContentFile(item.content), save=False)
        attachment.save()
    ctx.audit(question, extra={"channel": channel, "files": len(checked)})
    return question


def _open(question: Question) -> None:
    if not question.is_open:
        raise ValidationError(_("Câu hỏi đã được trả lời."))


@action(QUESTION_ASSIGNED, permission=Action.CHANGE)
def do_assign_question(ctx: ActionContext, *, question: Question, assignee: Any, topic: str = "") -> Question:
    """Assign ``question`` to ``assignee``, who must be allowed to answer in its unit."""
    ctx.require(question)
    _open(question)
    if assignee is None or not path_allows(assignee, Action.CHANGE, question.organization_path()):
        raise ValidationError(
            {"assignee": _("Người được phân công phải có quyền trả lời câu hỏi của đơn vị này.")}
        )
    question.assigned_to = assignee
    question.status = QuestionStatus.ASSIGNED
    if topic:
        question.topic = topic
    question.full_clean()
    question.save()
    ctx.audit(question, extra={"assignee": assignee.get_username()})
    return question


@action(QUESTION_ANSWERED, permission=Action.CHANGE)
def do_answer_question(
    ctx: ActionContext,
    *,
    question: Question,
    answer: str,
    citations: str = "",
    answered_on: dt.date | None = None,
) -> Question:
    """Record the answer sent to the asker (with the legal bases it rests on)."""
    ctx.require(question)
    _open(question)
    if not answer.strip():
        raise ValidationError({"answer": _("Phải nhập nội dung trả lời.")})
    answered_on = answered_on or dates.today()
    if answered_on < question.received_on or answered_on > dates.today():
        raise ValidationError({"answered_on": _("Ngày trả lời phải từ ngày tiếp nhận đến hôm nay.")})
    question.answer = answer.strip()
    question.answer_citations = normalize(citations)
    question.answered_on = answered_on
    question.status = QuestionStatus.ANSWERED
    question.full_clean()
    question.save()
    ctx.audit(question, extra={"on_time": answered_on <= question.due_on})
    return question


@action(QUESTION_PUBLISHED, permission=Action.CHANGE)
def do_publish_question(
    ctx: ActionContext, *, question: Question, title: str = "", answer: str = ""
) -> Article:
    """Publish an answered question in the knowledge base as a question and answer (hỏi đáp), worded for
    everyone (``title`` and ``answer`` replace the asker's wording; the asker is never named)."""
    ctx.require(question)
    if question.status != QuestionStatus.ANSWERED:
        raise ValidationError(_("Chỉ công bố câu hỏi đã được trả lời và chưa công bố."))
    article = Article(
        organization=question.organization,
        source=ArticleSource.FAQ,
        topic=question.topic,
        question=normalize(title) or question.subject,
        answer=(answer or question.answer).strip(),
        citations=question.answer_citations,
        published_on=dates.today(),
        from_question=question,
    )
    embed_article(article)
    article.full_clean(exclude=["folded", "vector", "folded_vector"])
    article.save()
    question.status = QuestionStatus.PUBLISHED
    question.save(update_fields=["status"])
    ctx.audit(question, extra={"article": article.pk})
    return article
