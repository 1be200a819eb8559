"""Evaluation and rating of quality (đánh giá, xếp loại chất lượng) of persons and units, and quantified
task assignment (giao việc có định lượng).

An :class:`Evaluation` is one person's rating for one period (a year, a quarter or a month) under the
regime in force on that period, carried through self-assessment (tự đánh giá), the direct manager's
assessment (nhận xét, đánh giá của người quản lý trực tiếp) and the competent person's decision (quyết
định xếp loại). A :class:`UnitEvaluation` is the rating of a unit (tập thể) by the leader above it.
A :class:`Task` is a piece of work with a measurable target assigned to a person or a unit; its
:class:`TaskProgress` reports give the quantity, quality and timeliness the scored regimes count.
"""

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core import dates
from noivu.core.fields import entry_errors
from noivu.core.models import ScopedModel, SoftDeletable


class Level(models.TextChoices):
    """The four levels of rating (mức xếp loại), the same names in every regime, best first."""

    EXCELLENT = "HTXS", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "HTT", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "HT", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "KHT", _("Không hoàn thành nhiệm vụ")


LEVEL_RANK: dict[str, int] = {Level.EXCELLENT: 4, Level.GOOD: 3, Level.COMPLETED: 2, Level.NOT_COMPLETED: 1}


class Regime(models.TextChoices):
    """The legal regime a period is rated under (chế độ đánh giá theo thời điểm)."""

    EARLIER = "ND56_2015", _("Quy định trước Nghị định 90/2020/NĐ-CP (Nghị định 56/2015/NĐ-CP và trước đó)")
    ND90 = "ND90_2020", _("Nghị định 90/2020/NĐ-CP (sửa đổi bởi Nghị định 48/2023/NĐ-CP)")
    ND335 = "ND335_2025", _("Nghị định 335/2025/NĐ-CP (thang điểm 100, công chức)")
    ND233 = "ND233_2026", _("Nghị định 233/2026/NĐ-CP (thang điểm 100, viên chức)")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Năm")
    QUARTER = "quarter", _("Quý")
    MONTH = "month", _("Tháng")


class Status(models.TextChoices):
    """Steps of an evaluation (quy trình đánh giá)."""

    SELF_ASSESSED = "self_assessed", _("Đã tự đánh giá")
    ASSESSED = "assessed", _("Người quản lý đã đánh giá")
    DECIDED = "decided", _("Đã quyết định xếp loại")


def period_bounds(year: int, kind: str, number: int) -> tuple[dt.date, dt.date]:
    """First and last day of a period: the year, quarter ``number`` or month ``number`` of ``year``."""
    if kind == PeriodKind.YEAR:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    first_month, months = (3 * number - 2, 3) if kind == PeriodKind.QUARTER else (number, 1)
    start = dt.date(year, first_month, 1)
    end_month = first_month + months
    end = dt.date(year + 1, 1, 1) if end_month > 12 else dt.date(year, end_month, 1)
    return start, end - dt.timedelta(days=1)


def period_label(year: int, kind: str, number: int) -> str:
    if kind == PeriodKind.YEAR:
        return _("Năm %(year)s") % {"year": year}
    if kind == PeriodKind.QUARTER:
        return _("Quý %(number)s/%(year)s") % {"number": number, "year": year}
    return _("Tháng %(number)s/%(year)s") % {"number": number, "year": year}


