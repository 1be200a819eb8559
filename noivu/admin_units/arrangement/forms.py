"""Forms of the plan pages: a new plan, the groups drawn by hand, the adoption."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.admin_units.arrangement.filters import _periods
from noivu.admin_units.arrangement.models import Objective
from noivu.admin_units.models import ExemptionGround
from noivu.admin_units.registry import UnitTable
from noivu.core.dates import today
from noivu.core.filters import DATE_FORMATS
from noivu.core.text import fold


def _date(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"class": "input", "placeholder": "dd/mm/yyyy"}),
        **kwargs,
    )


class PlanForm(forms.Form):
    organization: forms.ModelChoiceField = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan lập phương án"), queryset=None, empty_label=None
    )
    name = forms.CharField(
        label=gettext_lazy("Tên phương án"), max_length=255, widget=forms.TextInput(attrs={"class": "input"})
    )
    parent_code = forms.ChoiceField(label=gettext_lazy("Đơn vị cấp trên có các xã được sắp xếp"))
    as_of = _date(gettext_lazy("Số liệu tính đến ngày"))
    period = forms.ChoiceField(label=gettext_lazy("Giai đoạn tiêu chí"), required=False, choices=_periods)
    objective = forms.ChoiceField(label=gettext_lazy("Mục tiêu"), choices=Objective.choices)
    solve = forms.BooleanField(label=gettext_lazy("Đề xuất nhóm bằng bộ giải"), required=False, initial=True)
    time_limit = forms.IntegerField(
        label=gettext_lazy("Thời gian giải tối đa (giây)"),
        min_value=1,
        max_value=60,
        initial=20,
        widget=forms.NumberInput(attrs={"class": "input"}),
    )

    def __init__(
        self, *args: Any, organizations: list, parents: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent_code"].choices = parents  # type: ignore[attr-defined]
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        from noivu.organizations.models import Organization

        field.queryset = Organization.objects.unrestricted().filter(pk__in=[o.pk for o in organizations])
        self.fields["as_of"].initial = today()


class GroupsForm(forms.Form):
    groups = forms.CharField(
        label=gettext_lazy("Các nhóm đơn vị nhập (mỗi dòng một nhóm, tên cách nhau bằng dấu phẩy)"),
        widget=forms.Textarea(attrs={"class": "textarea", "rows": 8}),
        max_length=20000,
    )


def parse_groups(text: str, units: UnitTable) -> list[list[str]]:
    """Groups written one per line as unit names (or codes) separated by commas; a name must designate
    one unit of the scope, else the line and the name are named in the error."""
    by_name: dict[str, list[str]] = {}
    for code, name in zip(units.code, units.name, strict=True):
        by_name.setdefault(fold(name), []).append(code)
        by_name.setdefault(fold(name.split(" ", 1)[-1]), []).append(code)
    codes = set(units.code)
    groups: list[list[str]] = []
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        names = [part.strip() for part in line.replace(";", ",").split(",") if part.strip()]
        if not names:
            continue
        group = []
        for name in names:
            if name in codes:
                group.append(name)
                continue
            found = sorted(set(by_name.get(fold(name), [])))
            if len(found) == 1:
                group.append(found[0])
            else:
                errors.append(
                    (
                        _("Dòng %(n)s: không có đơn vị tên “%(name)s” trong phạm vi.")
                        if not found
                        else _("Dòng %(n)s: tên “%(name)s” trùng nhiều đơn vị, hãy ghi đủ loại (Xã, Phường).")
                    )
                    % {"n": number, "name": name}
                )
        groups.append(group)
    if errors:
        raise ValidationError(errors)
    return groups


class AdoptForm(forms.Form):
    resolution_number = forms.CharField(
        label=gettext_lazy("Số nghị quyết"), max_length=64, widget=forms.TextInput(attrs={"class": "input"})
    )
    resolution_date = _date(gettext_lazy("Ngày ban hành"))
    effective_on = _date(gettext_lazy("Ngày có hiệu lực"))

    def __init__(self, *args: Any, groups: list, names: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for group in groups:
            self.fields[f"name_{group.pk}"] = forms.CharField(
                label=_("Tên đơn vị mới (nhập từ %(members)s)")
                % {"members": names.get(group.pk, ", ".join(group.members))},
                max_length=80,
                required=False,
                widget=forms.TextInput(attrs={"class": "input"}),
            )


class AsOfDateForm(forms.Form):
    effective_from = _date(gettext_lazy("Số liệu có hiệu lực từ ngày"))
    source = forms.CharField(
        label=gettext_lazy("Nguồn số liệu"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"class": "input"}),
    )


class UnitFigureForm(forms.Form):
    """A unit's figures and classification from a date (số liệu, phân loại ĐVHC)."""

    effective_from = _date(gettext_lazy("Có hiệu lực từ ngày"))
    area_km2 = forms.DecimalField(
        label=gettext_lazy("Diện tích tự nhiên (km²)"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={"class": "input", "step": "0.01"}),
    )
    population = forms.IntegerField(
        label=gettext_lazy("Quy mô dân số (người)"),
        min_value=0,
        max_value=50_000_000,
        required=False,
        widget=forms.NumberInput(attrs={"class": "input"}),
    )
    mountainous = forms.BooleanField(label=gettext_lazy("Miền núi, vùng cao"), required=False)
    island = forms.BooleanField(label=gettext_lazy("Hải đảo"), required=False)
    border = forms.BooleanField(label=gettext_lazy("Có đường biên giới quốc gia"), required=False)
    red_river_delta = forms.BooleanField(label=gettext_lazy("Thuộc vùng Đồng bằng sông Hồng"), required=False)
    coastal_poor = forms.BooleanField(
        label=gettext_lazy("Xã đặc biệt khó khăn vùng bãi ngang, ven biển"), required=False
    )
    ethnic_minority_pct = forms.DecimalField(
        label=gettext_lazy("Tỷ lệ người dân tộc thiểu số (%)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={"class": "input", "step": "0.01"}),
    )
    administrative_centre = forms.CharField(
        label=gettext_lazy("Trung tâm hành chính"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"class": "input"}),
    )
    exemption_grounds = forms.MultipleChoiceField(
        label=gettext_lazy("Căn cứ không bắt buộc sắp xếp"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=ExemptionGround.choices,
    )
    source = forms.CharField(
        label=gettext_lazy("Nguồn số liệu"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"class": "input"}),
    )
