"""The forms of a person's record: a new record (thêm hồ sơ mới) and the correction of every item of the
2C form the record holds itself (the list's filters are in ``records/filters.py``).

The forms only parse what the officer typed — dates dd/mm/yyyy, choices from the code lists — and the
actions check the record with the rules every path applies (:func:`~noivu.personnel.records.actions.
apply_person_changes`, :meth:`Person.clean`).
"""

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from noivu.core import dates
from noivu.core.forms import DateTextInput
from noivu.core.permissions import Action
from noivu.core.widgets import TreeSelect
from noivu.organizations.models import Organization
from noivu.personnel import codelists
from noivu.personnel.models import Category, Gender, Person
from noivu.personnel.records.actions import EDITABLE_FIELDS
from noivu.personnel.records.presenters import PersonPresenter

ASCII_CCCD = re.compile(r"^[0-9]{12}$")
EMPTY = ("", "---------")

# The items of the 2C form a record holds itself, in the order of the form, by section.
SECTIONS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (_("Thông tin cơ bản"), ("full_name", "other_names", "birth_date", "gender", "ethnic_group", "religion")),
    (
        _("Giấy tờ tùy thân, liên hệ"),
        ("cccd_number", "cccd_issued_on", "cccd_issued_by", "phone", "email", "social_insurance_number"),
    ),
    (
        _("Tuyển dụng, công tác"),
        (
            "personnel_code",
            "recruited_on",
            "recruiting_agency",
            "occupation_at_recruitment",
            "main_duties",
            "strengths",
        ),
    ),
    (
        _("Đoàn thể, quân ngũ, danh hiệu, chính sách"),
        (
            "mass_organization_joined_on",
            "enlisted_on",
            "discharged_on",
            "highest_military_rank",
            "highest_honorary_title",
            "policy_status",
        ),
    ),
    (_("Đặc điểm lịch sử bản thân"), ("personal_history",)),
)


def _with_current(choices: list[tuple[str, str]], current: str | None) -> list[tuple[str, str]]:
    """The code list with an empty choice first, keeping a value recorded before the list (a name)."""
    if current and current not in {code for code, _name in choices}:
        choices = [*choices, (current, current)]
    return [EMPTY, *choices]


def clean_cccd(value: str | None) -> str | None:
    """A CCCD number as typed: spaces removed; 12 ASCII digits or a clear refusal (fullwidth or
    Arabic-Indic digits are refused, as the import refuses them)."""
    number = "".join((value or "").split())
    if number and not ASCII_CCCD.match(number):
        raise forms.ValidationError(_("Số CCCD/định danh cá nhân gồm đúng 12 chữ số 0–9."))
    return number or None


def _style(form: forms.BaseForm) -> None:
    """Bulma classes, dd/mm/yyyy dates with a calendar, selects left to their wrapper."""
    for form_field in form.fields.values():
        if isinstance(form_field, forms.DateField):
            form_field.widget = DateTextInput()
        elif isinstance(form_field.widget, forms.Textarea):
            form_field.widget.attrs.setdefault("class", "textarea")
        elif not isinstance(form_field.widget, forms.Select):
            form_field.widget.attrs.setdefault("class", "input")


class PersonForm(forms.ModelForm):
    """Every item of the 2C form held by the person's record (thông tin cơ bản and the rest): ethnic group
    and religion chosen from their code lists, dates as dd/mm/yyyy. Personal data is not offered to a
    user who may not see it."""

    # The version the officer started from, so that a concurrent edit is detected (see do_update_person).
    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Person
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "cccd_number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel"}),
            "personal_history": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, show_personal_data: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not show_personal_data:
            for name in PersonPresenter.personal_fields() & set(self.fields):
                del self.fields[name]
        self.fields["ethnic_group"] = forms.ChoiceField(
            label=_("dân tộc"),
            required=False,
            choices=_with_current(codelists.ethnic_groups().choices, self.instance.ethnic_group),
        )
        self.fields["religion"] = forms.ChoiceField(
            label=_("tôn giáo"),
            required=False,
            choices=_with_current(codelists.religions().choices, self.instance.religion),
        )
        _style(self)
        if self.instance.updated_at is not None:
            self.fields["updated_at"].initial = self.instance.updated_at.isoformat()

    @property
    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The visible fields by section of the 2C form, for the template."""
        return [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in SECTIONS
            if any(name in self.fields for name in names)
        ]

    def clean_updated_at(self) -> dt.datetime | None:
        text = self.cleaned_data.get("updated_at")
        try:
            return dt.datetime.fromisoformat(text) if text else None
        except ValueError as error:
            raise forms.ValidationError(_("Phiên bản hồ sơ không hợp lệ; hãy tải lại trang.")) from error

    def clean_cccd_number(self) -> str | None:
        return clean_cccd(self.cleaned_data.get("cccd_number"))

    def _post_clean(self) -> None:
        # The action checks the record (one validation for every path): the form only parses.
        pass

    def _update_errors(self, errors: ValidationError) -> None:
        # The record's rules may name a field this form does not show (the CCCD, hidden from users
        # without personal-data rights): said above the form rather than refused by Django.
        if hasattr(errors, "error_dict"):
            for name in [name for name in errors.error_dict if name not in self.fields]:
                errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(errors.error_dict.pop(name))
        super()._update_errors(errors)  # type: ignore[misc]

    def show_errors(self, error: ValidationError) -> None:
        """The action's refusal on the fields it names (above the form for the others)."""
        self._update_errors(error)

    @property
    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}


