"""Recruitment (tuyển dụng) and talent attraction (thu hút nhân tài).

A :class:`RecruitmentPlan` (kế hoạch tuyển dụng) of an agency lists the vacancies it fills
(:class:`PlanPosition`, taken from the job-position gap analysis), by a method (thi tuyển, xét tuyển,
tiếp nhận), with its timetable and the approving decision. A :class:`Candidate` (thí sinh) applies for one
position of a plan (and, where the rule allows, a second one: nguyện vọng 2), is checked against its
requirements, may claim a priority ground and exemptions, sits in a :class:`Room` with a candidate number,
and gets :class:`Score` rows (double entry or import) that an :class:`Appeal` (phúc khảo) may change. The
recruitment decision creates the person's record through the personnel app and opens a :class:`Probation`
(tập sự). A :class:`TalentGrant` records the special talent-attraction track a person came through and the
incentives granted.
"""

import uuid
from pathlib import PurePath
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core.models import ScopedModel


class StaffKind(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", _("Công chức")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức")


class Method(models.TextChoices):
    EXAM = "exam", _("Thi tuyển")
    SELECTION = "selection", _("Xét tuyển")
    ADMISSION = "admission", _("Tiếp nhận")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã phê duyệt")
    RECOGNISED = "recognised", _("Đã công nhận kết quả")
    DECIDED = "decided", _("Đã quyết định tuyển dụng")


class ExamForm(models.TextChoices):
    SINGLE = "single", _("Một bài thi (viết, vấn đáp hoặc thực hành)")
    WRITTEN_INTERVIEW = "written_interview", _("Viết và phỏng vấn")


class CandidateStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã nộp hồ sơ")
    ELIGIBLE = "eligible", _("Đủ điều kiện dự tuyển")
    INELIGIBLE = "ineligible", _("Không đủ điều kiện")
    PASSED = "passed", _("Trúng tuyển")
    FAILED = "failed", _("Không trúng tuyển")
    RECRUITED = "recruited", _("Đã có quyết định tuyển dụng")


class Source(models.TextChoices):
    OFFICE = "office", _("Cán bộ nhập")
    PUBLIC = "public", _("Tự nộp trên trang công khai")
    IMPORT = "import", _("Nhập từ tệp")


class ScorePart(models.TextChoices):
    GENERAL = "general", _("Vòng 1: kiến thức chung")
    PROFESSIONAL = "professional", _("Vòng 2: nghiệp vụ chuyên ngành")
    WRITTEN = "written", _("Vòng 2: bài viết")
    INTERVIEW = "interview", _("Vòng 2: phỏng vấn")


class Exemption(models.TextChoices):
    GENERAL = "general", _("Miễn vòng 1 (đã qua kiểm định chất lượng đầu vào)")
    FOREIGN_LANGUAGE = "foreign_language", _("Miễn thi ngoại ngữ")


# The papers of an application (hồ sơ dự tuyển) a candidate may hand in; the form is required.
DOCUMENTS = {
    "application_form": _("Phiếu đăng ký dự tuyển"),
    "degree": _("Bản sao văn bằng, bảng điểm"),
    "certificate": _("Bản sao chứng chỉ"),
    "priority_proof": _("Giấy tờ chứng nhận đối tượng ưu tiên"),
}
REQUIRED_DOCUMENTS = ("application_form",)


