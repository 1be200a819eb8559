"""Forms of the job-position pages: what a user types to draft, appraise and approve a project and to open
a campaign. The rules themselves are the actions'; these only parse."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import DATE_FORMATS
from noivu.positions.models import StaffKind


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"class": "input", "placeholder": "dd/mm/yyyy"}),
    )


def _text(label: Any, required: bool = True, max_length: int = 255) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs={"class": "input"}),
    )


def _area(label: Any, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "textarea", "rows": 3}),
    )


class ProjectForm(forms.Form):
    organization = _text(_("Mã cơ quan, đơn vị"), max_length=32)
    staff_kind = forms.ChoiceField(label=_("Đối tượng"), choices=StaffKind.choices)
    title = _text(_("Tên đề án"), required=False)
    legal_basis = _area(_("Căn cứ pháp lý"), required=False)


class PositionForm(forms.Form):
    catalog = forms.ChoiceField(label=_("Vị trí trong danh mục"), choices=())
    headcount = forms.IntegerField(
        label=_("Số lượng người làm việc"),
        min_value=0,
        max_value=100_000,
        widget=forms.NumberInput(attrs={"class": "input"}),
    )
    rank_code = _text(_("Ngạch bố trí (mã, ví dụ 01.003)"), required=False, max_length=16)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["catalog"]).choices = choices


class PlaceForm(forms.Form):
    person = forms.ChoiceField(label=_("Người hiện có"), choices=())
    position = forms.ChoiceField(label=_("Vị trí"), choices=())
    is_main = forms.TypedChoiceField(
        label=_("Hình thức"),
        choices=[("1", _("Vị trí chính")), ("0", _("Kiêm nhiệm"))],
        coerce=lambda value: value == "1",
        initial="1",
    )

    def __init__(
        self, *args: Any, people: list[tuple[str, str]], positions: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["person"]).choices = people
        cast(forms.ChoiceField, self.fields["position"]).choices = positions


class CommentForm(forms.Form):
    position = forms.ChoiceField(label=_("Vị trí"), required=False, choices=())
    text = _area(_("Ý kiến thẩm định"))

    def __init__(self, *args: Any, positions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["position"]).choices = [
            ("", _("Ý kiến chung về đề án")),
            *positions,
        ]


class ReturnForm(forms.Form):
    reasons = _area(_("Lý do trả lại"))


class ApproveForm(forms.Form):
    decision_number = _text(_("Số quyết định"), max_length=64)
    decision_date = _date(_("Ngày quyết định"))
    signer = _text(_("Người ký"))


class CampaignForm(forms.Form):
    organization = _text(_("Mã cơ quan mở đợt"), max_length=32)
    title = _text(_("Tên đợt"))
    staff_kind = forms.ChoiceField(label=_("Đối tượng"), choices=StaffKind.choices)
    deadline = _date(_("Hạn phê duyệt"))
    agencies = _area(_("Mã các cơ quan, đơn vị thực hiện (mỗi mã một dòng hoặc cách nhau bởi dấu phẩy)"))
    legal_basis = _text(_("Căn cứ"), required=False)
