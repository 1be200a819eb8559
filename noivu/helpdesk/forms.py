"""Forms of the hotline's pages; the actions hold the rules, the forms parse."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.accounts.models import User
from noivu.core.filters import DATE_FORMATS
from noivu.helpdesk.files import MAX_FILES
from noivu.helpdesk.models import AskerKind, Channel, EventKind, Topic
from noivu.organizations.models import Organization


def _text(**attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"class": "input", **attrs})


def _area(rows: int = 6) -> forms.Textarea:
    return forms.Textarea(attrs={"class": "textarea", "rows": rows})


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"class": "input", "placeholder": "dd/mm/yyyy"}),
    )


class OrganizationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "file-input"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class _WithOrganization(forms.Form):
    organization = OrganizationChoice(label=_("Đơn vị tiếp nhận"), queryset=Organization.objects.none())

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organizations
        if organizations.count() == 1:
            field.initial = organizations.first()


class QuestionForm(_WithOrganization):
    """The web form and the phone log (the channel decides which)."""

    channel = forms.ChoiceField(label=_("Kênh tiếp nhận"), choices=Channel.choices, initial=Channel.WEB)
    asker_kind = forms.ChoiceField(label=_("Người hỏi là"), choices=AskerKind.choices)
    asker_name = forms.CharField(label=_("Họ tên người hỏi"), max_length=200, widget=_text())
    asker_organization = forms.CharField(
        label=_("Cơ quan, địa phương của người hỏi"), max_length=300, required=False, widget=_text()
    )
    contact_email = forms.EmailField(
        label=_("Thư điện tử liên hệ"), required=False, widget=_text(type="email")
    )
    contact_phone = forms.CharField(
        label=_("Điện thoại liên hệ"), max_length=20, required=False, widget=_text(inputmode="tel")
    )
    topic = forms.ChoiceField(label=_("Lĩnh vực"), choices=Topic.choices, initial=Topic.OTHER)
    subject = forms.CharField(label=_("Tiêu đề câu hỏi"), max_length=300, widget=_text())
    body = forms.CharField(label=_("Nội dung câu hỏi"), max_length=20_000, widget=_area())
    attachments = MultipleFileField(
        label=_("Tệp đính kèm (PDF, Word, Excel, ảnh; tối đa %(count)s tệp)") % {"count": MAX_FILES},
        required=False,
    )


class EmailImportForm(_WithOrganization):
    eml = forms.FileField(
        label=_("Tệp thư (.eml)"),
        widget=forms.ClearableFileInput(attrs={"class": "file-input", "accept": ".eml"}),
    )
    asker_kind = forms.ChoiceField(
        label=_("Người hỏi là"), choices=AskerKind.choices, initial=AskerKind.CITIZEN
    )
    topic = forms.ChoiceField(label=_("Lĩnh vực"), choices=Topic.choices, initial=Topic.OTHER)


def _user_label(user: Any) -> str:
    return str(user.full_name or user.get_username())


class AssignForm(forms.Form):
    assignee: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Người trả lời"), queryset=User.objects.none()
    )
    topic = forms.ChoiceField(label=_("Lĩnh vực"), choices=Topic.choices)

    def __init__(self, *args: Any, assignees: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = assignees
        field.label_from_instance = _user_label  # type: ignore[method-assign,assignment]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Nội dung trả lời"), max_length=20_000, widget=_area(8))
    citations = forms.CharField(label=_("Căn cứ pháp lý"), max_length=500, required=False, widget=_text())


class PublishForm(forms.Form):
    title = forms.CharField(
        label=_("Câu hỏi công bố (viết lại cho mọi người, không nêu tên người hỏi)"),
        max_length=300,
        widget=_text(),
    )
    answer = forms.CharField(label=_("Nội dung trả lời công bố"), max_length=20_000, widget=_area(6))


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Câu hỏi cần tìm"), max_length=300, required=False, widget=_text(type="search")
    )
    topic = forms.ChoiceField(label=_("Lĩnh vực"), choices=[("", "—"), *Topic.choices], required=False)


class EventForm(_WithOrganization):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=EventKind.choices)
    title = forms.CharField(label=_("Tên hội nghị, lớp tập huấn"), max_length=300, widget=_text())
    topic = forms.ChoiceField(label=_("Lĩnh vực"), choices=Topic.choices)
    held_on = _date(_("Ngày tổ chức"))
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False, widget=_text())


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=300, widget=_text())
    file = forms.FileField(
        label=_("Tệp tài liệu"), widget=forms.ClearableFileInput(attrs={"class": "file-input"})
    )


class ParticipantsForm(forms.Form):
    lines = forms.CharField(
        label=_("Đại biểu, học viên (mỗi dòng: họ tên; cơ quan)"), max_length=20_000, widget=_area(5)
    )