class RecruitmentPlan(ScopedModel):
    """Kế hoạch tuyển dụng of an agency."""

    scope_path: ClassVar[str | None] = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="recruitment_plans",
        verbose_name=_("cơ quan tuyển dụng"),
    )
    title = models.CharField(_("tên kế hoạch"), max_length=255)
    staff_kind = models.CharField(_("đối tượng"), max_length=16, choices=StaffKind.choices)
    method = models.CharField(_("hình thức tuyển dụng"), max_length=16, choices=Method.choices)
    status = models.CharField(_("trạng thái"), max_length=16, choices=PlanStatus.choices, default="draft")
    applications_open = models.DateField(_("ngày bắt đầu nhận hồ sơ"))
    applications_close = models.DateField(_("hạn nộp hồ sơ"))
    exam_date = models.DateField(_("ngày thi"))
    requirements = models.TextField(_("điều kiện, tiêu chuẩn chung"), blank=True)
    approval_number = models.CharField(_("số quyết định phê duyệt"), max_length=64, blank=True)
    approval_date = models.DateField(_("ngày phê duyệt"), null=True, blank=True)
    result_number = models.CharField(_("số quyết định công nhận kết quả"), max_length=64, blank=True)
    result_date = models.DateField(_("ngày công nhận kết quả"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định tuyển dụng"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định tuyển dụng"), null=True, blank=True)
    start_date = models.DateField(_("ngày nhận việc"), null=True, blank=True)

    class Meta:
        verbose_name = _("kế hoạch tuyển dụng")
        verbose_name_plural = _("kế hoạch tuyển dụng")
        ordering = ["-exam_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(applications_close__gte=models.F("applications_open")),
                name="recruitment_plan_window_in_order",
                violation_error_message=_("Hạn nộp hồ sơ phải sau ngày bắt đầu nhận hồ sơ."),
            ),
            models.CheckConstraint(
                condition=models.Q(exam_date__gte=models.F("applications_close")),
                name="recruitment_plan_exam_after_window",
                violation_error_message=_("Ngày thi phải sau hạn nộp hồ sơ."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PlanPosition(ScopedModel):
    """A vacancy a plan fills (vị trí cần tuyển): the job position, its quota and requirements."""

    scope_path: ClassVar[str | None] = "plan__organization__path"

    plan = models.ForeignKey(RecruitmentPlan, on_delete=models.CASCADE, related_name="positions")
    code = models.CharField(_("mã vị trí việc làm"), max_length=32)
    name = models.CharField(_("vị trí việc làm"), max_length=255)
    quota = models.PositiveIntegerField(_("chỉ tiêu"))
    # A code of the personnel app's professional education levels (trình độ chuyên môn).
    min_qualification = models.CharField(_("trình độ tối thiểu"), max_length=32, default="university")
    # The rank (ngạch) or professional title of the position, from the job-position catalogue: the recruitment
    # decision places a civil servant in it from 1/7/2025 (rule table ``recruitment_rank``).
    rank_code = models.CharField(_("mã ngạch tương ứng với vị trí"), max_length=16, blank=True)
    field_of_study = models.CharField(_("chuyên ngành"), max_length=255, blank=True)
    exam_form = models.CharField(
        _("hình thức thi vòng 2"), max_length=20, choices=ExamForm.choices, default="single"
    )
    round1 = models.BooleanField(_("có vòng 1 (kiến thức chung)"), default=True)

    class Meta:
        verbose_name = _("vị trí cần tuyển")
        verbose_name_plural = _("vị trí cần tuyển")
        ordering = ["plan", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="recruitment_position_once_per_plan",
                violation_error_message=_("Vị trí này đã có trong kế hoạch."),
            ),
            models.CheckConstraint(
                condition=models.Q(quota__gte=1),
                name="recruitment_position_quota_positive",
                violation_error_message=_("Chỉ tiêu phải từ 1 trở lên."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Room(ScopedModel):
    """An exam room (phòng thi) of a plan."""

    scope_path: ClassVar[str | None] = "plan__organization__path"

    plan = models.ForeignKey(RecruitmentPlan, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("phòng thi"), max_length=64)
    capacity = models.PositiveIntegerField(_("số chỗ"))

    class Meta:
        verbose_name = _("phòng thi")
        verbose_name_plural = _("phòng thi")
        ordering = ["plan", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "name"],
                name="recruitment_room_name_once",
                violation_error_message=_("Kế hoạch đã có phòng thi tên này."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Candidate(ScopedModel):
    """A candidate (thí sinh) for one position of a plan."""

    scope_path: ClassVar[str | None] = "plan__organization__path"

    plan = models.ForeignKey(RecruitmentPlan, on_delete=models.CASCADE, related_name="candidates")
    position = models.ForeignKey(PlanPosition, on_delete=models.CASCADE, related_name="candidates")
    # Nguyện vọng 2: a position of the same plan with the same requirements and exam, where the candidate
    # is considered when not winning the first and seats remain after every first preference.
    second_position = models.ForeignKey(
        PlanPosition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="second_choice_candidates",
        verbose_name=_("vị trí nguyện vọng 2"),
    )
    won_second = models.BooleanField(_("trúng tuyển ở nguyện vọng 2"), default=False)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    birth_date = models.DateField(_("ngày sinh"))
    gender = models.CharField(_("giới tính"), max_length=1, choices=[("M", _("Nam")), ("F", _("Nữ"))])
    cccd_number = models.CharField(_("số CCCD"), max_length=12)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    qualification = models.CharField(_("trình độ chuyên môn"), max_length=32)
    field_of_study = models.CharField(_("chuyên ngành"), max_length=255, blank=True)
    documents = models.JSONField(_("giấy tờ đã nộp"), default=list, blank=True)
    priority_grounds = models.JSONField(_("đối tượng ưu tiên"), default=list, blank=True)
    exemptions = models.JSONField(_("miễn thi"), default=list, blank=True)
    talent_track = models.CharField(_("diện thu hút tài năng"), max_length=32, blank=True)
    # Tiếp nhận: the group of the rule table ``recruitment_admission``, the months of relevant work and the
    # conditions confirmed from the papers.
    admission_group = models.CharField(_("đối tượng tiếp nhận"), max_length=32, blank=True)
    work_months = models.PositiveSmallIntegerField(_("số tháng công tác phù hợp"), null=True, blank=True)
    admission_conditions = models.JSONField(_("điều kiện tiếp nhận đã đáp ứng"), default=list, blank=True)
    source = models.CharField(_("nguồn hồ sơ"), max_length=8, choices=Source.choices, default="office")
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=CandidateStatus.choices, default="registered"
    )
    ineligibility = models.JSONField(_("lý do không đủ điều kiện"), default=list, blank=True)
    room = models.ForeignKey(
        Room,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidates",
        verbose_name=_("phòng thi"),
    )
    number = models.CharField(_("số báo danh"), max_length=16, blank=True)
    total = models.DecimalField(_("tổng điểm"), max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("thứ hạng"), null=True, blank=True)
    person = models.ForeignKey(
        "personnel.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("thí sinh")
        verbose_name_plural = _("thí sinh")
        ordering = ["plan", "number", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "cccd_number"],
                name="recruitment_candidate_once_per_plan",
                violation_error_message=_("Người có số CCCD này đã nộp hồ sơ vào kế hoạch."),
            ),
            models.UniqueConstraint(
                fields=["plan", "number"],
                condition=~models.Q(number=""),
                name="recruitment_candidate_number_unique",
                violation_error_message=_("Số báo danh đã được cấp cho thí sinh khác."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def recruited_position(self) -> PlanPosition:
        """The position won: the second preference's when won there."""
        if self.won_second and self.second_position is not None:
            return self.second_position
        return self.position


def document_path(instance: Any, filename: str) -> str:
    """Where an application's file is kept: under its plan, by a random name (never the sender's)."""
    return (
        f"recruitment/applications/{instance.candidate.plan_id}/{uuid.uuid4().hex}{PurePath(filename).suffix}"
    )


class ApplicationDocument(ScopedModel):
    """A file of an application (giấy tờ của hồ sơ dự tuyển): a diploma, a certificate, the proof of a
    priority ground, checked for type and size before it is kept in the file storage, which no URL serves;
    officers of the plan's scope download it through an audited page."""

    scope_path: ClassVar[str | None] = "candidate__plan__organization__path"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("loại giấy tờ"), max_length=32, choices=list(DOCUMENTS.items()))
    file = models.FileField(_("tệp"), upload_to=document_path, max_length=255)
    name = models.CharField(_("tên tệp"), max_length=200)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    content_type = models.CharField(_("kiểu tệp"), max_length=32)

    class Meta:
        verbose_name = _("tệp hồ sơ dự tuyển")
        verbose_name_plural = _("tệp hồ sơ dự tuyển")
        ordering = ["candidate", "kind", "pk"]

    def __str__(self) -> str:
        return self.name


class Score(ScopedModel):
    """A candidate's score of one part (điểm thi), entered twice by hand or imported; the agreed value
    counts. Changes (an appeal) are kept in its history and audited."""

    scope_path: ClassVar[str | None] = "candidate__plan__organization__path"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    part = models.CharField(_("phần thi"), max_length=16, choices=ScorePart.choices)
    first_entry = models.DecimalField(_("nhập lần 1"), max_digits=5, decimal_places=2, null=True, blank=True)
    second_entry = models.DecimalField(_("nhập lần 2"), max_digits=5, decimal_places=2, null=True, blank=True)
    value = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    absent = models.BooleanField(_("vắng thi"), default=False)
    first_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("điểm thi")
        verbose_name_plural = _("điểm thi")
        ordering = ["candidate", "part"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "part"],
                name="recruitment_score_once_per_part",
                violation_error_message=_("Phần thi này đã có điểm."),
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=0, value__lte=100),
                name="recruitment_score_on_the_scale",
                violation_error_message=_("Điểm phải từ 0 đến 100."),
            ),
        ]


class AppealStatus(models.TextChoices):
    PENDING = "pending", _("Đang phúc khảo")
    DECIDED = "decided", _("Đã có kết quả phúc khảo")


class Appeal(ScopedModel):
    """A request to re-mark a part (đơn phúc khảo) and its result."""

    scope_path: ClassVar[str | None] = "candidate__plan__organization__path"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="appeals")
    part = models.CharField(_("phần thi"), max_length=16, choices=ScorePart.choices)
    requested_on = models.DateField(_("ngày nộp đơn"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=AppealStatus.choices, default="pending")
    old_value = models.DecimalField(_("điểm trước phúc khảo"), max_digits=5, decimal_places=2)
    new_value = models.DecimalField(
        _("điểm sau phúc khảo"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    decided_on = models.DateField(_("ngày có kết quả"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("phúc khảo")
        verbose_name_plural = _("phúc khảo")
        ordering = ["candidate", "requested_on", "pk"]


class Probation(ScopedModel):
    """The probation period (tập sự) of a recruited person."""

    scope_path: ClassVar[str | None] = "person__organization__path"

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="probations")
    candidate = models.ForeignKey(
        Candidate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    starts_on = models.DateField(_("bắt đầu tập sự"))
    ends_on = models.DateField(_("kết thúc tập sự"))
    months = models.PositiveSmallIntegerField(_("số tháng tập sự"))
    outcome = models.CharField(
        _("kết quả"),
        max_length=16,
        blank=True,
        choices=[("passed", _("Đạt yêu cầu")), ("failed", _("Không đạt yêu cầu"))],
    )
    decided_on = models.DateField(_("ngày quyết định kết thúc tập sự"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    rank_code = models.CharField(
        _("mã ngạch, chức danh nghề nghiệp được bổ nhiệm"), max_length=16, blank=True
    )
    consequence = models.CharField(_("hệ quả"), max_length=255, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("tập sự")
        verbose_name_plural = _("tập sự")
        ordering = ["person", "starts_on"]


class TalentGrant(ScopedModel):
    """A person recruited through a talent-attraction track, with the conditions met and the incentives
    granted (diện thu hút, chính sách được hưởng)."""

    scope_path: ClassVar[str | None] = "person__organization__path"

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="talent_grants")
    track = models.CharField(_("diện thu hút"), max_length=32)
    conditions = models.JSONField(_("điều kiện đáp ứng"), default=list)
    incentives = models.JSONField(_("chính sách được hưởng"), default=list)
    granted_on = models.DateField(_("ngày quyết định"))
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("diện thu hút tài năng")
        verbose_name_plural = _("diện thu hút tài năng")
        ordering = ["person", "granted_on"]
