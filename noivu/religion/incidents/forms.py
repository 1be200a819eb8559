"""Forms of situation reports; the API binds its bodies to the same forms."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.organizations.models import Organization
from noivu.religion.models import (
    ActivityGroup,
    IncidentStatus,
    ReligiousOrganization,
    Severity,
    Topic,
    WorshipPlace,
)
from noivu.religion.registries.forms import UnitChoice, date_input, managing_units, style_field


class ReportForm(forms.Form):
    organization = UnitChoice(queryset=Organization.objects.none(), label=_("Đơn vị báo cáo"))
    title = forms.CharField(label=_("Tóm tắt vụ việc"), max_length=255)
    topic = forms.ChoiceField(label=_("Lĩnh vực"), choices=Topic.choices)
    severity = forms.TypedChoiceField(label=_("Mức độ"), choices=Severity.choices, coerce=int)
    occurred_on = date_input(_("Ngày xảy ra"))
    reported_on = date_input(_("Ngày báo cáo"), required=False)
    commune_code = forms.CharField(
        label=_("Mã xã, phường hiện hành"),
        max_length=8,
        required=False,
        help_text=_("Bỏ trống: xã của đơn vị báo cáo."),
    )
    legacy_commune_code = forms.CharField(
        label=_("Mã xã cũ (vụ việc trước 01/07/2025)"), max_length=8, required=False
    )
    place = forms.ModelChoiceField(
        queryset=WorshipPlace.objects.none(), required=False, label=_("Cơ sở liên quan")
    )
    religious_organizations = forms.ModelMultipleChoiceField(
        queryset=ReligiousOrganization.objects.none(), required=False, label=_("Tổ chức liên quan")
    )
    group = forms.ModelChoiceField(
        queryset=ActivityGroup.objects.none(), required=False, label=_("Nhóm liên quan")
    )
    description = forms.CharField(
        label=_("Diễn biến"), widget=forms.Textarea, required=False, max_length=5000
    )
    actions_taken = forms.CharField(
        label=_("Biện pháp đã xử lý"), widget=forms.Textarea, required=False, max_length=5000
    )
    follow_up = forms.CharField(
        label=_("Việc cần theo dõi"), widget=forms.Textarea, required=False, max_length=5000
    )
    follow_up_due = date_input(_("Hạn theo dõi"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["organization"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = managing_units(user)
        unit.error_messages["invalid_choice"] = _("Không có đơn vị này trong phạm vi của bạn.")
        for name, model in (
            ("place", WorshipPlace),
            ("religious_organizations", ReligiousOrganization),
            ("group", ActivityGroup),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = model.objects.restrict(user)
            field.error_messages["invalid_choice"] = _("Không có %(what)s này trong phạm vi của bạn.") % {
                "what": model._meta.verbose_name
            }
        for field in self.fields.values():
            style_field(field)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organization = cleaned.get("organization")
        if not cleaned.get("commune_code") and not cleaned.get("legacy_commune_code") and organization:
            cleaned["commune_code"] = organization.admin_unit_code if organization.level == "commune" else ""
            if not cleaned["commune_code"]:
                self.add_error("commune_code", _("Ghi mã xã, phường nơi xảy ra vụ việc."))
        return cleaned


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=IncidentStatus.choices)
    actions_taken = forms.CharField(label=_("Biện pháp đã xử lý"), widget=forms.Textarea, max_length=5000)
    follow_up = forms.CharField(
        label=_("Việc cần theo dõi"), widget=forms.Textarea, required=False, max_length=5000
    )
    follow_up_due = date_input(_("Hạn theo dõi"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            style_field(field)
