"""The outbox of the electronic dossier (hàng đợi đồng bộ): each change of business data waiting to reach
the national database of cadres, civil servants and public employees, and the store of the local stand-in
receiver that takes its place in tests and demonstrations.

Nghị định 27/2026/NĐ-CP: the employing agency synchronises business data (salary, awards, discipline…) to
the national database within three working days. Neither table keeps a change history: an event is written
once and only its delivery state moves, in bulk.
"""

import uuid
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core.models import ScopedQuerySet


class SyncStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    DELIVERED = "delivered", _("Đã được tiếp nhận")
    DEAD = "dead", _("Không gửi được")


class SyncEvent(models.Model):
    """One change of a person's business data to send (sự kiện đồng bộ), in the versioned JSON format of
    ``docs/edossier-sync.md``; ``key`` is its idempotency key: the receiver keeps an event once however
    often it is sent."""

    scope_path: ClassVar[str | None] = "person__organization__path"

    key = models.UUIDField(_("khóa sự kiện"), default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại dữ liệu"), max_length=32)
    event_type = models.CharField(_("nghiệp vụ"), max_length=64)
    payload = models.JSONField(_("nội dung"))
    occurred_at = models.DateTimeField(_("thời điểm thay đổi"))
    due_on = models.DateField(_("hạn đồng bộ"), db_index=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=SyncStatus.choices, default=SyncStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    last_error = models.TextField(_("lỗi lần gửi cuối"), blank=True)
    delivered_at = models.DateTimeField(_("thời điểm được tiếp nhận"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện đồng bộ")
        verbose_name_plural = _("sự kiện đồng bộ")
        indexes = [models.Index(fields=["status", "next_attempt_at", "id"], name="sync_event_queue")]

    def __str__(self) -> str:
        return f"{self.event_type} {self.key}"


class SyncReceipt(models.Model):
    """An event as the local stand-in of the national database received it (bản nhận thử)."""

    key = models.UUIDField(unique=True)
    body = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện đã nhận (máy nhận thử)")
        verbose_name_plural = _("sự kiện đã nhận (máy nhận thử)")

    def __str__(self) -> str:
        return str(self.key)
