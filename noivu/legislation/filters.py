"""Filters of the documents of the drafting programme (lọc văn bản cần xây dựng)."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet
from noivu.legislation.models import DocumentKind, Step
from noivu.legislation.progress import at_risk_q, overdue_q, with_flags


class Status:
    """The state a document is filtered by (tình trạng)."""

    CHOICES = [
        ("overdue", _("Quá hạn")),
        ("at_risk", _("Có nguy cơ chậm")),
        ("in_progress", _("Đang xây dựng")),
        ("issued", _("Đã ban hành")),
        ("amended", _("Đã bị sửa đổi, thay thế")),
    ]


def _choice(choices: list, label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *choices])


def _status(documents: QuerySet, value: str, filters: FilterSet) -> QuerySet:
    today = filters.as_of
    if value == "overdue":
        return documents.filter(overdue_q(today))
    if value == "at_risk":
        return documents.filter(at_risk_q(today))
    if value == "in_progress":
        return documents.filter(issued_on__isnull=True)
    if value == "issued":
        return documents.filter(issued_on__isnull=False)
    return documents.filter(amendments__isnull=False).distinct()


def _text(documents: QuerySet, value: str, filters: FilterSet) -> QuerySet:
    return documents.filter(
        Q(title__icontains=value) | Q(number__icontains=value) | Q(detailed_article__icontains=value)
    )


class DocumentFilters(FilterSet):
    """Documents of the programmes in the user's scope, by programme, kind, step, status and text."""

    programme = Filter(
        forms.IntegerField(
            label=_("Chương trình"),
            required=False,
            min_value=1,
            max_value=2**31 - 1,
            widget=forms.HiddenInput,
        ),
        lambda documents, value, filters: documents.filter(programme_id=value),
        api_type=int,
        description="Mã số chương trình.",
    )
    kind = Filter(
        _choice(DocumentKind.choices, _("Loại văn bản")),
        lambda documents, value, filters: documents.filter(kind=value),
        api_type=DocumentKind,
    )
    step = Filter(
        _choice(Step.choices, _("Bước hiện tại")),
        lambda documents, value, filters: documents.filter(step=value, issued_on__isnull=True),
        api_type=Step,
    )
    status = Filter(
        _choice(Status.CHOICES, _("Tình trạng")),
        _status,
        description="overdue, at_risk, in_progress, issued, amended (tính đến ngày as_of).",
    )
    q = Filter(
        forms.CharField(
            label=_("Tên, số hiệu, điều khoản"),
            required=False,
            max_length=100,
            widget=forms.TextInput(attrs={"class": "input is-small"}),
        ),
        _text,
    )

    def apply(self, queryset: QuerySet) -> QuerySet:
        return super().apply(with_flags(queryset, self.as_of))
