"""Audit of merged duplicate records (gộp hồ sơ trùng lặp)."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core.models import ScopedModel


class PersonMerge(ScopedModel):
    """One merge of a duplicate record into the kept one (biên bản gộp hồ sơ).

    The removed record is deleted; its own history rows stay in the history table under
    ``removed_person_id``, and ``removed_snapshot`` keeps its last state, so both histories remain
    readable. ``conflicts`` holds the removed person's rows that could not be moved because the kept
    person already had one of the kind (e.g. a permanent address).
    """

    scope_path = "kept_person__organization__path"

    kept_person = models.ForeignKey(
        "personnel.Person", on_delete=models.PROTECT, related_name="merges", verbose_name=_("hồ sơ được giữ")
    )
    removed_person_id = models.BigIntegerField(_("mã hồ sơ bị gộp"), db_index=True)
    removed_full_name = models.CharField(_("họ và tên hồ sơ bị gộp"), max_length=200)
    removed_snapshot = models.JSONField(_("nội dung hồ sơ bị gộp"), encoder=DjangoJSONEncoder)
    moved = models.JSONField(_("số bản ghi đã chuyển"), default=dict, encoder=DjangoJSONEncoder)
    conflicts = models.JSONField(
        _("bản ghi trùng loại không chuyển"), default=list, encoder=DjangoJSONEncoder
    )
    filled_fields = models.JSONField(_("trường được bổ sung"), default=list)
    reason = models.TextField(_("lý do gộp"))
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người gộp"),
    )
    merged_at = models.DateTimeField(_("thời điểm gộp"), auto_now_add=True)

    class Meta:
        verbose_name = _("gộp hồ sơ")
        verbose_name_plural = _("gộp hồ sơ")
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.removed_full_name} (#{self.removed_person_id}) → #{self.kept_person_id}"
