"""Forms of the dossier pages; the API binds its bodies to the same forms."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.core.permissions import Action
from noivu.core.rules import rule_table
from noivu.organizations.models import Organization
from noivu.religion.models import (
    ActivityGroup,
    CalendarDayKind,
    Outcome,
    ReligiousOrganization,
    procedure_label,
)
from noivu.religion.procedures.clock import PROCEDURES
from noivu.religion.registries.forms import UnitChoice, date_input, managing_units, style_field


def procedure_choices() -> list[tuple[str, str]]:
    table = rule_table(PROCEDURES)
    return [(code, procedure_label(table.history(code)[-1].value)) for code in table.codes()]


class ReceiveForm(forms.Form):
    organization = UnitChoice(queryset=Organization.objects.none(), label=_("Cơ quan tiếp nhận"))
    procedure_code = forms.ChoiceField(label=_("Thủ tục"))
    applicant = forms.CharField(label=_("Người, tổ chức đề nghị"), max_length=255)
    religious_organization = forms.ModelChoiceField(
        queryset=ReligiousOrganization.objects.none(), required=False, label=_("Tổ chức tôn giáo")
    )
    group = forms.ModelChoiceField(
        queryset=ActivityGroup.objects.none(), required=False, label=_("Nhóm sinh hoạt tôn giáo tập trung")
    )
    subject = forms.CharField(label=_("Nội dung"), max_length=500, required=False, widget=forms.Textarea)
    received_on = date_input(_("Ngày nhận hồ sơ đầy đủ"))
    reference = forms.CharField(label=_("Số biên nhận (bỏ trống để tự cấp)"), max_length=32, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["organization"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = managing_units(user)
        unit.error_messages["invalid_choice"] = _("Không có cơ quan tiếp nhận này trong phạm vi của bạn.")
        procedure = self.fields["procedure_code"]
        assert isinstance(procedure, forms.ChoiceField)
        procedure.choices = procedure_choices()
        procedure.error_messages["invalid_choice"] = _("Không có thủ tục %(value)s trong bảng thủ tục.")
        for name, model in (("religious_organization", ReligiousOrganization), ("group", ActivityGroup)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = model.objects.restrict(user)
            field.error_messages["invalid_choice"] = _(
                "Không có %(what)s này trong phạm vi của bạn: kiểm tra lại hoặc ghi vào sổ theo dõi trước."
            ) % {"what": model._meta.verbose_name}
        for field in self.fields.values():
            style_field(field)


class SupplementForm(forms.Form):
    requested_on = date_input(_("Ngày yêu cầu bổ sung"))
    content = forms.CharField(label=_("Nội dung cần bổ sung"), widget=forms.Textarea, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            style_field(field)


class SupplementReceivedForm(forms.Form):
    received_on = date_input(_("Ngày nhận hồ sơ bổ sung"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            style_field(field)


class DecideForm(forms.Form):
    decided_on = date_input(_("Ngày trả kết quả"))
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=Outcome.choices)
    decision_number = forms.CharField(label=_("Số văn bản trả lời"), max_length=64)
    late_reason = forms.CharField(
        label=_("Lý do quá hạn (bắt buộc khi trả kết quả sau hạn)"),
        widget=forms.Textarea,
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            style_field(field)


class CalendarDayForm(forms.Form):
    day = date_input(_("Ngày"))
    kind = forms.ChoiceField(label=_("Loại"), choices=CalendarDayKind.choices)
    name = forms.CharField(label=_("Lý do"), max_length=200)
    basis = forms.CharField(label=_("Văn bản công bố"), max_length=200, required=False)
    organization = UnitChoice(
        queryset=Organization.objects.none(),
        required=False,
        label=_("Áp dụng tại (bỏ trống: cả nước)"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["organization"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = managing_units(user, Action.ADMINISTER).filter(depth__lte=2)
        for field in self.fields.values():
            style_field(field)
