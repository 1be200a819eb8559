"""Job positions (vị trí việc làm): the national position catalogue, every agency's job-position project
(đề án vị trí việc làm) with its positions, headcount and the people mapped to them, the appraisal
comments and submitted versions, and the campaigns that set the deadline for a set of agencies.

A person's position is the position the approved project in force maps them to: an approved project is
never edited, a new version supersedes it from its own decision date, so the positions of an agency and of
a person can be read as of any date.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core.models import ScopedModel


class PositionGroup(models.TextChoices):
    """Groups of job positions (nhóm vị trí việc làm), Nghị định 62/2020 Điều 4, 106/2020 Điều 5,
    361/2025 and 232/2026 Điều 3."""

    LEADERSHIP = "leadership", _("Lãnh đạo, quản lý")
    PROFESSIONAL = "professional", _("Chuyên môn, nghiệp vụ chuyên ngành")
    SHARED = "shared", _("Chuyên môn dùng chung")
    SUPPORT = "support", _("Hỗ trợ, phục vụ")


class StaffKind(models.TextChoices):
    """Whose positions: civil servants (công chức) or public employees (viên chức)."""

    CIVIL_SERVANT = "civil_servant", _("Công chức")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức")


class LeadershipRole(models.TextChoices):
    """Where a leadership position sits in the organisation's structure (cơ cấu tổ chức)."""

    NONE = "", _("Không phải vị trí lãnh đạo")
    HEAD = "head", _("Người đứng đầu cơ quan, đơn vị")
    DEPUTY = "deputy", _("Cấp phó của người đứng đầu")
    DIVISION_HEAD = "division_head", _("Trưởng phòng hoặc tương đương")
    DIVISION_DEPUTY = "division_deputy", _("Phó trưởng phòng hoặc tương đương")


class ProjectStatus(models.TextChoices):
    """Where a job-position project stands (dự thảo → đã gửi → đang thẩm định → phê duyệt / trả lại)."""

    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã gửi thẩm định")
    UNDER_APPRAISAL = "under_appraisal", _("Đang thẩm định")
    RETURNED = "returned", _("Trả lại để hoàn thiện")
    APPROVED = "approved", _("Đã phê duyệt")
    SUPERSEDED = "superseded", _("Đã được thay thế")


EDITABLE_STATUSES = (ProjectStatus.DRAFT, ProjectStatus.RETURNED)


class CatalogPosition(ScopedModel):
    """A position of the national catalogue (danh mục vị trí việc làm): its group, for whom, its job
    description (bản mô tả công việc: tasks, products, working conditions), its competency framework
    (khung năng lực: competencies and levels), the minimum rank or professional title (ngạch, chức danh
    nghề nghiệp tối thiểu) and qualification. National data: the Ministry edits it, with history."""

    scope_path = None

    code = models.CharField(_("mã vị trí"), max_length=32, unique=True)
    name = models.CharField(_("tên vị trí việc làm"), max_length=255)
    group = models.CharField(_("nhóm"), max_length=16, choices=PositionGroup.choices)
    staff_kind = models.CharField(_("đối tượng"), max_length=16, choices=StaffKind.choices)
    level = models.CharField(
        _("cấp áp dụng"),
        max_length=8,
        blank=True,
        help_text=_("trung ương, cấp tỉnh hoặc cấp xã; để trống: mọi cấp"),
    )
    leadership_role = models.CharField(
        _("vị trí trong cơ cấu"), max_length=16, choices=LeadershipRole.choices, blank=True, default=""
    )
    tasks = models.TextField(_("nhiệm vụ"), blank=True)
    products = models.TextField(_("sản phẩm đầu ra"), blank=True)
    conditions = models.TextField(_("điều kiện làm việc"), blank=True)
    competencies = models.JSONField(
        _("khung năng lực"), default=list, blank=True, help_text=_("danh sách năng lực và cấp độ yêu cầu")
    )
    min_rank_code = models.CharField(_("ngạch, chức danh tối thiểu (mã)"), max_length=16, blank=True)
    min_qualification = models.CharField(_("trình độ chuyên môn tối thiểu"), max_length=32, blank=True)
    required = models.BooleanField(
        _("bắt buộc có trong đề án"),
        default=False,
        help_text=_("mọi đề án của cấp và đối tượng này phải có vị trí này"),
    )
    active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("vị trí trong danh mục")
        verbose_name_plural = _("danh mục vị trí việc làm")
        ordering = ["staff_kind", "group", "code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class Campaign(ScopedModel):
    """A campaign (đợt xây dựng, phê duyệt đề án vị trí việc làm) opened by the Ministry or a Department for
    the agencies below it: every project of the agencies named must be approved by ``deadline``."""

    scope_path = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan mở đợt"),
    )
    title = models.CharField(_("tên đợt"), max_length=255)
    staff_kind = models.CharField(_("đối tượng"), max_length=16, choices=StaffKind.choices)
    opened_on = models.DateField(_("ngày mở"))
    deadline = models.DateField(_("hạn phê duyệt"))
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    agencies = models.ManyToManyField(
        "organizations.Organization", related_name="+", verbose_name=_("cơ quan, đơn vị thực hiện")
    )
    last_reminded_on = models.DateField(_("ngày nhắc gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("đợt phê duyệt đề án")
        verbose_name_plural = _("đợt phê duyệt đề án")
        ordering = ["-deadline", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.deadline:%d/%m/%Y})"

    def clean(self) -> None:
        if self.deadline and self.opened_on and self.deadline < self.opened_on:
            raise ValidationError({"deadline": _("Hạn phê duyệt phải sau hoặc bằng ngày mở đợt.")})


class PositionProject(ScopedModel):
    """An agency's job-position project (đề án vị trí việc làm) for its civil servants or public employees,
    in one version. Drafted and corrected by the agency, appraised by the Home Affairs department, approved
    by the competent authority with a decision that makes its headcount plan effective from the decision's
    date; an approved version is never edited, a new version supersedes it."""

    scope_path = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="position_projects",
        verbose_name=_("cơ quan, đơn vị"),
    )
    staff_kind = models.CharField(_("đối tượng"), max_length=16, choices=StaffKind.choices)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thay thế phiên bản"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("đợt"),
    )
    title = models.CharField(_("tên đề án"), max_length=255)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.DRAFT
    )
    round = models.PositiveSmallIntegerField(_("lần gửi"), default=0)
    submitted_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    effective_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    effective_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("đề án vị trí việc làm")
        verbose_name_plural = _("đề án vị trí việc làm")
        ordering = ["organization__path", "staff_kind", "-version"]
        indexes = [models.Index(fields=["status", "effective_from"], name="project_status_from")]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "staff_kind", "version"], name="project_one_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def decision_label(self) -> str:
        if not self.decision_number:
            return ""
        day = f" ngày {self.decision_date:%d/%m/%Y}" if self.decision_date else ""
        return f"{self.decision_number}{day}"

    def in_force_on(self, day: dt.date) -> bool:
        return (
            self.effective_from is not None
            and self.effective_from <= day
            and (self.effective_to is None or day <= self.effective_to)
        )


