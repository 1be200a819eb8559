"""Forms of the evaluation pages: they only parse what was typed; every rule is checked by the action."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.core.forms import DateTextInput
from noivu.evaluation.models import Level, PeriodKind


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("class", "textarea")
                field.widget.attrs["rows"] = 3
            elif not isinstance(field.widget, forms.Select | forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "input")


def _level(label: Any, required: bool = True) -> forms.ChoiceField:
    choices = Level.choices if required else [("", _("Theo điểm hoặc đề xuất trước")), *Level.choices]
    return forms.ChoiceField(label=label, choices=choices, required=required)


class SelfAssessmentForm(StyledForm):
    year = forms.IntegerField(label=_("Năm"), min_value=1900, max_value=2100)
    period_kind = forms.ChoiceField(label=_("Kỳ đánh giá"), choices=PeriodKind.choices)
    period_number = forms.IntegerField(
        label=_("Quý hoặc tháng"), min_value=0, max_value=12, initial=0, help_text=_("0 cho cả năm")
    )
    rating = _level(_("Tự xếp loại"))
    score = forms.DecimalField(
        label=_("Tự chấm điểm (thang 100)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        help_text=_("Chỉ với kỳ đánh giá theo thang điểm 100"),
    )
    comment = forms.CharField(label=_("Tự nhận xét"), required=False, widget=forms.Textarea, max_length=5000)
    task_group = forms.CharField(label=_("Nhóm có nhiệm vụ tương đồng"), required=False, max_length=100)
    is_manager = forms.BooleanField(label=_("Giữ chức vụ lãnh đạo, quản lý"), required=False)


class AssessmentForm(StyledForm):
    rating = _level(_("Người quản lý đề xuất xếp loại"), required=False)
    general_points = forms.DecimalField(
        label=_("Điểm tiêu chí chung (0–30)"),
        required=False,
        max_digits=4,
        decimal_places=2,
        help_text=_("Chỉ với kỳ đánh giá theo thang điểm 100: điểm nhiệm vụ tính từ kết quả giao việc"),
    )
    comment = forms.CharField(label=_("Nhận xét"), required=False, widget=forms.Textarea, max_length=5000)
    overriding_reason = forms.CharField(
        label=_("Căn cứ xếp không hoàn thành nhiệm vụ bất kể điểm"), required=False, max_length=500
    )


class DecisionForm(StyledForm):
    rating = _level(_("Quyết định xếp loại"), required=False)
    decided_on = forms.DateField(label=_("Ngày quyết định"), required=False, widget=DateTextInput())
    decision_number = forms.CharField(label=_("Số quyết định"), required=False, max_length=64)


class TaskForm(StyledForm):
    """A task given by a unit to itself, a unit below it or a person of its sub-tree: ``receiver`` is
    ``o<unit id>`` or ``p<person id>``, the choices built by the page from the reader's scope."""

    title = forms.CharField(label=_("Nhiệm vụ"), max_length=300)
    receiver = forms.ChoiceField(label=_("Giao cho"))
    target_quantity = forms.IntegerField(label=_("Số lượng giao"), min_value=1, max_value=1_000_000)
    measure = forms.CharField(label=_("Đơn vị tính"), max_length=60, initial="sản phẩm")
    quality_requirement = forms.CharField(label=_("Yêu cầu chất lượng"), required=False, max_length=300)
    deadline = forms.DateField(label=_("Hạn hoàn thành"), widget=DateTextInput())


class ProgressForm(StyledForm):
    quantity = forms.IntegerField(label=_("Số lượng hoàn thành"), min_value=1, max_value=1_000_000)
    quality_quantity = forms.IntegerField(label=_("Trong đó đạt chất lượng"), min_value=0, required=False)
    reported_on = forms.DateField(label=_("Ngày báo cáo"), required=False, widget=DateTextInput())
