"""The form of a person's basic information (the list's filters are in ``records/filters.py``)."""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from noivu.personnel.models import Person


class PersonForm(forms.ModelForm):
    """The basic information of a person's record (thông tin cơ bản)."""

    # The version the officer started from, so that a concurrent edit is detected (see do_update_person).
    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Person
        fields = ["full_name", "birth_date", "gender", "cccd_number", "ethnic_group"]
        widgets = {
            "full_name": forms.TextInput(attrs={"class": "input"}),
            "birth_date": forms.DateInput(
                format="%d/%m/%Y", attrs={"class": "input", "placeholder": "dd/mm/yyyy"}
            ),
            "cccd_number": forms.TextInput(attrs={"class": "input", "inputmode": "numeric"}),
            "ethnic_group": forms.TextInput(attrs={"class": "input"}),
        }

    def __init__(self, *args: Any, show_personal_data: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not show_personal_data:
            del self.fields["cccd_number"]
        if self.instance.updated_at is not None:
            self.fields["updated_at"].initial = self.instance.updated_at.isoformat()

    def clean_updated_at(self) -> dt.datetime | None:
        text = self.cleaned_data.get("updated_at")
        try:
            return dt.datetime.fromisoformat(text) if text else None
        except ValueError as error:
            raise forms.ValidationError(_("Phiên bản hồ sơ không hợp lệ; hãy tải lại trang.")) from error

    def clean_cccd_number(self) -> str | None:
        number = (self.cleaned_data.get("cccd_number") or "").strip()
        if number and (not number.isdigit() or len(number) != 12):
            raise forms.ValidationError(_("Số CCCD/định danh cá nhân gồm đúng 12 chữ số."))
        return number or None

    def _update_errors(self, errors: ValidationError) -> None:
        # The record's rules may name a field this form does not show (the CCCD, hidden from users
        # without personal-data rights): said above the form rather than refused by Django.
        if hasattr(errors, "error_dict"):
            for name in [name for name in errors.error_dict if name not in self.fields]:
                errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(errors.error_dict.pop(name))
        super()._update_errors(errors)  # type: ignore[misc]

    @property
    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}
