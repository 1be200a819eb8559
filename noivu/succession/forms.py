"""Forms of the succession pages; the rules themselves are the actions' (every path runs the same)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.dates import today
from noivu.organizations.models import Organization
from noivu.personnel.models import Person
from noivu.succession.models import HandoverReason, LeadershipLevel, PoolCandidate, Programme


def date_input() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "input"})


PERSON_CHOICES = 2000


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.birth_date:%Y}) – {obj.organization.name}"


def persons_under(user: Any, path: str) -> QuerySet[Person]:
    """The persons of the subtree at ``path`` the user sees, for a choice (the first
    :data:`PERSON_CHOICES` by name: a choice of a whole province's staff would not be read)."""
    ordered = Person.objects.restrict(user).filter(organization__path__startswith=path)
    first = ordered.order_by("full_name_folded", "pk").values("pk")[:PERSON_CHOICES]
    return (
        Person.objects.restrict(user)
        .filter(pk__in=first)
        .select_related("organization")
        .order_by("full_name_folded", "pk")
    )


def _styled(form: forms.Form) -> None:
    for field in form.fields.values():
        kind = getattr(field.widget, "input_type", "")
        if kind not in ("select", "checkbox", "radio") and not isinstance(field.widget, forms.SelectMultiple):
            field.widget.attrs.setdefault("class", "input")
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs["class"] = "textarea"
            field.widget.attrs.setdefault("rows", 3)


class PoolForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Cơ quan, đơn vị"), queryset=Organization.objects.none())
    position_title = forms.CharField(label=_("Chức danh quy hoạch"), max_length=200)
    level = forms.ChoiceField(label=_("Cấp chức danh"), choices=LeadershipLevel.choices)
    term_start = forms.IntegerField(label=_("Nhiệm kỳ từ năm"), min_value=2000, max_value=2100)
    term_end = forms.IntegerField(label=_("Nhiệm kỳ đến năm"), min_value=2000, max_value=2100)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        field.queryset = organizations  # type: ignore[attr-defined]
        _styled(self)


class CandidateForm(forms.Form):
    person = PersonChoice(label=_("Người đưa vào quy hoạch"), queryset=Person.objects.none())
    added_on = forms.DateField(label=_("Ngày đưa vào"), initial=today, widget=date_input())

    def __init__(self, *args: Any, persons: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
        _styled(self)


class RemovalForm(forms.Form):
    candidate = forms.ModelChoiceField(label=_("Người đưa ra"), queryset=PoolCandidate.objects.none())
    removal_reason = forms.CharField(label=_("Lý do"), max_length=500)
    removed_on = forms.DateField(label=_("Ngày đưa ra"), initial=today, widget=date_input())

    def __init__(self, *args: Any, candidates: QuerySet[PoolCandidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["candidate"]
        field.queryset = candidates  # type: ignore[attr-defined]
        field.label_from_instance = lambda row: row.person.full_name  # type: ignore[attr-defined]
        _styled(self)


class CourseForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Đơn vị tổ chức, cử học"), queryset=Organization.objects.none()
    )
    name = forms.CharField(label=_("Tên khóa học"), max_length=300)
    programme = forms.ChoiceField(label=_("Chương trình"), choices=Programme.choices)
    institution = forms.CharField(label=_("Cơ sở đào tạo"), max_length=255, required=False)
    start_date = forms.DateField(label=_("Từ ngày"), widget=date_input())
    end_date = forms.DateField(label=_("Đến ngày"), widget=date_input())
    periods = forms.IntegerField(label=_("Số tiết"), min_value=1, max_value=2000)
    capacity = forms.IntegerField(label=_("Số học viên tối đa"), min_value=1, required=False)

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        _styled(self)


class EnrolForm(forms.Form):
    person = PersonChoice(label=_("Người được cử học"), queryset=Person.objects.none())

    def __init__(self, *args: Any, persons: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
        _styled(self)


class CompletionForm(forms.Form):
    completed_on = forms.DateField(label=_("Ngày hoàn thành"), required=False, widget=date_input())
    certificate = forms.CharField(label=_("Chứng chỉ"), max_length=200, required=False)


class MentoringForm(forms.Form):
    mentor = PersonChoice(label=_("Người kèm cặp"), queryset=Person.objects.none())
    mentee = PersonChoice(label=_("Người được kèm cặp"), queryset=Person.objects.none())
    goals = forms.CharField(label=_("Mục tiêu"), widget=forms.Textarea, max_length=2000)
    start_date = forms.DateField(label=_("Từ ngày"), initial=today, widget=date_input())

    def __init__(self, *args: Any, persons: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = persons  # type: ignore[attr-defined]
        self.fields["mentee"].queryset = persons  # type: ignore[attr-defined]
        _styled(self)


class CheckInForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày trao đổi"), initial=today, widget=date_input())
    progress = forms.IntegerField(label=_("Mức đạt mục tiêu (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("Nội dung"), widget=forms.Textarea, required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class HandoverForm(forms.Form):
    person = PersonChoice(label=_("Người bàn giao"), queryset=Person.objects.none())
    reason = forms.ChoiceField(label=_("Lý do"), choices=HandoverReason.choices)
    successor = PersonChoice(label=_("Người nhận bàn giao"), queryset=Person.objects.none(), required=False)
    due_on = forms.DateField(label=_("Hạn hoàn thành"), widget=date_input())
    items = forms.CharField(
        label=_("Nội dung bàn giao"),
        widget=forms.Textarea,
        max_length=5000,
        help_text=_("Mỗi dòng một mục."),
    )

    def __init__(self, *args: Any, persons: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
        self.fields["successor"].queryset = persons  # type: ignore[attr-defined]
        _styled(self)
