"""Personnel records (hồ sơ cán bộ, công chức, viên chức): the person and their assignments."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from noivu.core.models import EffectiveDated
from noivu.core.text import fold, normalize


class Gender(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


class Category(models.TextChoices):
    """Category of personnel (đối tượng)."""

    CADRE = "cadre", _("Cán bộ")
    CIVIL_SERVANT = "civil_servant", _("Công chức")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức")
    CONTRACT = "contract", _("Hợp đồng lao động")


class Person(models.Model):
    """A person whose record the sector keeps (cán bộ, công chức, viên chức, người lao động).

    ``organization`` and ``category`` mirror the primary assignment in force, kept by the actions
    that change assignments, so that lists and scopes need no date arithmetic.
    """

    scope_path = "organization__path"

    full_name = models.CharField(_("họ và tên"), max_length=200)
    full_name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    birth_date = models.DateField(_("ngày sinh"))
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices)
    cccd_number = models.CharField(_("số CCCD/định danh cá nhân"), max_length=12, null=True, blank=True, unique=True)
    ethnic_group = models.CharField(_("dân tộc"), max_length=32, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="persons", verbose_name=_("đơn vị")
    )
    category = models.CharField(_("đối tượng"), max_length=16, choices=Category.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hồ sơ cá nhân")
        verbose_name_plural = _("hồ sơ cá nhân")
        indexes = [models.Index(fields=["organization", "full_name_folded"], name="person_org_name")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.full_name = normalize(self.full_name)
        self.full_name_folded = fold(self.full_name)
        super().save(*args, **kwargs)

    @property
    def cccd_masked(self) -> str:
        """The identification number with its middle hidden, for users without personal-data rights."""
        if not self.cccd_number:
            return ""
        return self.cccd_number[:3] + "*" * (len(self.cccd_number) - 5) + self.cccd_number[-2:]


class Assignment(EffectiveDated):
    """A person's assignment to an organisation in a category (quá trình công tác), effective-dated.

    Only one primary assignment may be in force at a time; concurrent posts (kiêm nhiệm) are not
    primary and may overlap.
    """

    overlap_key = ("person", "is_primary")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="assignments", verbose_name=_("đơn vị")
    )
    category = models.CharField(_("đối tượng"), max_length=16, choices=Category.choices)
    position_title = models.CharField(_("chức vụ, chức danh"), max_length=200, blank=True)
    is_primary = models.BooleanField(_("công tác chính"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["person", "-effective_from"]

    def validate_no_overlap(self) -> None:
        if self.is_primary:
            super().validate_no_overlap()

    def clean(self) -> None:
        if self.person_id is None:
            raise ValidationError({"person": _("Thiếu người được phân công.")})
        super().clean()


class AddressKind(models.TextChoices):
    HOMETOWN = "hometown", _("Quê quán")
    BIRTHPLACE = "birthplace", _("Nơi sinh")
    PERMANENT = "permanent", _("Nơi thường trú")
    CURRENT = "current", _("Nơi ở hiện nay")


class ConversionStatus(models.TextChoices):
    """Where an address stands in the conversion to the two-tier units of 1/7/2025."""

    CURRENT_UNITS = "current", _("Theo đơn vị hành chính hiện hành")
    PENDING = "pending", _("Chưa chuyển đổi")
    CONVERTED = "converted", _("Đã chuyển đổi")
    AMBIGUOUS = "ambiguous", _("Cần chọn đơn vị mới")
    NOT_FOUND = "not_found", _("Không tìm thấy trong danh mục")


class PersonAddress(models.Model):
    """An address of a person (quê quán, nơi sinh, thường trú, nơi ở hiện nay).

    Both forms are kept: the legacy three-tier units (tỉnh/huyện/xã before 1/7/2025) as recorded, and
    the current two-tier units (tỉnh/xã) after conversion. ``conversion_candidates`` lists the new
    communes a split legacy commune maps to, for a person to choose.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(_("loại địa chỉ"), max_length=16, choices=AddressKind.choices)
    detail = models.CharField(_("số nhà, thôn, tổ"), max_length=255, blank=True)
    legacy_province_code = models.CharField(_("mã tỉnh (trước 1/7/2025)"), max_length=8, blank=True)
    legacy_district_code = models.CharField(_("mã huyện (trước 1/7/2025)"), max_length=8, blank=True)
    legacy_commune_code = models.CharField(_("mã xã (trước 1/7/2025)"), max_length=8, blank=True)
    legacy_text = models.CharField(_("địa chỉ cũ"), max_length=500, blank=True)
    province_code = models.CharField(_("mã tỉnh hiện hành"), max_length=8, blank=True)
    commune_code = models.CharField(_("mã xã hiện hành"), max_length=8, blank=True)
    current_text = models.CharField(_("địa chỉ hiện hành"), max_length=500, blank=True)
    conversion_status = models.CharField(
        _("trạng thái chuyển đổi"), max_length=16, choices=ConversionStatus.choices, default=ConversionStatus.PENDING
    )
    conversion_candidates = models.JSONField(_("đơn vị mới có thể"), default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("địa chỉ")
        verbose_name_plural = _("địa chỉ")
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="personaddress_one_per_kind")]
        indexes = [models.Index(fields=["conversion_status"], name="personaddress_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.current_text or self.legacy_text}"
