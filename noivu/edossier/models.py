"""The outbox of the electronic dossier (hàng đợi đồng bộ): each change of business data waiting to reach
the national database of cadres, civil servants and public employees, and the store of the local stand-in
receiver that takes its place in tests and demonstrations.

Nghị định 27/2026/NĐ-CP: the employing agency synchronises business data (salary, awards, discipline…) to
the national database within three working days. Neither table keeps a change history: an event is written
once and only its delivery state moves, in bulk.
"""

import datetime as dt
import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core.models import ScopedModel, ScopedQuerySet


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


class PersonAccount(ScopedModel):
    """The account through which a cadre, civil servant or public employee reads their own dossier and
    proposes changes to it (tài khoản cá nhân): created from the dossier, its user name the dossier
    identifier, its password set by the person at first login. It gives no right over anyone else."""

    scope_path = "person__organization__path"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dossier_account"
    )
    person = models.OneToOneField(
        "personnel.Person", on_delete=models.CASCADE, related_name="dossier_account"
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài khoản cá nhân")
        verbose_name_plural = _("tài khoản cá nhân")

    def __str__(self) -> str:
        return f"{self.user.get_username()} – {self.person}"


class ProposalKind(models.TextChoices):
    CONTACTS = "contacts", _("Điện thoại, thư điện tử")
    ADDRESSES = "addresses", _("Địa chỉ")
    FAMILY = "family", _("Quan hệ gia đình")
    EDUCATION = "education", _("Văn bằng, chứng chỉ")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại")
    WITHDRAWN = "withdrawn", _("Đã rút")


def attachment_path(proposal: "ChangeProposal", filename: str) -> str:
    return f"edossier/proposals/{proposal.person_id}/{uuid.uuid4().hex}-{filename}"


class ChangeProposal(ScopedModel):
    """A change a person proposes to their own dossier (đề nghị cập nhật hồ sơ), Nghị định 27/2026/NĐ-CP:
    the values typed, checked as the record's own forms check them, and a scan of the document proving
    them; the HR officer of the person's unit approves it (the change is then applied to the dossier by the
    record's own actions) or returns it with a reason."""

    scope_path = "person__organization__path"

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="change_proposals")
    kind = models.CharField(_("nội dung đề nghị"), max_length=16, choices=ProposalKind.choices)
    values = models.JSONField(_("thông tin đề nghị"))
    note = models.TextField(_("ghi chú của người đề nghị"), blank=True)
    attachment = models.FileField(
        _("bản chụp giấy tờ"), upload_to=attachment_path, max_length=255, blank=True
    )
    attachment_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    attachment_type = models.CharField(_("kiểu tệp"), max_length=64, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("ngày gửi"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người xử lý"),
    )
    decided_at = models.DateTimeField(_("ngày xử lý"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)

    class Meta:
        verbose_name = _("đề nghị cập nhật hồ sơ")
        verbose_name_plural = _("đề nghị cập nhật hồ sơ")
        indexes = [models.Index(fields=["status", "submitted_at"], name="proposal_queue")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.person}"


class ConsentStatus(models.TextChoices):
    REQUESTED = "requested", _("Chờ người có hồ sơ trả lời")
    GRANTED = "granted", _("Đã đồng ý")
    REFUSED = "refused", _("Không đồng ý")
    WITHDRAWN = "withdrawn", _("Đã rút đồng ý")


class ConsentRequest(ScopedModel):
    """A request to read a person's full dossier outside the reader's remit, and the person's answer
    (đồng ý cho khai thác hồ sơ, Nghị định 13/2023/NĐ-CP Điều 11 as applied by Nghị định 27/2026/NĐ-CP):
    granted until a day, refused, or withdrawn later. The request names the dossier by its identifier;
    ``person`` is the dossier found for it (None when there is none: the requester is not told)."""

    scope_path = "person__organization__path"

    identifier = models.CharField(_("số định danh cá nhân"), max_length=12)
    person = models.ForeignKey(
        "personnel.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="consent_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("người đề nghị")
    )
    purpose = models.TextField(_("mục đích khai thác"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ConsentStatus.choices, default=ConsentStatus.REQUESTED
    )
    requested_at = models.DateTimeField(_("ngày đề nghị"), auto_now_add=True)
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True)
    expires_on = models.DateField(_("đồng ý đến hết ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("đề nghị khai thác hồ sơ")
        verbose_name_plural = _("đề nghị khai thác hồ sơ")

    def __str__(self) -> str:
        return f"{self.identifier} – {self.requested_by}"

    def in_force_on(self, day: dt.date) -> bool:
        return self.status == ConsentStatus.GRANTED and self.expires_on is not None and day <= self.expires_on


class IntegrityChecksum(models.Model):
    """The checksum of one person's history rows in one table (tổng kiểm tra lịch sử hồ sơ), over the rows
    up to ``upto``: the next integrity check recomputes it over the same rows and reports a difference.
    Rewritten in bulk by each check; keeps no history of its own."""

    person = models.ForeignKey(
        "personnel.Person", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    table = models.CharField(_("bảng"), max_length=63)
    upto = models.BigIntegerField(_("đến dòng lịch sử"))
    rows = models.IntegerField(_("số dòng lịch sử"))
    checksum = models.CharField(_("tổng kiểm tra"), max_length=32)

    class Meta:
        verbose_name = _("tổng kiểm tra lịch sử hồ sơ")
        verbose_name_plural = _("tổng kiểm tra lịch sử hồ sơ")
        constraints = [models.UniqueConstraint(fields=["table", "person"], name="integrity_checksum_unique")]

    def __str__(self) -> str:
        return f"{self.table} {self.person_id}"


class IntegrityFindingKind(models.TextChoices):
    ROW_CHANGED = "row", _("Dữ liệu sửa ngoài nghiệp vụ")
    HISTORY_CHANGED = "history", _("Lịch sử bị sửa hoặc xóa")


class IntegrityFinding(models.Model):
    """A change of a dossier made outside the actions (phát hiện kiểm tra toàn vẹn): a row whose current
    values differ from its last history row (``field`` names the column), or a person's history in a
    table changed or removed since the previous check. Written by the check in bulk; no history."""

    scope_path: ClassVar[str | None] = "person__organization__path"

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại phát hiện"), max_length=16, choices=IntegrityFindingKind.choices)
    table = models.CharField(_("bảng"), max_length=63)
    row_id = models.BigIntegerField(_("dòng"), null=True, blank=True)
    field = models.CharField(_("trường"), max_length=63, blank=True)
    found_at = models.DateTimeField(_("thời điểm phát hiện"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phát hiện kiểm tra toàn vẹn")
        verbose_name_plural = _("phát hiện kiểm tra toàn vẹn")
        ordering = ["-found_at", "id"]

    def __str__(self) -> str:
        return f"{self.table} {self.row_id} {self.field}"


class DossierDocument(models.Model):
    """One person's dossier as its line of the initial export (văn bản hồ sơ lưu sẵn), dossier format 1,
    stored as a gzip member: the export of the whole country joins stored members instead of building
    every document again. Rebuilt by :func:`noivu.edossier.documents.refresh` for the persons a write
    marked (``StaleDossier``); kept for cadres, civil servants and public employees only."""

    person = models.OneToOneField(
        "personnel.Person",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        db_constraint=False,
    )
    packed = models.BinaryField(_("văn bản nén gzip"))
    length = models.IntegerField(_("số byte của văn bản"))
    built_at = models.DateTimeField(_("thời điểm lập"))

    class Meta:
        verbose_name = _("văn bản hồ sơ lưu sẵn")
        verbose_name_plural = _("văn bản hồ sơ lưu sẵn")

    def __str__(self) -> str:
        return str(self.person_id)


class StaleDossier(models.Model):
    """A person whose stored document a write has made out of date (hồ sơ cần lập lại văn bản): marked by
    the database's triggers on the record, every kind of fact and the units' codes, whatever wrote them,
    and cleared when the document is rebuilt. A plain number: the person may since have been removed."""

    person_id = models.BigIntegerField(_("mã hồ sơ"), primary_key=True)

    class Meta:
        verbose_name = _("hồ sơ cần lập lại văn bản")
        verbose_name_plural = _("hồ sơ cần lập lại văn bản")

    def __str__(self) -> str:
        return str(self.person_id)
