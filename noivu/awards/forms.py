"""Forms of the awards pages: they only parse what was typed; every rule is checked by the action."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.awards.models import Attendance, InitiativeLevel, MemberRole
from noivu.core.forms import DateTextInput
from noivu.core.widgets import FilteredSelect, TreeSelect, tree_field


class InitiativeForm(forms.Form):
    """An initiative recognised (sáng kiến được công nhận), entered from its recognition decision."""

    title = forms.CharField(label=_("Tên sáng kiến"), max_length=300)
    level = forms.ChoiceField(label=_("Cấp công nhận"), choices=InitiativeLevel.choices)
    recognised_on = forms.DateField(label=_("Ngày công nhận"), widget=DateTextInput())
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=64, required=False)
    authority = forms.CharField(label=_("Cơ quan công nhận"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "input")


class UnitYearForm(forms.Form):
    """The unit (any of the user's scope, found by name) and the year whose eligibility to screen."""

    unit = tree_field(_("Đơn vị"), empty_label=_("Tìm đơn vị theo tên…"), allow_empty=False)
    year = forms.TypedChoiceField(label=_("Năm xét"), coerce=int)

    def __init__(self, data: Any, *, user: Any, last_year: int) -> None:
        super().__init__(data)
        widget = self.fields["unit"].widget
        assert isinstance(widget, TreeSelect)
        widget.user = user
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = [(value, str(value)) for value in range(last_year + 1, 2023, -1)]
        year.initial = last_year


class _Styled(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "input")


class CouncilForm(_Styled):
    """A session of the unit's Emulation and Commendation Council."""

    year = forms.IntegerField(label=_("Năm thành tích"), min_value=2024, max_value=2100)
    held_on = forms.DateField(label=_("Ngày họp"), widget=DateTextInput())
    members = forms.IntegerField(
        label=_("Tổng số thành viên Hội đồng"),
        min_value=1,
        max_value=999,
        help_text=_(
            "Tỷ lệ phiếu đồng ý tính trên tổng số thành viên, kể cả người vắng mặt có ý kiến bằng văn bản."
        ),
    )


class CouncilMemberForm(_Styled):
    """A member of the council at the session: name, place in the council, and whether they voted."""

    name = forms.CharField(label=_("Họ và tên thành viên"), max_length=255)
    role = forms.ChoiceField(label=_("Chức danh trong Hội đồng"), choices=MemberRole.choices)
    attendance = forms.ChoiceField(label=_("Tham dự"), choices=Attendance.choices)


class NominateForm(_Styled):
    """A person or a collective and a title among the candidates the screening found for the session's
    year: a province's list runs to well over a thousand names, narrowed by typing part of one."""

    candidate = forms.ChoiceField(
        label=_("Người, tập thể và danh hiệu đề nghị"),
        widget=FilteredSelect(search_label=_("Tìm người, tập thể theo tên")),
    )

    def __init__(self, *args: Any, choices: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["candidate"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class VotesForm(_Styled):
    """The yes votes of the secret ballot on one nominee."""

    nominee = forms.IntegerField(widget=forms.HiddenInput)
    yes_votes = forms.IntegerField(label=_("Số phiếu đồng ý"), min_value=0, max_value=999)


class DecisionForm(_Styled):
    """The decision awarding the nominees who passed."""

    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64)
    decided_on = forms.DateField(label=_("Ngày quyết định"), widget=DateTextInput())
    signer = forms.CharField(label=_("Người ký"), max_length=255)


class MovementForm(_Styled):
    """An emulation movement launched by the unit: its period, criteria and the units taking part (the unit
    itself or those just below it)."""

    name = forms.CharField(label=_("Tên phong trào"), max_length=300)
    year = forms.IntegerField(label=_("Năm thi đua"), min_value=2024, max_value=2100)
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DateTextInput())
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DateTextInput())
    criteria = forms.CharField(
        label=_("Tiêu chí thi đua"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "textarea"}),
    )
    units = forms.MultipleChoiceField(
        label=_("Đơn vị tham gia"), widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["units"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = units
        field.widget.attrs.pop("class", None)


class PersonRegistrationForm(_Styled):
    """A person of the units taking part registering for an individual title."""

    person = forms.ChoiceField(
        label=_("Cá nhân"), widget=FilteredSelect(search_label=_("Tìm người theo tên"))
    )
    title = forms.ChoiceField(label=_("Danh hiệu đăng ký"))
    registered_on = forms.DateField(label=_("Ngày đăng ký"), widget=DateTextInput())

    def __init__(self, *args: Any, persons: list[Any], titles: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (("person", persons), ("title", titles)):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices


class UnitRegistrationForm(_Styled):
    """A unit taking part (or one below it) registering for a collective title."""

    unit = forms.ChoiceField(label=_("Tập thể"))
    title = forms.ChoiceField(label=_("Danh hiệu đăng ký"))
    registered_on = forms.DateField(label=_("Ngày đăng ký"), widget=DateTextInput())

    def __init__(self, *args: Any, units: list[Any], titles: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (("unit", units), ("title", titles)):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices


class QuotaForm(_Styled):
    """An organisation's quota of a title (hạn mức khen thưởng) and the text it rests on."""

    title = forms.ChoiceField(label=_("Danh hiệu, hình thức"))
    percent = forms.IntegerField(label=_("Tỷ lệ tối đa (%)"), min_value=1, max_value=100)
    of_title = forms.ChoiceField(
        label=_("Tính trên số đủ điều kiện danh hiệu"),
        required=False,
        help_text=_("Để trống: tính trên tổng số cá nhân (tập thể) được xét."),
    )
    document = forms.CharField(label=_("Văn bản quy định"), max_length=64)
    article = forms.CharField(label=_("Điều, khoản"), max_length=64, required=False)
    effective_from = forms.DateField(label=_("Hiệu lực từ ngày"), widget=DateTextInput())

    def __init__(self, *args: Any, titles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        title, of_title = self.fields["title"], self.fields["of_title"]
        assert isinstance(title, forms.ChoiceField) and isinstance(of_title, forms.ChoiceField)
        title.choices = titles
        of_title.choices = [("", _("(tổng số được xét)")), *titles]
