"""Pages of the hotline's questions: parse, authorise, call the action, render."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.http import AuthenticatedRequest
from noivu.accounts.models import User
from noivu.core.listing import list_table, saved_filters_context
from noivu.core.permissions import Action, can, granted_paths, may_somewhere, roles_allowing
from noivu.helpdesk.filters import QuestionFilters
from noivu.helpdesk.forms import AnswerForm, AssignForm, EmailImportForm, PublishForm, QuestionForm
from noivu.helpdesk.knowledge.search import suggest
from noivu.helpdesk.models import Article, Attachment, Channel, Question, QuestionStatus
from noivu.helpdesk.presenters import QuestionPresenter
from noivu.helpdesk.questions import actions
from noivu.helpdesk.questions.email_import import parse_eml
from noivu.organizations.models import Organization

LIST_KEY = "helpdesk.questions"
COLUMNS = ["subject", "topic", "channel", "asker_kind", "received_on", "due_on", "status"]


def add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            form.add_error(field if field in form.fields else None, texts)
    else:
        form.add_error(None, error.messages)


def receiving_units(request: AuthenticatedRequest, action: str = Action.VIEW) -> QuerySet[Organization]:
    """Units of the user's scope that receive questions: the top of each granted subtree and the level
    below it (a ministry and its departments, a province and its Sở Nội vụ)."""
    visible = Organization.objects.restrict(request.user, action)
    paths = granted_paths(request.user, action)
    depth = 1 if "" in paths else min((len(path) // Organization.steplen for path in paths), default=1)
    return visible.filter(depth__lte=depth + 1).order_by("path")


def question_list(request: AuthenticatedRequest) -> HttpResponse:
    """Questions received by the units in scope: by status, topic, channel; overdue ones."""
    filters = QuestionFilters(request.GET, user=request.user)
    found = filters.apply(Question.objects.restrict(request.user))
    context = {
        "filters": filters,
        "form": filters.form,
        "table": list_table(
            request,
            "question",
            found,
            QuestionPresenter,
            default_sort="-received_on",
            names=COLUMNS,
            link=lambda question: reverse("helpdesk:question", args=[question.pk]),
            size=50,
        ),
        "may_log": may_somewhere(request.user, Action.CHANGE),
    }
    context.update(saved_filters_context(request.user, LIST_KEY, filters.query_string()))
    return render(request, "helpdesk/questions.html", context)


def _uploaded(files: list) -> list[tuple[str, bytes]]:
    return [(item.name, item.read()) for item in files]


def ask(request: AuthenticatedRequest) -> HttpResponse:
    """The web form (and, for staff, the phone log): a question with a required contact and checked files."""
    units = receiving_units(request)
    form = QuestionForm(request.POST or None, request.FILES or None, organizations=units)
    if not granted_paths(request.user, Action.CHANGE):
        form.fields["channel"].choices = [(Channel.WEB.value, Channel.WEB.label)]  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files = _uploaded(data.pop("attachments"))
        try:
            question = actions.do_receive_question(**data, files=files, acting_user=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã tiếp nhận câu hỏi; hạn trả lời %(day)s.") % {"day": f"{question.due_on:%d/%m/%Y}"},
            )
            return redirect("helpdesk:question", pk=question.pk)
    return render(request, "helpdesk/ask.html", {"form": form}, status=422 if form.errors else 200)


def import_email(request: AuthenticatedRequest) -> HttpResponse:
    """Import a question received by e-mail, from the message saved as an .eml file."""
    if not granted_paths(request.user, Action.CHANGE):
        raise PermissionDenied
    form = EmailImportForm(
        request.POST or None, request.FILES or None, organizations=receiving_units(request, Action.CHANGE)
    )
    if request.method == "POST" and form.is_valid():
        try:
            parsed = parse_eml(form.cleaned_data["eml"].read())
            question = actions.do_receive_question(
                organization=form.cleaned_data["organization"],
                channel=Channel.EMAIL,
                asker_kind=form.cleaned_data["asker_kind"],
                topic=form.cleaned_data["topic"],
                asker_name=parsed.asker_name,
                contact_email=parsed.contact_email,
                subject=parsed.subject,
                body=parsed.body,
                received_on=parsed.received_on,
                files=parsed.files,
                acting_user=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã nhập câu hỏi từ thư điện tử."))
            return redirect("helpdesk:question", pk=question.pk)
    return render(request, "helpdesk/import_email.html", {"form": form}, status=422 if form.errors else 200)


def _question(request: AuthenticatedRequest, pk: int) -> Question:
    return (
        Question.objects.restrict(request.user)
        .select_related("organization", "assigned_to")
        .get_or_404(pk=pk)
    )


def _assignees(question: Question) -> QuerySet[User]:
    path = question.organization.path
    return (
        User.objects.filter(
            is_active=True,
            grants__role__in=roles_allowing(Action.CHANGE),
            grants__organization__path__in=[path[:end] for end in range(4, len(path) + 1, 4)],
        )
        .distinct()
        .order_by("full_name", "username")
    )


def question_detail(
    request: AuthenticatedRequest, pk: int, forms: dict[str, Any] | None = None
) -> HttpResponse:
    """A question: the asker (contact masked unless the user may see personal data), files, the suggested
    answers from the knowledge base, and the forms to assign, answer and publish it."""
    question = _question(request, pk)
    presenter = QuestionPresenter(request.user)
    may_change = can(request.user, Action.CHANGE, question)
    forms = forms or {}
    if may_change and question.is_open:
        forms.setdefault(
            "assign", AssignForm(assignees=_assignees(question), initial={"topic": question.topic})
        )
        forms.setdefault("answer", AnswerForm())
    if may_change and question.status == QuestionStatus.ANSWERED:
        forms.setdefault(
            "publish", PublishForm(initial={"title": question.subject, "answer": question.answer})
        )
    hits = suggest(question.subject, question.body) if question.is_open else []
    # Published articles are read by every signed-in user: the knowledge base is national guidance.
    by_id = Article.objects.unrestricted().in_bulk([hit.article_id for hit in hits])
    suggestions = [by_id[hit.article_id] for hit in hits if hit.article_id in by_id]
    return render(
        request,
        "helpdesk/question.html",
        {
            "question": question,
            "contact": presenter.contact(question),
            "attachments": list(question.attachments.all()),
            "suggestions": suggestions,
            "may_change": may_change,
            "forms": forms,
            "article": Article.objects.unrestricted().filter(from_question=question).first(),
        },
        status=422 if any(form.errors for form in forms.values()) else 200,
    )


def attachment(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """A file of a question, for users who may read the question."""
    found = Attachment.objects.restrict(request.user).get_or_404(pk=pk)
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


def _changing(request: AuthenticatedRequest, pk: int) -> Question:
    question = _question(request, pk)
    if not can(request.user, Action.CHANGE, question):
        raise PermissionDenied
    return question


@require_POST
def assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = _changing(request, pk)
    form = AssignForm(request.POST, assignees=_assignees(question))
    if form.is_valid():
        try:
            actions.do_assign_question(question=question, **form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã phân công."))
            return redirect("helpdesk:question", pk=pk)
    return question_detail(request, pk, {"assign": form})


@require_POST
def answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = _changing(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            actions.do_answer_question(question=question, **form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận câu trả lời."))
            return redirect("helpdesk:question", pk=pk)
    return question_detail(request, pk, {"answer": form})


@require_POST
def publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = _changing(request, pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            article = actions.do_publish_question(
                question=question, **form.cleaned_data, acting_user=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã công bố vào cơ sở tri thức."))
            return redirect("helpdesk:article", pk=article.pk)
    return question_detail(request, pk, {"publish": form})
