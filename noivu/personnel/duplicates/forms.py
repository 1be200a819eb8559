"""Forms of the duplicates page: the matching rule and the merge."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet, keep_all
from noivu.core.widgets import tree_field
from noivu.organizations.filters import within_unit
from noivu.personnel.duplicates.detection import Rule

RULE_CHOICES = [
    (Rule.CCCD, _("Trùng số CCCD (kể cả số bị mất số 0 ở đầu)")),
    (Rule.NAME_BIRTH_DATE, _("Trùng họ tên và ngày sinh")),
]


class DuplicateFilters(FilterSet):
    """The matching rule of the duplicates page and the unit subtree it looks in."""

    rule = Filter(forms.ChoiceField(label=_("Tiêu chí"), choices=RULE_CHOICES, required=False), keep_all)
    organization = Filter(tree_field(_("Đơn vị")), within_unit("organization__path"))

    @property
    def rule_value(self) -> str:
        return self.value("rule") or Rule.CCCD


class IdListField(forms.Field):
    """Several record ids posted under one name (the records to merge)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        try:
            return [int(item) for item in value or []]
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(_("Mã hồ sơ không hợp lệ.")) from error


class MergeForm(forms.Form):
    """Merge one or more duplicate records into the one kept (gộp hồ sơ trùng lặp)."""

    keep = forms.IntegerField(label=_("Hồ sơ được giữ"), min_value=1)
    remove = IdListField(
        label=_("Hồ sơ gộp vào hồ sơ được giữ"),
        error_messages={"required": _("Hãy chọn ít nhất một hồ sơ để gộp vào hồ sơ được giữ.")},
    )
    reason = forms.CharField(label=_("Lý do gộp"), max_length=2000)
    rule = forms.ChoiceField(choices=RULE_CHOICES, required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        remove = data.get("remove") or []
        if data.get("keep") in remove:
            self.add_error("remove", _("Hồ sơ được giữ không thể đồng thời là hồ sơ bị gộp."))
        return data
