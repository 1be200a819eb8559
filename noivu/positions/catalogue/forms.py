"""The forms of the catalogue pages: a position's fields as a person types them, and the workbook upload.
They only parse; what a position may hold is checked by
:func:`noivu.positions.catalogue.rules.checked_position`, the same for the API and the import."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.personnel.codelists import education_levels
from noivu.positions.catalogue.rules import LEVELS, competencies_text
from noivu.positions.models import CatalogPosition, LeadershipRole, PositionGroup, StaffKind


def _text(label: Any, required: bool = True, max_length: int = 255) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs={"class": "input"}),
    )


def _area(label: Any, rows: int = 4, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=10_000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"class": "textarea", "rows": rows}),
    )


class CatalogPositionForm(forms.Form):
    code = _text(_("Mã vị trí"), max_length=32)
    name = _text(_("Tên vị trí việc làm"))
    group = forms.ChoiceField(label=_("Nhóm"), choices=PositionGroup.choices)
    staff_kind = forms.ChoiceField(label=_("Đối tượng"), choices=StaffKind.choices)
    level = forms.ChoiceField(label=_("Cấp áp dụng"), choices=LEVELS, required=False)
    leadership_role = forms.ChoiceField(
        label=_("Vị trí trong cơ cấu"), choices=LeadershipRole.choices, required=False
    )
    tasks = _area(_("Nhiệm vụ"))
    products = _area(_("Sản phẩm đầu ra"), 3)
    conditions = _area(_("Điều kiện làm việc"), 2)
    competencies = _area(
        _("Khung năng lực"), 4, _("Mỗi dòng một năng lực: «tên năng lực: cấp độ», cấp độ từ 1 đến 5.")
    )
    min_rank_code = _text(_("Ngạch, chức danh tối thiểu (mã, ví dụ 01.003 hoặc V.07.03.28)"), False, 16)
    min_qualification = forms.ChoiceField(
        label=_("Trình độ chuyên môn tối thiểu"), required=False, choices=()
    )
    required = forms.BooleanField(
        label=_("Bắt buộc có trong mọi đề án của cấp và đối tượng này"), required=False
    )
    active = forms.BooleanField(label=_("Đang sử dụng"), required=False, initial=True)
    reason = _text(_("Lý do thay đổi"), required=False, max_length=500)

    def __init__(self, *args: Any, position: CatalogPosition | None = None, **kwargs: Any) -> None:
        if position is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{name: getattr(position, name) for name in self.base_fields if hasattr(position, name)},
                "competencies": competencies_text(position.competencies),
            }
        super().__init__(*args, **kwargs)
        self.fields["min_qualification"].choices = [  # type: ignore[attr-defined]
            ("", _("Không yêu cầu")),
            *education_levels("professional").choices,
        ]
        if position is not None:
            self.fields["code"].disabled = True


class CatalogueUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Tệp Excel (.xlsx) của danh mục"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "input"}),
    )
    reason = _text(_("Lý do cập nhật"), required=False, max_length=500)
