"""Forms of the recruitment pages: they only parse what was typed; every rule is checked by the action."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.core.forms import DateTextInput
from noivu.personnel import codelists
from noivu.recruitment.admission import CONDITIONS
from noivu.recruitment.models import (
    DOCUMENTS,
    ExamForm,
    Exemption,
    Method,
    PlanPosition,
    Room,
    ScorePart,
    StaffKind,
)
from noivu.recruitment.talent import talent_choices


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("class", "textarea")
                field.widget.attrs["rows"] = 3
            elif not isinstance(
                field.widget, forms.Select | forms.CheckboxInput | forms.CheckboxSelectMultiple
            ):
                field.widget.attrs.setdefault("class", "input")


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateTextInput())


class PlanForm(StyledForm):
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=255)
    staff_kind = forms.ChoiceField(label=_("Đối tượng"), choices=StaffKind.choices)
    method = forms.ChoiceField(label=_("Hình thức tuyển dụng"), choices=Method.choices)
    applications_open = _date(_("Ngày bắt đầu nhận hồ sơ"))
    applications_close = _date(_("Hạn nộp hồ sơ"))
    exam_date = _date(_("Ngày thi"))
    requirements = forms.CharField(
        label=_("Điều kiện, tiêu chuẩn chung"), required=False, widget=forms.Textarea, max_length=5000
    )


class ApprovalForm(StyledForm):
    approval_number = forms.CharField(label=_("Số quyết định phê duyệt"), max_length=64)
    approval_date = _date(_("Ngày phê duyệt"))


def _qualifications() -> list[tuple[str, str]]:
    return codelists.education_levels("professional").choices


ADMISSION_FIELDS = ("admission_group", "work_months", "admission_conditions")


class CandidateForm(StyledForm):
    position = forms.ModelChoiceField(label=_("Vị trí dự tuyển"), queryset=PlanPosition.objects.none())
    second_position = forms.ModelChoiceField(
        label=_("Vị trí nguyện vọng 2"),
        queryset=PlanPosition.objects.none(),
        required=False,
        help_text=_(
            "Chỉ khi quy định cho phép (viên chức, thi tuyển): vị trí khác cùng tiêu chuẩn và hình thức thi."
        ),
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    birth_date = _date(_("Ngày sinh"))
    gender = forms.ChoiceField(label=_("Giới tính"), choices=[("M", _("Nam")), ("F", _("Nữ"))])
    cccd_number = forms.CharField(label=_("Số CCCD"), max_length=20)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), required=False, max_length=20)
    qualification = forms.ChoiceField(label=_("Trình độ chuyên môn"), choices=())
    field_of_study = forms.CharField(label=_("Chuyên ngành"), required=False, max_length=255)
    documents = forms.MultipleChoiceField(
        label=_("Giấy tờ đã nộp"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    priority_grounds = forms.MultipleChoiceField(
        label=_("Đối tượng ưu tiên"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    exemptions = forms.MultipleChoiceField(
        label=_("Miễn thi"), required=False, widget=forms.CheckboxSelectMultiple, choices=Exemption.choices
    )
    admission_group = forms.ChoiceField(label=_("Đối tượng tiếp nhận"), required=False, choices=())
    work_months = forms.IntegerField(
        label=_("Số tháng công tác phù hợp"),
        required=False,
        min_value=0,
        max_value=600,
        help_text=_("Có đóng bảo hiểm xã hội bắt buộc; cộng dồn khi chưa nhận trợ cấp một lần."),
    )
    admission_conditions = forms.MultipleChoiceField(
        label=_("Điều kiện tiếp nhận đã đáp ứng"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(CONDITIONS.items()),
    )

    def __init__(
        self,
        *args: Any,
        positions: Any,
        grounds: dict[str, str],
        admission: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        """``admission``: the groups of a plan receiving without an exam (tiếp nhận), by code; without them
        the form has no admission fields."""
        super().__init__(*args, **kwargs)
        if admission is None:
            for name in ADMISSION_FIELDS:
                del self.fields[name]
        else:
            self.fields["admission_group"].choices = [("", "—"), *admission.items()]  # type: ignore[attr-defined]
        self.fields["position"].queryset = positions  # type: ignore[attr-defined]
        self.fields["second_position"].queryset = positions  # type: ignore[attr-defined]
        self.fields["qualification"].choices = _qualifications()  # type: ignore[attr-defined]
        self.fields["qualification"].initial = "university"
        self.fields["documents"].choices = [(k, v) for k, v in DOCUMENTS.items()]  # type: ignore[attr-defined]
        self.fields["priority_grounds"].choices = list(grounds.items())  # type: ignore[attr-defined]


ACCEPTED_FILES = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def _file_field(label: Any) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        help_text=_("PDF, JPEG hoặc PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )


class PublicApplicationForm(CandidateForm):
    """The public form: the office's fields, a file for each paper of the application, an empty trap field
    a person never sees and the signed time the form was shown."""

    website = forms.CharField(required=False, label=_("Để trống ô này"))
    shown = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in DOCUMENTS.items():
            self.fields[f"file_{kind}"] = _file_field(_("Tệp: %(kind)s") % {"kind": label})

    def file_fields(self) -> list[str]:
        return [name for name in self.fields if name.startswith("file_")]


class DocumentForm(StyledForm):
    kind = forms.ChoiceField(label=_("Loại giấy tờ"), choices=list(DOCUMENTS.items()))
    file = forms.FileField(
        label=_("Tệp"),
        help_text=_("PDF, JPEG hoặc PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )


class RoomForm(StyledForm):
    name = forms.CharField(label=_("Tên phòng thi"), max_length=64)
    capacity = forms.IntegerField(label=_("Số chỗ"), min_value=1, max_value=10000)


class PlaceForm(StyledForm):
    room = forms.ModelChoiceField(label=_("Phòng thi"), queryset=Room.objects.none())

    def __init__(self, *args: Any, rooms: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms  # type: ignore[attr-defined]


class ScoreForm(StyledForm):
    part = forms.ChoiceField(label=_("Phần thi"), choices=ScorePart.choices)
    entry = forms.TypedChoiceField(
        label=_("Lần nhập"), coerce=int, choices=[(1, _("Lần 1")), (2, _("Lần 2 (đối chiếu)"))]
    )
    value = forms.CharField(label=_("Điểm (thang 100)"), required=False, max_length=10)
    absent = forms.BooleanField(label=_("Vắng thi"), required=False)


class ImportForm(StyledForm):
    rows = forms.CharField(
        label=_("Bảng điểm"),
        widget=forms.Textarea,
        max_length=2_000_000,
        help_text=_("Mỗi dòng: số báo danh, phần thi (general, professional, written, interview), điểm."),
    )


class ScoreUploadForm(StyledForm):
    workbook = forms.FileField(
        label=_("Tệp bảng điểm (.xlsx)"),
        help_text=_("Tệp mẫu của kỳ thi đã điền điểm, hoặc tệp báo lỗi đã sửa."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class CandidateUploadForm(StyledForm):
    workbook = forms.FileField(
        label=_("Tệp hồ sơ dự tuyển (.xlsx)"),
        help_text=_("Tệp mẫu của kế hoạch đã điền, hoặc tệp báo lỗi đã sửa."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class AppealForm(StyledForm):
    part = forms.ChoiceField(label=_("Phần thi phúc khảo"), choices=ScorePart.choices)
    requested_on = _date(_("Ngày nộp đơn"), required=False)


class AppealResultForm(StyledForm):
    new_value = forms.CharField(label=_("Điểm sau phúc khảo"), max_length=10)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class RecognitionForm(StyledForm):
    result_number = forms.CharField(label=_("Số quyết định công nhận kết quả"), max_length=64)
    result_date = _date(_("Ngày quyết định"))
    tie_winners = forms.MultipleChoiceField(
        label=_("Người đứng đầu chọn trong số thí sinh bằng điểm"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=(),
    )

    def __init__(self, *args: Any, ties: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tie_winners"].choices = [(str(pk), name) for pk, name in ties]  # type: ignore[attr-defined]
        if not ties:
            del self.fields["tie_winners"]


class DecisionForm(StyledForm):
    decision_number = forms.CharField(label=_("Số quyết định tuyển dụng"), max_length=64)
    decision_date = _date(_("Ngày quyết định"))
    start_date = _date(_("Ngày nhận việc"))


class ProbationEndForm(StyledForm):
    outcome = forms.ChoiceField(
        label=_("Kết quả tập sự"), choices=[("passed", _("Đạt yêu cầu")), ("failed", _("Không đạt yêu cầu"))]
    )
    decided_on = _date(_("Ngày quyết định"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64)
    rank_code = forms.CharField(
        label=_("Mã ngạch, chức danh nghề nghiệp được bổ nhiệm"),
        required=False,
        max_length=16,
        help_text=_("Khi đạt yêu cầu, ví dụ 01.003 hoặc V.07.03.28."),
    )
    rank_name = forms.CharField(
        label=_("Tên ngạch, chức danh nghề nghiệp"),
        required=False,
        max_length=200,
        help_text=_("Khi mã chưa có trong danh mục ngạch, ví dụ «Giáo viên tiểu học hạng II»."),
    )


EXAM_FORMS = ExamForm.choices


class TalentGrantForm(StyledForm):
    track = forms.ChoiceField(label=_("Diện thu hút"))
    granted_on = _date(_("Ngày quyết định"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64)
    conditions = forms.MultipleChoiceField(
        label=_("Điều kiện đáp ứng"), widget=forms.CheckboxSelectMultiple, required=False
    )
    incentives = forms.MultipleChoiceField(
        label=_("Chính sách được hưởng"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tracks, conditions, incentives = talent_choices()
        track_field = self.fields["track"]
        assert isinstance(track_field, forms.ChoiceField)
        track_field.choices = tracks
        for name, choices in (("conditions", conditions), ("incentives", incentives)):
            field = self.fields[name]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = choices
