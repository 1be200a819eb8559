"""Succession (quy hoạch, đào tạo bồi dưỡng, kèm cặp): the planning pools of leadership positions with their
candidates, the training courses offered and the enrolments in them, the training courses on a person's
record (moved here from the personnel dossier with their rows and history), the mentoring pairs and the
handovers of a person leaving a post.

A :class:`PlanningPool` is the list of cadres planned (quy hoạch) for one leadership position of a unit for
one term (nhiệm kỳ); a :class:`PoolCandidate` is one person's place in it, from the day added to the day
removed at a yearly review (rà soát, bổ sung quy hoạch). A :class:`Course` is a course a unit organises or
sends people to; an :class:`Enrolment` is one person in it, and its completion writes the
:class:`TrainingCourse` on the person's record with its periods (tiết học), which count towards the yearly
requirement.
"""

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from noivu.core.models import ScopedModel
from noivu.personnel.dossier.models import DossierFact


class Programme(models.TextChoices):
    """Kinds of training programme (chương trình đào tạo, bồi dưỡng), Nghị định 171/2025 Điều 16; the
    programmes a pool asks of its candidates are named in the rule table ``pool_training``."""

    JOB = "job", _("Bồi dưỡng theo vị trí việc làm")
    STATE_MANAGEMENT = "state_management", _("Quản lý nhà nước (chuyên viên)")
    STATE_MANAGEMENT_PRINCIPAL = "state_management_principal", _("Quản lý nhà nước (chuyên viên chính)")
    STATE_MANAGEMENT_SENIOR = "state_management_senior", _("Quản lý nhà nước (chuyên viên cao cấp)")
    POLITICAL_INTERMEDIATE = "political_intermediate", _("Lý luận chính trị trung cấp")
    POLITICAL_ADVANCED = "political_advanced", _("Lý luận chính trị cao cấp")
    LEADERSHIP_DIVISION = "leadership_division", _("Bồi dưỡng lãnh đạo, quản lý cấp phòng")
    LEADERSHIP_DEPARTMENT = "leadership_department", _("Bồi dưỡng lãnh đạo, quản lý cấp sở")
    DEFENCE = "defence", _("Kiến thức quốc phòng, an ninh")
    DIGITAL = "digital", _("Khoa học công nghệ, đổi mới sáng tạo, kỹ năng số")
    OTHER = "other", _("Khác")


class TrainingCourse(DossierFact):
    """A training or refresher course (khóa đào tạo, bồi dưỡng) on a person's record, with its certificate
    and the periods (tiết) it counts towards the yearly requirement; written by the completion of an
    enrolment or entered from the paper dossier. Rows moved from personnel have no periods recorded."""

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="training_courses")
    name = models.CharField(_("tên khóa học"), max_length=300)
    institution = models.CharField(_("cơ sở đào tạo"), max_length=255, blank=True)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    mode = models.CharField(_("hình thức"), max_length=64, blank=True)
    certificate = models.CharField(_("chứng chỉ"), max_length=200, blank=True)
    programme = models.CharField(
        _("chương trình"), max_length=32, choices=Programme.choices, default=Programme.OTHER
    )
    periods = models.PositiveIntegerField(_("số tiết"), null=True, blank=True)
    enrolment = models.OneToOneField(
        "succession.Enrolment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="record",
        verbose_name=_("ghi danh"),
    )

    class Meta:
        verbose_name = _("khóa đào tạo, bồi dưỡng")
        verbose_name_plural = _("khóa đào tạo, bồi dưỡng")
        ordering = ["person", "start_date"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class Course(ScopedModel):
    """A course a unit organises or sends its people to (lớp đào tạo, bồi dưỡng), with its programme, dates
    and periods."""

    scope_path: ClassVar[str | None] = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("đơn vị tổ chức, cử học"),
    )
    name = models.CharField(_("tên khóa học"), max_length=300)
    programme = models.CharField(_("chương trình"), max_length=32, choices=Programme.choices)
    institution = models.CharField(_("cơ sở đào tạo"), max_length=255, blank=True)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    periods = models.PositiveIntegerField(_("số tiết"))
    capacity = models.PositiveIntegerField(_("số học viên tối đa"), null=True, blank=True)
    mode = models.CharField(_("hình thức"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("khóa học")
        verbose_name_plural = _("khóa học")
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})
        if self.periods is not None and not 1 <= self.periods <= 2000:
            raise ValidationError({"periods": _("Số tiết phải từ 1 đến 2000.")})


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Đang học")
    COMPLETED = "completed", _("Đã hoàn thành")
    WITHDRAWN = "withdrawn", _("Thôi học")


