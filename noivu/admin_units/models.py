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
    # Approximate centre (from a geocoder in the source list, not from boundaries): for the
    # approximate adjacency and map where no boundary file has been imported.
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)

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


class Setting(models.TextChoices):
    """Urban or rural classification (khu vực đô thị / nông thôn)."""

    URBAN = "urban", _("Đô thị")
    RURAL = "rural", _("Nông thôn")


class ExemptionGround(models.TextChoices):
    """Grounds on which a unit under the standard need not be arranged (Nghị quyết 35/2023, Điều 3
    khoản 1; Nghị quyết 76/2025, Điều 3)."""

    ISOLATED = "isolated", _("Vị trí biệt lập, khó kết nối giao thông")
    STABLE_SINCE_1945 = "stable_1945", _("Địa giới ổn định từ năm 1945")
    DEFENCE = "defence", _("Vị trí trọng yếu về quốc phòng, an ninh hoặc đặc thù lịch sử, văn hóa, dân tộc")
    PLANNED_URBAN = "planned_urban", _("Đã được quy hoạch thành đơn vị đô thị và đạt tiêu chuẩn")
    ARRANGED_BEFORE = "arranged_before", _("Đã sắp xếp ở giai đoạn trước")


class UnitFigure(EffectiveDated):
    """The dated figures and classification of a unit (số liệu, phân loại đơn vị hành chính): natural
    area, population, urban or rural, mountainous, highland, island, border, the special factors of
    Điều 3a (Nghị quyết 27/2022), the administrative centre and the exemption grounds a person recorded.

    One row per period; a new figure (a census, a land survey) closes the previous row the day before.
    """

    overlap_key = ("unit",)

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="figures")
    area_km2 = models.DecimalField(
        _("diện tích tự nhiên (km²)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    population = models.PositiveIntegerField(_("quy mô dân số (người)"), null=True, blank=True)
    setting = models.CharField(_("khu vực"), max_length=8, choices=Setting.choices, blank=True)
    mountainous = models.BooleanField(_("miền núi, vùng cao"), default=False)
    island = models.BooleanField(_("hải đảo"), default=False)
    border = models.BooleanField(_("có đường biên giới quốc gia"), default=False)
    ethnic_minority_pct = models.DecimalField(
        _("tỷ lệ người dân tộc thiểu số (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    red_river_delta = models.BooleanField(_("thuộc vùng Đồng bằng sông Hồng"), default=False)
    coastal_poor = models.BooleanField(_("xã đặc biệt khó khăn vùng bãi ngang, ven biển"), default=False)
    administrative_centre = models.CharField(_("trung tâm hành chính"), max_length=255, blank=True)
    exemption_grounds = models.JSONField(_("căn cứ không bắt buộc sắp xếp"), default=list, blank=True)
    source = models.CharField(_("nguồn số liệu"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("số liệu đơn vị hành chính")
        verbose_name_plural = _("số liệu đơn vị hành chính")
        ordering = ["unit", "effective_from"]
        indexes = [models.Index(fields=["unit", "effective_from"], name="unitfigure_unit_from")]

    def __str__(self) -> str:
        return f"{self.unit} {self.period_label()}"


class ChangeKind(models.TextChoices):
    MERGE = "merge", _("Nhập")
    SPLIT = "split", _("Chia, tách")
    RENAME = "rename", _("Đổi tên")
    MOVE = "move", _("Điều chỉnh sang đơn vị cấp trên khác")
    UPGRADE = "upgrade", _("Thành lập, nâng cấp (xã thành phường, thị trấn)")


class UnitChange(EffectiveDated):
    """A change of administrative units (thay đổi đơn vị hành chính) by a resolution: the units before
    and after, in force from ``effective_from`` (the day the resolution takes effect)."""

    kind = models.CharField(_("loại thay đổi"), max_length=8, choices=ChangeKind.choices)
    resolution_number = models.CharField(_("số nghị quyết"), max_length=64)
    resolution_date = models.DateField(_("ngày ban hành nghị quyết"))
    before = models.ManyToManyField(AdminUnit, related_name="changes_out", verbose_name=_("đơn vị trước"))
    after = models.ManyToManyField(AdminUnit, related_name="changes_in", verbose_name=_("đơn vị sau"))
    plan = models.ForeignKey(
        "admin_units.ArrangementPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("phương án sắp xếp"),
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("thay đổi đơn vị hành chính")
        verbose_name_plural = _("thay đổi đơn vị hành chính")
        ordering = ["-effective_from", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.resolution_number}"


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


# The arrangement feature's models, registered with the app when Django imports this module.
import noivu.admin_units.arrangement.models  # noqa: E402,F401
