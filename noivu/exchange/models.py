"""Data exchange between installations (trao đổi dữ liệu giữa các hệ thống): which local row each row of
another installation became, the events already applied, and the dossiers held back because their
identification number is held by another record (xung đột số định danh)."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core.models import ScopedModel


class ExchangeKey(models.Model):
    """The local row a row of a source installation became (khóa ánh xạ): ``(source, model, source_id)``
    → ``local_id``. Bookkeeping of the exchange, written with the rows it maps and never edited by
    hand, so it keeps no history of its own (the rows it maps do)."""

    source = models.CharField(_("hệ thống nguồn"), max_length=32)
    model = models.CharField(_("loại dữ liệu"), max_length=64)
    source_id = models.BigIntegerField(_("số ở hệ thống nguồn"))
    local_id = models.BigIntegerField(_("số ở hệ thống này"))

    class Meta:
        verbose_name = _("khóa ánh xạ trao đổi")
        constraints = [
            models.UniqueConstraint(fields=["source", "model", "source_id"], name="exchangekey_source_row"),
        ]
        indexes = [models.Index(fields=["model", "local_id"], name="exchangekey_local")]

    def __str__(self) -> str:
        return f"{self.source}:{self.model}:{self.source_id} → {self.local_id}"


class ExchangeReceipt(models.Model):
    """An event of event format 1 applied once (biên nhận sự kiện), by its idempotency key: a second
    delivery of the same key is acknowledged and changes nothing."""

    key = models.UUIDField(_("khóa sự kiện"), unique=True)
    source = models.CharField(_("hệ thống nguồn"), max_length=32)
    received_at = models.DateTimeField(_("thời điểm nhận"), auto_now_add=True)
    outcome = models.CharField(_("kết quả"), max_length=16)

    class Meta:
        verbose_name = _("biên nhận sự kiện trao đổi")

    def __str__(self) -> str:
        return f"{self.source}:{self.key}"


class ConflictStatus(models.TextChoices):
    PENDING = "pending", _("chờ quyết định")
    KEPT = "kept", _("giữ hồ sơ đang có")
    TAKEN = "taken", _("nhận hồ sơ gửi đến")


class Conflict(ScopedModel):
    """A dossier from a source installation whose identification number is already held by a record of
    this installation that came from another source or was entered here (xung đột số định danh): not
    merged; kept with the incoming document for a national administrator to decide."""

    scope_path: ClassVar[str | None] = None

    identifier = models.CharField(_("số định danh cá nhân"), max_length=12, db_index=True)
    source = models.CharField(_("hệ thống gửi đến"), max_length=32)
    reference = models.BigIntegerField(_("số hồ sơ ở hệ thống gửi đến"))
    held_person = models.ForeignKey(
        "personnel.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hồ sơ đang giữ số"),
    )
    held_source = models.CharField(
        _("nguồn của hồ sơ đang giữ số"), max_length=32, blank=True, help_text=_("trống: nhập tại đây")
    )
    held_reference = models.BigIntegerField(_("số hồ sơ ở nguồn của hồ sơ đang giữ"), null=True, blank=True)
    document = models.JSONField(_("hồ sơ gửi đến"))
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=ConflictStatus.choices, default=ConflictStatus.PENDING
    )
    found_at = models.DateTimeField(_("thời điểm phát hiện"), auto_now_add=True)
    decided_at = models.DateTimeField(_("thời điểm quyết định"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người quyết định"),
    )

    class Meta:
        verbose_name = _("xung đột số định danh")
        verbose_name_plural = _("xung đột số định danh")
        ordering = ["-found_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "reference", "identifier"], name="exchangeconflict_once_per_dossier"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.identifier} ({self.source}:{self.reference})"
