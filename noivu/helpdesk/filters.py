"""Filters of the hotline's lists (lọc câu hỏi): one definition for the page and the API."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet, choice_field, equals
from noivu.helpdesk.models import AskerKind, Channel, QuestionStatus, Topic


def _overdue(questions: QuerySet, value: bool, filters: FilterSet) -> QuerySet:
    if not value:  # an unticked box narrows nothing
        return questions
    return questions.filter(
        status__in=[QuestionStatus.NEW, QuestionStatus.ASSIGNED], due_on__lt=filters.as_of
    )


def _text(questions: QuerySet, value: str, filters: FilterSet) -> QuerySet:
    return questions.filter(Q(subject__icontains=value) | Q(body__icontains=value))


class QuestionFilters(FilterSet):
    """Questions received by the units in the user's scope."""

    status = Filter(
        choice_field(QuestionStatus.choices, _("Tình trạng")),
        equals("status"),
        api_type=QuestionStatus,
    )
    topic = Filter(
        choice_field(Topic.choices, _("Lĩnh vực")),
        equals("topic"),
        api_type=Topic,
    )
    channel = Filter(
        choice_field(Channel.choices, _("Kênh tiếp nhận")),
        equals("channel"),
        api_type=Channel,
    )
    asker_kind = Filter(
        choice_field(AskerKind.choices, _("Người hỏi là")),
        equals("asker_kind"),
        api_type=AskerKind,
    )
    overdue = Filter(
        forms.BooleanField(label=_("Chỉ câu hỏi quá hạn"), required=False),
        _overdue,
        api_type=bool,
        description="Chỉ câu hỏi chưa trả lời đã quá hạn (tính đến ngày as_of).",
    )
    q = Filter(
        forms.CharField(
            label=_("Tiêu đề, nội dung"),
            required=False,
            max_length=100,
            widget=forms.TextInput(attrs={"class": "input is-small"}),
        ),
        _text,
    )
