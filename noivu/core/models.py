"""Shared building blocks: effective-dated facts, legal bases, rule tables and background jobs."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class EffectiveDatedQuerySet(models.QuerySet):
    def as_of(self, day: dt.date) -> "EffectiveDatedQuerySet":
        """Rows in force on ``day`` (both ends inclusive)."""
        return self.filter(
            Q(effective_from__lte=day), Q(effective_to__isnull=True) | Q(effective_to__gte=day)
        )

    def overlapping(self, start: dt.date, end: dt.date | None) -> "EffectiveDatedQuerySet":
        """Rows whose period shares at least one day with [start, end] (end None = open)."""
        qs = self.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=start))
        if end is not None:
            qs = qs.filter(effective_from__lte=end)
        return qs


class EffectiveDated(models.Model):
    """A fact that holds from ``effective_from`` to ``effective_to`` inclusive (None: still in force).

    Subclasses name in ``overlap_key`` the fields that identify "the same fact": two rows with equal
    values in those fields may not overlap in time.
    """

    overlap_key: tuple[str, ...] = ()

    effective_from = models.DateField(_("hiệu lực từ ngày"), db_index=True)
    effective_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)

    objects = EffectiveDatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def in_force_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def clean(self) -> None:
        super().clean()
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValidationError(
                {"effective_to": _("Ngày hết hiệu lực phải sau hoặc bằng ngày bắt đầu hiệu lực.")}
            )
        self.validate_no_overlap()

    def validate_no_overlap(self) -> None:
        if not self.overlap_key:
            return
        same_fact = type(self)._default_manager.filter(
            **{field: getattr(self, field) for field in self.overlap_key}
        )
        clash = same_fact.exclude(pk=self.pk).overlapping(self.effective_from, self.effective_to).first()
        if clash is not None:
            raise ValidationError(
                _("Khoảng hiệu lực %(new)s trùng với khoảng %(old)s đã có của cùng thông tin này.")
                % {"new": self.period_label(), "old": clash.period_label()}
            )

    def period_label(self) -> str:
        end = self.effective_to.strftime("%d/%m/%Y") if self.effective_to else "…"
        return f"{self.effective_from:%d/%m/%Y}–{end}"


class LegalBasis(models.Model):
    """A legal document and article a rule or decision rests on (căn cứ pháp lý)."""

    class Confidence(models.TextChoices):
        VERIFIED = "verified", _("đã đối chiếu văn bản")
        CROSS_CHECKED = "cross-checked", _("nhiều nguồn thống nhất")
        UNVERIFIED = "unverified", _("chưa kiểm chứng")

    document_number = models.CharField(_("số hiệu văn bản"), max_length=64)
    article = models.CharField(_("điều, khoản"), max_length=128, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    url = models.URLField(_("nguồn"), max_length=500, blank=True)
    confidence = models.CharField(
        _("độ tin cậy"), max_length=16, choices=Confidence.choices, default=Confidence.VERIFIED
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")
        constraints = [
            models.UniqueConstraint(
                fields=["document_number", "article"], name="legalbasis_unique_document_article"
            )
        ]

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        """E.g. "73/2024/NĐ-CP, Điều 3 khoản 2"."""
        return f"{self.document_number}, {self.article}" if self.article else self.document_number

    def as_dict(self) -> dict:
        return {
            "document_number": self.document_number,
            "article": self.article,
            "title": self.title,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "effective_on": self.effective_on.isoformat() if self.effective_on else None,
            "confidence": self.confidence,
            "citation": self.citation,
        }


class RuleRow(EffectiveDated):
    """One dated row of a rule table (bảng quy định): a constant of law with its citation.

    ``value`` holds the JSON value (an integer amount in đồng, a coefficient as a decimal string...).
    Rows come from ``noivu/<app>/law/*.yaml`` or are added by a system administrator.
    """

    class Source(models.TextChoices):
        FILE = "file", _("tệp quy định")
        ADMIN = "admin", _("quản trị viên nhập")

    overlap_key = ("table", "code")

    table = models.CharField(_("bảng"), max_length=64)
    code = models.CharField(_("mã"), max_length=64)
    value = models.JSONField(_("giá trị"))
    legal_basis = models.ForeignKey(LegalBasis, on_delete=models.PROTECT, verbose_name=_("căn cứ pháp lý"))
    note = models.TextField(_("ghi chú"), blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.FILE)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dòng quy định")
        verbose_name_plural = _("dòng quy định")
        ordering = ["table", "code", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["table", "code", "effective_from"], name="rulerow_unique_start")
        ]

    def __str__(self) -> str:
        return f"{self.table}.{self.code} {self.period_label()} = {self.value}"


class Job(models.Model):
    """A long-running background job whose progress the UI shows (tác vụ nền)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("đang chờ")
        RUNNING = "running", _("đang chạy")
        DONE = "done", _("hoàn thành")
        FAILED = "failed", _("lỗi")

    kind = models.CharField(_("loại"), max_length=64)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    result = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tác vụ nền")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status}, {self.progress} %)"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
