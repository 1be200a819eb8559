"""Forms of the registries: the same validation for the page and the API (a body is bound to the form)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import DATE_FORMATS
from noivu.core.permissions import Action
from noivu.organizations.models import Organization, OrganizationKind
from noivu.religion.incidents.places import current_commune
from noivu.religion.models import (
    ActivityGroup,
    Dignitary,
    NamedRecord,
    ReligiousOrganization,
    WorshipPlace,
)

MANAGING_KINDS = (
    OrganizationKind.PROVINCE_COMMITTEE,
    OrganizationKind.COMMUNE_COMMITTEE,
    OrganizationKind.DEPARTMENT,
)


def managing_units(user: Any, action: str = Action.CHANGE) -> Any:
    """The People's Committees and departments where ``user`` may ``action``: the managing units offered."""
    return Organization.objects.restrict(user, action).filter(kind__in=MANAGING_KINDS).order_by("path")


def style_field(field: forms.Field) -> None:
    """Bulma's class for a field's widget (selects are wrapped by the template)."""
    if isinstance(field.widget, forms.Textarea):
        field.widget.attrs.setdefault("class", "textarea")
        field.widget.attrs.setdefault("rows", 3)
    elif not isinstance(field.widget, forms.Select):
        field.widget.attrs.setdefault("class", "input")


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return obj.name


def date_input(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"class": "input", "placeholder": "dd/mm/yyyy"}),
    )


class RecordForm(forms.ModelForm):
    """What every registry form shares: the managing unit within the user's right, the commune (the
    unit's own by default), the start date; related rows offered within the user's scope."""

    organization = UnitChoice(queryset=Organization.objects.none(), label=_("Cơ quan quản lý"))
    effective_from = date_input(_("Từ ngày"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        unit = self.fields["organization"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = managing_units(user)
        unit.error_messages["invalid_choice"] = _("Không có cơ quan quản lý này trong phạm vi của bạn.")
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and name != "organization":
                model = field.queryset.model  # type: ignore[union-attr]
                field.queryset = model.objects.restrict(user)
                field.error_messages["invalid_choice"] = _("Không có %(what)s này trong phạm vi của bạn.") % {
                    "what": model._meta.verbose_name
                }
            style_field(field)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organization = cleaned.get("organization")
        code = (cleaned.get("commune_code") or "").strip()
        if organization is not None and not code:
            code = (
                organization.admin_unit_code
                if organization.kind == OrganizationKind.COMMUNE_COMMITTEE
                else ""
            )
        if code and current_commune(code) is None:
            self.add_error("commune_code", _("Không có xã, phường mã %(code)s hiện hành.") % {"code": code})
        cleaned["commune_code"] = code
        return cleaned

    def save(self, commit: bool = True) -> NamedRecord:
        record: NamedRecord = super().save(commit=False)
        record.commune_code = self.cleaned_data["commune_code"]
        return record


COMMON = ["name", "organization", "commune_code", "address", "effective_from", "note"]


class ReligiousOrganizationForm(RecordForm):
    class Meta:
        model = ReligiousOrganization
        fields = ["name", "kind", "religion", "parent", "decision_number", *COMMON[1:]]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("kind") == "affiliated" and not cleaned.get("parent"):
            self.add_error("parent", _("Tổ chức tôn giáo trực thuộc phải có tổ chức cấp trên."))
        return cleaned


class WorshipPlaceForm(RecordForm):
    class Meta:
        model = WorshipPlace
        fields = ["name", "kind", "religion", "religious_organization", *COMMON[1:], "latitude", "longitude"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("kind") == "religious" and not cleaned.get("religion"):
            self.add_error("religion", _("Cơ sở tôn giáo phải ghi tôn giáo."))
        return cleaned


class DignitaryForm(RecordForm):
    class Meta:
        model = Dignitary
        fields = ["name", "kind", "title", "birth_year", "religious_organization", "place", *COMMON[1:]]
        labels = {"name": _("Họ và tên")}


class ActivityGroupForm(RecordForm):
    class Meta:
        model = ActivityGroup
        fields = ["name", "religion", "religious_organization", "representative", "members", *COMMON[1:]]
        labels = {"address": _("Địa điểm sinh hoạt")}


class CloseForm(forms.Form):
    effective_to = date_input(_("Kết thúc từ ngày"))
