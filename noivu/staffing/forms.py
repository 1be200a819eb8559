"""Forms of the staffing pages: what a user types to propose, appraise, approve and carry out."""

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import DATE_FORMATS
from noivu.staffing.models import (
    OrganizationType,
    QuotaCategory,
    RestructuringKind,
    StreamliningGround,
    StreamliningPolicy,
)


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"class": "input", "placeholder": "dd/mm/yyyy"}),
    )


def _text(label: Any, required: bool = True, max_length: int = 255, **attrs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs={"class": "input", **attrs}),
    )


def _area(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "textarea", "rows": 3}),
    )


def _money(label: Any, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=1,
        max_value=10**12,
        widget=forms.NumberInput(attrs={"class": "input"}),
    )


def _choice(choices: Any, label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices)


class ProfileForm(forms.Form):
    organization_type = _choice(OrganizationType.choices, _("Loại hình"))
    functions = _area(_("Chức năng"))
    tasks = _area(_("Nhiệm vụ, quyền hạn"))
    basis_number = _text(_("Số hiệu văn bản thành lập"), required=False, max_length=64)
    basis_article = _text(_("Điều, khoản"), required=False, max_length=128)
    basis_title = _text(_("Trích yếu"), required=False, max_length=500)
    basis_issued_on = _date(_("Ngày ban hành"), required=False)


class QuotaForm(forms.Form):
    organization = _text(_("Mã đơn vị"), max_length=32)
    category = _choice(QuotaCategory.choices, _("Loại biên chế"))
    year = forms.IntegerField(
        label=_("Năm"), min_value=2000, max_value=2100, widget=forms.NumberInput(attrs={"class": "input"})
    )
    quantity = forms.IntegerField(
        label=_("Số lượng"),
        min_value=0,
        max_value=10_000_000,
        widget=forms.NumberInput(attrs={"class": "input"}),
    )
    comment = _area(_("Thuyết minh"))


class AppraiseForm(forms.Form):
    agree = forms.TypedChoiceField(
        label=_("Kết quả thẩm định"),
        choices=[("1", _("Thống nhất")), ("0", _("Trả lại"))],
        coerce=lambda value: value == "1",
    )
    comment = _area(_("Ý kiến"))


class DecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("1", _("Phê duyệt")), ("0", _("Trả lại"))],
        coerce=lambda value: value == "1",
    )
    decision_number = _text(_("Số quyết định"), required=False, max_length=64)
    decision_date = _date(_("Ngày quyết định"), required=False)
    decided_by = _text(_("Cơ quan quyết định"), required=False)
    comment = _area(_("Ý kiến"))


class RestructuringForm(forms.Form):
    kind = _choice(RestructuringKind.choices, _("Hình thức"))
    organization = _text(_("Mã đơn vị được sắp xếp"), max_length=32)
    successor = _text(_("Mã đơn vị tiếp nhận / cấp trên mới"), required=False, max_length=32)
    new_name = _text(_("Tên mới"), required=False)
    effective_date = _date(_("Ngày hiệu lực"))
    description = _area(_("Nội dung"))


class TargetForm(forms.Form):
    organization = _text(_("Mã đơn vị"), max_length=32)
    category = _choice(
        [
            (QuotaCategory.CIVIL_SERVANT, QuotaCategory.CIVIL_SERVANT.label),
            (QuotaCategory.PUBLIC_EMPLOYEE, QuotaCategory.PUBLIC_EMPLOYEE.label),
        ],
        _("Loại biên chế"),
    )
    effective_from = _date(_("Từ ngày"))
    effective_to = _date(_("Đến ngày"))
    baseline_year = forms.IntegerField(
        label=_("Năm gốc"), min_value=2000, max_value=2100, widget=forms.NumberInput(attrs={"class": "input"})
    )
    baseline = forms.IntegerField(
        label=_("Số biên chế năm gốc"),
        required=False,
        min_value=0,
        max_value=10_000_000,
        help_text=_("để trống: số người có mặt ngày 31/12 năm gốc"),
        widget=forms.NumberInput(attrs={"class": "input"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("effective_from"), data.get("effective_to")
        if start and end and end < start:
            self.add_error("effective_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class CaseForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    policy = _choice(StreamliningPolicy.choices, _("Chính sách"))
    ground = _choice(StreamliningGround.choices, _("Lý do"))
    case_date = _date(_("Ngày lập hồ sơ"))
    leave_date = _date(_("Ngày nghỉ"))
    restructuring_decision_date = _date(_("Ngày quyết định sắp xếp (nếu do sắp xếp tổ chức)"), required=False)
    salary_current = _money(_("Tiền lương tháng hiện hưởng (đồng; để trống: theo quá trình lương)"))
    salary_average = _money(_("Tiền lương tháng bình quân 60 tháng (đồng; để trống: theo quá trình lương)"))
    si_years = forms.IntegerField(
        label=_("Số năm đóng BHXH bắt buộc (để trống: theo quá trình công tác)"),
        required=False,
        min_value=0,
        max_value=60,
        widget=forms.NumberInput(attrs={"class": "input"}),
    )
    si_months = forms.IntegerField(
        label=_("Số tháng lẻ"),
        required=False,
        min_value=0,
        max_value=11,
        widget=forms.NumberInput(attrs={"class": "input"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        case_date: dt.date | None = data.get("case_date")
        leave: dt.date | None = data.get("leave_date")
        if case_date and leave and leave < case_date:
            self.add_error("leave_date", _("Ngày nghỉ phải từ ngày lập hồ sơ trở đi."))
        return data