class ProjectPosition(ScopedModel):
    """A position of a project (vị trí trong đề án): the catalogue position, its headcount and the rank
    the agency plans for it (ngạch, chức danh nghề nghiệp bố trí)."""

    scope_path = "project__organization__path"

    project = models.ForeignKey(PositionProject, on_delete=models.CASCADE, related_name="positions")
    catalog = models.ForeignKey(
        CatalogPosition, on_delete=models.PROTECT, related_name="+", verbose_name=_("vị trí")
    )
    headcount = models.PositiveIntegerField(_("số lượng người làm việc"))
    rank_code = models.CharField(_("ngạch bố trí (mã)"), max_length=16, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("vị trí trong đề án")
        verbose_name_plural = _("vị trí trong đề án")
        ordering = ["project", "catalog__group", "catalog__code"]
        constraints = [
            models.UniqueConstraint(fields=["project", "catalog"], name="project_position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.catalog.name}: {self.headcount}"


class PositionHolder(ScopedModel):
    """A current person mapped to a position of a project (người hiện có bố trí vào vị trí): their main
    position, or one they hold concurrently (kiêm nhiệm)."""

    scope_path = "project__organization__path"

    project = models.ForeignKey(PositionProject, on_delete=models.CASCADE, related_name="holders")
    position = models.ForeignKey(ProjectPosition, on_delete=models.CASCADE, related_name="holders")
    person = models.ForeignKey("personnel.Person", on_delete=models.PROTECT, related_name="+")
    is_main = models.BooleanField(_("vị trí chính"), default=True)

    class Meta:
        verbose_name = _("người bố trí vào vị trí")
        verbose_name_plural = _("người bố trí vào vị trí")
        constraints = [
            models.UniqueConstraint(fields=["position", "person"], name="holder_once_per_position"),
        ]
        indexes = [models.Index(fields=["person", "project"], name="holder_person_project")]


class ProjectComment(ScopedModel):
    """An appraiser's comment on a position or on the whole project (ý kiến thẩm định), in a round."""

    scope_path = "project__organization__path"

    project = models.ForeignKey(PositionProject, on_delete=models.CASCADE, related_name="comments")
    position = models.ForeignKey(
        ProjectPosition, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    position_code = models.CharField(max_length=32, blank=True, editable=False)
    round = models.PositiveSmallIntegerField(_("lần gửi"))
    text = models.TextField(_("ý kiến"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến thẩm định")
        verbose_name_plural = _("ý kiến thẩm định")
        ordering = ["project", "created_at", "pk"]


class ProjectSubmission(ScopedModel):
    """What a project held when it was sent for appraisal (lần gửi thẩm định), so that a resubmission
    shows what changed since the previous one."""

    scope_path = "project__organization__path"

    project = models.ForeignKey(PositionProject, on_delete=models.CASCADE, related_name="submissions")
    round = models.PositiveSmallIntegerField(_("lần gửi"))
    submitted_on = models.DateField(_("ngày gửi"))
    positions = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("lần gửi thẩm định")
        ordering = ["project", "round"]
        constraints = [models.UniqueConstraint(fields=["project", "round"], name="submission_once")]
