"""Forms of the duplicates page: the matching rule and the merge."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.personnel.duplicates.detection import Rule

RULE_CHOICES = [
    (Rule.CCCD, _("Trùng số CCCD (kể cả số bị mất số 0 ở đầu)")),
    (Rule.NAME_BIRTH_DATE, _("Trùng họ tên và ngày sinh")),
]


class DuplicateRuleForm(forms.Form):
    rule = forms.ChoiceField(label=_("Tiêu chí"), choices=RULE_CHOICES, required=False)

    @property
    def rule_value(self) -> str:
        return (self.cleaned_data.get("rule") if self.is_valid() else None) or Rule.CCCD


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
