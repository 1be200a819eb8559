"""Forms of the personnel pages: the list's search and filters, and the basic-information edit."""

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.personnel.models import Category, Person
from noivu.personnel.records.search import filter_persons


class PersonFilterForm(forms.Form):
    """Search and filters of the person list (tra cứu hồ sơ)."""

    q = forms.CharField(label=_("Họ và tên"), required=False, max_length=200)
    organization = forms.IntegerField(label=_("Đơn vị"), required=False, min_value=1)
    category = forms.ChoiceField(
        label=_("Đối tượng"), required=False, choices=[("", _("Tất cả đối tượng")), *Category.choices]
    )
    rank = forms.CharField(label=_("Mã ngạch"), required=False, max_length=16)
    min_age = forms.IntegerField(label=_("Từ tuổi"), required=False, min_value=0, max_value=120)
    max_age = forms.IntegerField(label=_("Đến tuổi"), required=False, min_value=0, max_value=120)
    page = forms.IntegerField(required=False, min_value=1)
    cursor = forms.CharField(required=False, max_length=400, widget=forms.HiddenInput)

    @property
    def query(self) -> str:
        return (self.cleaned_data.get("q") or "").strip()

    def filter(self, persons: QuerySet[Person], organization_path: str | None) -> QuerySet[Person]:
        """``persons`` (already scoped) narrowed by the unit and category filters, in name order.

        The name search itself is applied by the caller through ``noivu.personnel.records.search``.
        """
        data = self.cleaned_data
        if organization_path is not None:
            persons = persons.filter(organization__path__startswith=organization_path)
        persons = filter_persons(
            persons,
            category=data.get("category") or None,
            rank_code=data.get("rank") or None,
            min_age=data.get("min_age"),
            max_age=data.get("max_age"),
        )
        return persons.order_by("full_name_folded", "pk")


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

    @property
    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}