class NewPersonForm(forms.Form):
    """A new record (thêm hồ sơ mới): the person, the unit and category they start in and the day they
    start; the other items of the 2C form and the dated facts are added from the record afterwards."""

    full_name = forms.CharField(label=_("họ và tên"), max_length=200)
    birth_date = forms.DateField(label=_("ngày sinh"))
    gender = forms.ChoiceField(label=_("giới tính"), choices=[EMPTY, *Gender.choices])
    cccd_number = forms.CharField(
        label=_("số CCCD/định danh cá nhân"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    ethnic_group = forms.ChoiceField(
        label=_("dân tộc"), required=False, choices=lambda: [EMPTY, *codelists.ethnic_groups().choices]
    )
    organization = forms.ChoiceField(label=_("đơn vị công tác"))
    category = forms.ChoiceField(label=_("đối tượng"), choices=[EMPTY, *Category.choices])
    start_date = forms.DateField(label=_("ngày bắt đầu công tác tại đơn vị"))
    position_title = forms.CharField(label=_("chức vụ, chức danh"), max_length=200, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {
            unit.code: unit
            for unit in Organization.objects.restrict(user, Action.CHANGE)
            .filter(effective_to__isnull=True)
            .order_by("path")
            .only("pk", "code", "name", "depth", "path")
        }
        top = min((unit.depth for unit in self.units.values()), default=1)
        organization = self.fields["organization"]
        assert isinstance(organization, forms.ChoiceField)
        organization.choices = [
            EMPTY,
            *[(code, "\u00a0\u00a0" * (unit.depth - top) + unit.name) for code, unit in self.units.items()],
        ]
        if "start_date" in self.fields and not self.is_bound:
            self.fields["start_date"].initial = dates.today()
        _style(self)

    def clean_cccd_number(self) -> str | None:
        return clean_cccd(self.cleaned_data.get("cccd_number"))

    @property
    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (
                _("Thông tin cá nhân"),
                [self[name] for name in ("full_name", "birth_date", "gender", "cccd_number", "ethnic_group")],
            ),
            (
                _("Quá trình công tác đầu tiên"),
                [self[name] for name in ("organization", "category", "start_date", "position_title")],
            ),
        ]

    def clean_organization(self) -> Organization:
        return self.units[self.cleaned_data["organization"]]

    def show_errors(self, error: ValidationError) -> None:
        """The action's refusal on the fields it names; the first assignment's start is this form's."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, messages in error.message_dict.items():
            name = "start_date" if name == "effective_from" else name
            self.add_error(name if name in self.fields else None, messages)


class AssignmentForm(forms.Form):
    """A period of the career (quá trình công tác, chức vụ) corrected: the unit chosen in the searchable
    tree, the category, the position, the primary post or a concurrent one, the dates dd/mm/yyyy."""

    organization = forms.CharField(label=_("đơn vị"), max_length=64)
    category = forms.ChoiceField(label=_("đối tượng"), choices=[EMPTY, *Category.choices])
    position_title = forms.CharField(label=_("chức vụ, chức danh"), max_length=200, required=False)
    is_primary = forms.BooleanField(label=_("công tác chính"), required=False)
    effective_from = forms.DateField(label=_("từ ngày"))
    effective_to = forms.DateField(label=_("đến ngày"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organization"].widget = TreeSelect(
            label=_("Đơn vị"), empty_label=_("Tìm đơn vị theo tên…"), allow_empty=False
        )
        self.fields["organization"].widget.user = user
        _style(self)
        self.fields["is_primary"].widget.attrs.pop("class", None)  # a box to tick, not a text input

    def clean_organization(self) -> Organization:
        unit = (
            Organization.objects.restrict(self.user, Action.CHANGE)
            .filter(code=self.cleaned_data["organization"])
            .first()
        )
        if unit is None:
            raise ValidationError(_("Hãy chọn một đơn vị trong phạm vi bạn được cập nhật hồ sơ."))
        return unit

    def show_errors(self, error: ValidationError) -> None:
        """The action's refusal on the fields it names."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)