class Evaluation(SoftDeletable, ScopedModel):
    """A person's evaluation and rating for a period (phiếu đánh giá, xếp loại chất lượng); one per person
    and period. It belongs to the person's record and is seen by those who see the record."""

    scope_path: ClassVar[str | None] = "person__organization__path"
    history_unindexed_fields = ("organization",)

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="evaluations")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("đơn vị đánh giá"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    period_kind = models.CharField(_("kỳ đánh giá"), max_length=8, choices=PeriodKind.choices)
    period_number = models.PositiveSmallIntegerField(_("số kỳ"), default=0)
    category = models.CharField(_("đối tượng"), max_length=16)
    is_manager = models.BooleanField(_("giữ chức vụ lãnh đạo, quản lý"), default=False)
    task_group = models.CharField(_("nhóm có nhiệm vụ tương đồng"), max_length=100, blank=True)
    regime = models.CharField(_("chế độ đánh giá"), max_length=12, choices=Regime.choices)
    status = models.CharField(_("bước"), max_length=16, choices=Status.choices)

    self_rating = models.CharField(_("tự xếp loại"), max_length=4, choices=Level.choices, blank=True)
    self_score = models.DecimalField(_("tự chấm điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    self_comment = models.TextField(_("tự nhận xét"), blank=True)
    self_assessed_on = models.DateField(_("ngày tự đánh giá"), null=True, blank=True)
    manager_rating = models.CharField(
        _("người quản lý đề xuất"), max_length=4, choices=Level.choices, blank=True
    )
    manager_score = models.DecimalField(
        _("điểm người quản lý chấm"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    manager_comment = models.TextField(_("nhận xét của người quản lý"), blank=True)
    assessed_on = models.DateField(_("ngày người quản lý đánh giá"), null=True, blank=True)

    rating = models.CharField(_("xếp loại"), max_length=4, choices=Level.choices, blank=True)
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    components = models.JSONField(_("thành phần điểm"), default=dict, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("kết quả đánh giá, xếp loại")
        verbose_name_plural = _("kết quả đánh giá, xếp loại")
        ordering = ["person", "year", "period_kind", "period_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year", "period_kind", "period_number"],
                name="evaluation_one_per_person_and_period",
                condition=models.Q(deleted_at__isnull=True),
                violation_error_message=_("Kỳ này đã có phiếu đánh giá của người này."),
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=100),
                name="evaluation_score_on_the_scale",
                violation_error_message=_("Điểm phải từ 0 đến 100."),
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "year", "period_kind"], name="evaluation_unit_period"),
            models.Index(fields=["year", "period_kind", "rating"], name="evaluation_year_level"),
        ]

    def __str__(self) -> str:
        return f"{self.period_label}: {self.get_rating_display() or self.get_status_display()}"

    @property
    def period_label(self) -> str:
        return period_label(self.year, self.period_kind, self.period_number)

    def clean(self) -> None:
        errors = entry_errors(self)
        last = dates.today().year
        if self.year is not None and not dates.FIRST_YEAR <= self.year <= last:
            errors["year"] = _("Năm %(year)s không hợp lý (từ %(first)s đến %(last)s).") % {
                "year": self.year,
                "first": dates.FIRST_YEAR,
                "last": last,
            }
        if errors:
            raise ValidationError(errors)
        super().clean()

    @property
    def period_end(self) -> dt.date:
        return period_bounds(self.year, self.period_kind, self.period_number)[1]


class UnitEvaluation(ScopedModel):
    """The rating of a unit (đánh giá, xếp loại chất lượng tập thể) for a year, decided by the leader of
    the unit above; ``outstanding`` marks a unit recognised for outstanding results (thành tích xuất sắc,
    nổi trội), which lifts the cap of its own staff."""

    scope_path: ClassVar[str | None] = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="unit_evaluations",
        verbose_name=_("đơn vị"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=4, choices=Level.choices)
    outstanding = models.BooleanField(_("có thành tích xuất sắc, nổi trội"), default=False)
    decided_on = models.DateField(_("ngày quyết định"))
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("xếp loại tập thể")
        verbose_name_plural = _("xếp loại tập thể")
        ordering = ["organization", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"],
                name="unit_evaluation_one_per_year",
                violation_error_message=_("Đơn vị đã có kết quả xếp loại năm này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_rating_display()}"


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


class Task(ScopedModel):
    """A task with a measurable target (nhiệm vụ được giao có định lượng): ``target_quantity`` products
    (sản phẩm, công việc quy đổi) by ``deadline``, assigned by ``assigned_by`` (the unit itself or one above
    it) to a unit and, within it, to a person; ``parent`` is the task of the unit above it was split from
    (giao việc xuống cấp dưới). A task split into parts counts in the summaries through its parts."""

    scope_path: ClassVar[str | None] = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="tasks", verbose_name=_("đơn vị")
    )
    owner = models.ForeignKey(
        "personnel.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("người thực hiện"),
    )
    assigned_by = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks_assigned",
        verbose_name=_("đơn vị giao"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("giao từ"),
    )
    title = models.CharField(_("nhiệm vụ"), max_length=300)
    measure = models.CharField(_("đơn vị tính"), max_length=60, default="sản phẩm")
    target_quantity = models.PositiveIntegerField(_("số lượng giao"))
    quality_requirement = models.CharField(_("yêu cầu chất lượng"), max_length=300, blank=True)
    start_date = models.DateField(_("ngày giao"))
    deadline = models.DateField(_("hạn hoàn thành"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("start_date")),
                name="task_deadline_after_start",
                violation_error_message=_("Hạn hoàn thành phải từ ngày giao trở đi."),
            ),
            models.CheckConstraint(
                condition=models.Q(target_quantity__gte=1),
                name="task_target_positive",
                violation_error_message=_("Số lượng giao phải từ 1 trở lên."),
            ),
        ]
        indexes = [models.Index(fields=["owner", "deadline"], name="task_owner_deadline")]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, day: dt.date | None = None) -> bool:
        return self.status == TaskStatus.OPEN and self.deadline < (day or dates.today())


class TaskProgress(ScopedModel):
    """A progress report (báo cáo tiến độ): ``quantity`` products finished on ``reported_on``, of which
    ``quality_quantity`` met the quality required; products finished after the deadline count as late."""

    scope_path: ClassVar[str | None] = "task__organization__path"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="progress")
    reported_on = models.DateField(_("ngày báo cáo"))
    quantity = models.PositiveIntegerField(_("số lượng hoàn thành"))
    quality_quantity = models.PositiveIntegerField(_("số lượng đạt chất lượng"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("tiến độ nhiệm vụ")
        verbose_name_plural = _("tiến độ nhiệm vụ")
        ordering = ["task", "reported_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quality_quantity__lte=models.F("quantity")),
                name="task_progress_quality_within_quantity",
                violation_error_message=_("Số lượng đạt chất lượng không vượt quá số lượng hoàn thành."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.reported_on:%d/%m/%Y}: {self.quantity}"
