"""Emulation and commendation (thi đua, khen thưởng).

An :class:`Initiative` is a person's initiative (sáng kiến) recognised at a level — the grassroots unit, a
ministry, sector or province, or the whole country — on a date; the eligibility engine counts it towards
the titles whose conditions ask for one (Luật Thi đua, khen thưởng 06/2022/QH15 Điều 21–23, 74).
"""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core.models import ScopedModel


class InitiativeLevel(models.TextChoices):
    """The level that recognised an initiative (cấp công nhận sáng kiến); a higher level counts wherever a
    lower one is asked."""

    GRASSROOTS = "grassroots", _("Cơ sở")
    MINISTRY_PROVINCE = "ministry_province", _("Bộ, ban, ngành, tỉnh")
    NATIONAL = "national", _("Toàn quốc")


LEVEL_RANK = {
    InitiativeLevel.GRASSROOTS: 1,
    InitiativeLevel.MINISTRY_PROVINCE: 2,
    InitiativeLevel.NATIONAL: 3,
}


class Initiative(ScopedModel):
    """An initiative recognised (sáng kiến được công nhận): its author, level and date of recognition."""

    scope_path: ClassVar[str | None] = "person__organization__path"

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField(_("tên sáng kiến"), max_length=300)
    level = models.CharField(_("cấp công nhận"), max_length=20, choices=InitiativeLevel.choices)
    recognised_on = models.DateField(_("ngày công nhận"))
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=64, blank=True)
    authority = models.CharField(_("cơ quan công nhận"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["person", "recognised_on"]
        indexes = [models.Index(fields=["recognised_on", "person"], name="initiative_date_person")]

    def __str__(self) -> str:
        return f"{self.title} ({self.recognised_on:%d/%m/%Y})"