class Enrolment(ScopedModel):
    """A person sent to a course (cử đi học); seen by those who see the person's record."""

    scope_path: ClassVar[str | None] = "person__organization__path"

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ENROLLED
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    certificate = models.CharField(_("chứng chỉ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ghi danh khóa học")
        verbose_name_plural = _("ghi danh khóa học")
        ordering = ["course", "person__full_name_folded"]
        constraints = [
            models.UniqueConstraint(fields=["course", "person"], name="succession_enrolment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.course}"


class LeadershipLevel(models.TextChoices):
    """The level of a planned leadership position, which sets the programmes its candidates need."""

    DEPARTMENT_HEAD = "department_head", _("Người đứng đầu cơ quan, đơn vị (cấp sở và tương đương)")
    DEPARTMENT_DEPUTY = "department_deputy", _("Cấp phó của người đứng đầu (cấp sở và tương đương)")
    DIVISION_HEAD = "division_head", _("Trưởng phòng và tương đương")
    DIVISION_DEPUTY = "division_deputy", _("Phó trưởng phòng và tương đương")


class PlanningPool(ScopedModel):
    """The cadres planned (quy hoạch) for one leadership position of a unit for one term (nhiệm kỳ)."""

    scope_path: ClassVar[str | None] = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="planning_pools",
        verbose_name=_("cơ quan, đơn vị"),
    )
    position_title = models.CharField(_("chức danh quy hoạch"), max_length=200)
    level = models.CharField(_("cấp chức danh"), max_length=24, choices=LeadershipLevel.choices)
    term_start = models.PositiveSmallIntegerField(_("nhiệm kỳ từ năm"))
    term_end = models.PositiveSmallIntegerField(_("nhiệm kỳ đến năm"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("quy hoạch chức danh")
        verbose_name_plural = _("quy hoạch chức danh")
        ordering = ["organization__path", "level", "position_title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "position_title", "term_start"], name="succession_pool_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position_title} ({self.term_label})"

    @property
    def term_label(self) -> str:
        return f"{self.term_start}–{self.term_end}"

    def clean(self) -> None:
        super().clean()
        if self.term_start and self.term_end and not self.term_start < self.term_end <= self.term_start + 10:
            raise ValidationError(
                {"term_end": _("Nhiệm kỳ phải kết thúc sau năm bắt đầu, trong vòng 10 năm.")}
            )


class PoolCandidate(ScopedModel):
    """A person's place in a planning pool, from the day added to the day removed (đưa ra khỏi quy hoạch)."""

    scope_path: ClassVar[str | None] = "pool__organization__path"

    pool = models.ForeignKey(PlanningPool, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="planning")
    added_on = models.DateField(_("ngày đưa vào quy hoạch"))
    removed_on = models.DateField(_("ngày đưa ra khỏi quy hoạch"), null=True, blank=True)
    removal_reason = models.CharField(_("lý do đưa ra"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("người trong quy hoạch")
        verbose_name_plural = _("người trong quy hoạch")
        ordering = ["pool", "person__full_name_folded"]
        constraints = [
            models.UniqueConstraint(
                fields=["pool", "person"],
                condition=Q(removed_on__isnull=True),
                name="succession_candidate_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.pool}"


class PoolReview(ScopedModel):
    """A yearly review of a pool (rà soát, bổ sung quy hoạch hằng năm): who was added and removed."""

    scope_path: ClassVar[str | None] = "pool__organization__path"

    pool = models.ForeignKey(PlanningPool, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("năm rà soát"))
    reviewed_on = models.DateField(_("ngày rà soát"))
    added = models.PositiveIntegerField(_("số người bổ sung"), default=0)
    removed = models.PositiveIntegerField(_("số người đưa ra"), default=0)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("rà soát quy hoạch")
        verbose_name_plural = _("rà soát quy hoạch")
        ordering = ["pool", "-year"]
        constraints = [models.UniqueConstraint(fields=["pool", "year"], name="succession_review_once")]


class MentoringStatus(models.TextChoices):
    ACTIVE = "active", _("Đang kèm cặp")
    CLOSED = "closed", _("Đã kết thúc")


class MentoringPair(ScopedModel):
    """A mentor and the person they coach (kèm cặp, trao truyền kinh nghiệm), with the goals set."""

    scope_path: ClassVar[str | None] = "mentee__organization__path"

    mentor = models.ForeignKey(
        "personnel.Person",
        on_delete=models.CASCADE,
        related_name="mentoring",
        verbose_name=_("người kèm cặp"),
    )
    mentee = models.ForeignKey(
        "personnel.Person",
        on_delete=models.CASCADE,
        related_name="mentored",
        verbose_name=_("người được kèm cặp"),
    )
    goals = models.TextField(_("mục tiêu"))
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=MentoringStatus.choices, default=MentoringStatus.ACTIVE
    )

    class Meta:
        verbose_name = _("cặp kèm cặp")
        verbose_name_plural = _("cặp kèm cặp")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"


class CheckIn(ScopedModel):
    """A meeting of a mentoring pair (lần trao đổi) with the progress towards the goals."""

    scope_path: ClassVar[str | None] = "pair__mentee__organization__path"

    pair = models.ForeignKey(MentoringPair, on_delete=models.CASCADE, related_name="check_ins")
    held_on = models.DateField(_("ngày trao đổi"))
    progress = models.PositiveSmallIntegerField(_("mức đạt mục tiêu (%)"))
    note = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("lần trao đổi kèm cặp")
        verbose_name_plural = _("lần trao đổi kèm cặp")
        ordering = ["pair", "held_on"]


class HandoverReason(models.TextChoices):
    RETIREMENT = "retirement", _("Nghỉ hưu")
    ROTATION = "rotation", _("Điều động, luân chuyển")
    STREAMLINING = "streamlining", _("Tinh giản biên chế")


class Handover(ScopedModel):
    """The handover of a person's work when they retire, rotate or are streamlined (bàn giao công việc):
    a checklist of items, each done or not, and the successor who takes them."""

    scope_path: ClassVar[str | None] = "person__organization__path"

    person = models.ForeignKey(
        "personnel.Person",
        on_delete=models.CASCADE,
        related_name="handovers",
        verbose_name=_("người bàn giao"),
    )
    successor = models.ForeignKey(
        "personnel.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handovers_received",
        verbose_name=_("người nhận bàn giao"),
    )
    reason = models.CharField(_("lý do"), max_length=16, choices=HandoverReason.choices)
    due_on = models.DateField(_("hạn hoàn thành"))

    class Meta:
        verbose_name = _("bàn giao công việc")
        verbose_name_plural = _("bàn giao công việc")
        ordering = ["due_on"]


class HandoverItem(ScopedModel):
    """One line of a handover checklist (hồ sơ, công việc, tài sản bàn giao)."""

    scope_path: ClassVar[str | None] = "handover__person__organization__path"

    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("nội dung bàn giao"), max_length=300)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("mục bàn giao")
        verbose_name_plural = _("mục bàn giao")
        ordering = ["handover", "pk"]
