"""Administrative units (đơn vị hành chính) before and after the two-tier reform of 1/7/2025.

The catalogue keeps both regimes side by side: the three-tier units in force until 30/6/2025
(tỉnh – huyện – xã) and the two-tier units from 1/7/2025 (tỉnh – xã), with the successions that
link a legacy unit to the unit or units that took over its territory.
"""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core.models import EffectiveDated

LEGACY_END = dt.date(2025, 6, 30)
TWO_TIER_START = dt.date(2025, 7, 1)


class Regime(models.TextChoices):
    LEGACY = "legacy", _("Ba cấp (trước 1/7/2025)")
    TWO_TIER = "two_tier", _("Hai cấp (từ 1/7/2025)")


class Level(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class UnitType(models.TextChoices):
    PROVINCE = "province", _("Tỉnh")
    CENTRAL_CITY = "central_city", _("Thành phố trực thuộc trung ương")
    URBAN_DISTRICT = "urban_district", _("Quận")
    RURAL_DISTRICT = "rural_district", _("Huyện")
    TOWN = "town", _("Thị xã")
    CITY = "city", _("Thành phố thuộc tỉnh, thuộc thành phố trực thuộc trung ương")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    TOWNSHIP = "township", _("Thị trấn")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")


class AdminUnit(EffectiveDated):
    """An administrative unit (đơn vị hành chính) of one regime.

    Codes are the official ones (2 digits for a province, 3 for a district, 5 for a commune); the
    two regimes reuse some codes for different units (legacy 00004 Phường Trúc Bạch, current 00004
    Phường Ba Đình), so a code identifies a unit only together with its regime and level.
    ``folded_name`` is the name without its type word, folded for search ("o dien", "15" for
    "Phường 15").
    """

    regime = models.CharField(_("chế độ"), max_length=8, choices=Regime.choices)
    level = models.CharField(_("cấp"), max_length=8, choices=Level.choices)
    code = models.CharField(_("mã"), max_length=8)
    name = models.CharField(_("tên"), max_length=100)
    short_name = models.CharField(_("tên rút gọn"), max_length=100)
    folded_name = models.CharField(max_length=100, editable=False)
    unit_type = models.CharField(_("loại"), max_length=16, choices=UnitType.choices)
    parent_code = models.CharField(_("mã đơn vị cấp trên"), max_length=8, blank=True)
    province_code = models.CharField(_("mã tỉnh"), max_length=8)
    area_km2 = models.DecimalField(
        _("diện tích (km²)"), max_digits=9, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["regime", "level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "level", "code"], name="adminunit_unique_code"),
        ]
        indexes = [
            models.Index(fields=["regime", "level", "province_code", "folded_name"], name="adminunit_name"),
            models.Index(fields=["regime", "parent_code"], name="adminunit_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class UnitSuccession(EffectiveDated):
    """The new unit (đơn vị mới) that took over all or part of a legacy unit on 1/7/2025.

    A legacy commune merged whole into one new commune has one row. A commune split among several
    new communes (điều chỉnh một phần) has one row for each, one of them flagged ``is_default``: the
    new commune that took its seat, as the source data marks it. Provinces succeed provinces
    (Resolution 202/2025/QH15); the five island districts without communes succeed to special
    zones (đặc khu).
    """

    level = models.CharField(_("cấp"), max_length=8, choices=Level.choices)
    legacy_code = models.CharField(_("mã đơn vị cũ"), max_length=8)
    legacy_province_code = models.CharField(_("mã tỉnh cũ"), max_length=8)
    new_code = models.CharField(_("mã đơn vị mới"), max_length=8)
    new_province_code = models.CharField(_("mã tỉnh mới"), max_length=8)
    is_split = models.BooleanField(_("chia cho nhiều đơn vị mới"), default=False)
    is_default = models.BooleanField(_("đơn vị mới mặc định"), default=True)
    legal_basis = models.ForeignKey(
        "core.LegalBasis", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("căn cứ pháp lý")
    )

    class Meta:
        verbose_name = _("kế thừa đơn vị hành chính")
        verbose_name_plural = _("kế thừa đơn vị hành chính")
        ordering = ["level", "legacy_code", "-is_default", "new_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "legacy_code", "new_code"], name="unitsuccession_unique"
            ),
        ]
        indexes = [models.Index(fields=["level", "legacy_code"], name="unitsuccession_legacy")]

    def __str__(self) -> str:
        return f"{self.legacy_code} → {self.new_code}"
