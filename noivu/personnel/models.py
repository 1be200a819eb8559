"""Personnel records (hồ sơ cán bộ, công chức, viên chức): the person and their assignments."""

from collections.abc import Sequence
from typing import Any, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core import dates
from noivu.core.fields import entry_errors
from noivu.core.models import EffectiveDated, ScopedModel
from noivu.core.text import fold, is_person_name, is_phone_number, normalize
from noivu.personnel import codelists

# The age at the start of work (tuổi bắt đầu công tác) the import and every other path accept.
MIN_AGE, MAX_AGE = 18, 70

# What creating, correcting or importing a record is told of a CCCD number already recorded: a number
# belongs to one person in the whole country, so the officer must learn that it is taken, but never
# whose record or which agency holds it (docs/privacy.md). One message for every path and every case,
# in the user's scope or not, so that it tells nothing more.
CCCD_TAKEN = _(
    "Số CCCD này đã được ghi cho một hồ sơ khác: mỗi số CCCD chỉ thuộc một hồ sơ trong toàn hệ thống. "
    "Nếu người này chuyển đến từ cơ quan khác, hãy đề nghị cơ quan đó điều động hồ sơ thay vì tạo hồ sơ mới."
)


class Gender(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


class Category(models.TextChoices):
    """Category of personnel (đối tượng)."""

    CADRE = "cadre", _("Cán bộ")
    CIVIL_SERVANT = "civil_servant", _("Công chức")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức")
    CONTRACT = "contract", _("Hợp đồng lao động")
    # Commune-level categories of Luật Cán bộ, công chức 2008 (Điều 61), kept for records dated before the
    # two-tier local government of 1/7/2025 and for people still recorded so.
    COMMUNE_CADRE = "commune_cadre", _("Cán bộ cấp xã")
    COMMUNE_CIVIL_SERVANT = "commune_servant", _("Công chức cấp xã")
    NON_PROFESSIONAL = "non_professional", _("Người hoạt động không chuyên trách")


class Person(ScopedModel):
    """A person whose record the sector keeps (cán bộ, công chức, viên chức, người lao động).

    ``organization`` and ``category`` mirror the primary assignment in force, kept by the actions
    that change assignments, so that lists and scopes need no date arithmetic.
    """

    scope_path = "organization__path"
    # History is read person by person: indexes on these would only slow imports down.
    history_unindexed_fields = ("full_name_folded", "cccd_number", "organization")
    # Imports write a history row per record, always by the importing user: no check per row.
    history_user_unconstrained = True
    # Not a column: set on the rows of the duplicates page, masked or not for the user.
    cccd_shown: str | None

    full_name = models.CharField(_("họ và tên"), max_length=200)
    # Searched through the byte-wise indexes of migration 0004/0006, sorted by the plain index below: no
    # LIKE index (varchar_pattern_ops), which no query uses.
    full_name_folded = models.CharField(max_length=200, editable=False)
    birth_date = models.DateField(_("ngày sinh"))
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices)
    # NULL, not "", for a missing number: the unique constraint below lets many persons lack one.
    cccd_number = models.CharField(  # noqa: DJ001
        _("số CCCD/định danh cá nhân"), max_length=12, null=True, blank=True
    )
    ethnic_group = models.CharField(_("dân tộc"), max_length=32, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="persons",
        verbose_name=_("đơn vị"),
        db_index=False,  # the index person_org_name starts with the unit
    )
    category = models.CharField(_("đối tượng"), max_length=16, choices=Category.choices)
    other_names = models.CharField(_("tên gọi khác"), max_length=200, blank=True)
    religion = models.CharField(
        _("tôn giáo"), max_length=32, blank=True, help_text=_("mã theo danh mục tôn giáo")
    )
    cccd_issued_on = models.DateField(_("ngày cấp CCCD"), null=True, blank=True)
    cccd_issued_by = models.CharField(_("nơi cấp CCCD"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    personnel_code = models.CharField(_("số hiệu cán bộ, công chức"), max_length=32, blank=True)
    occupation_at_recruitment = models.CharField(
        _("nghề nghiệp khi được tuyển dụng"), max_length=200, blank=True
    )
    recruited_on = models.DateField(_("ngày tuyển dụng"), null=True, blank=True)
    recruiting_agency = models.CharField(_("cơ quan tuyển dụng"), max_length=255, blank=True)
    main_duties = models.CharField(_("công việc chính được giao"), max_length=500, blank=True)
    mass_organization_joined_on = models.DateField(
        _("ngày tham gia tổ chức chính trị - xã hội"), null=True, blank=True
    )
    enlisted_on = models.DateField(_("ngày nhập ngũ"), null=True, blank=True)
    discharged_on = models.DateField(_("ngày xuất ngũ"), null=True, blank=True)
    highest_military_rank = models.CharField(_("quân hàm cao nhất"), max_length=100, blank=True)
    highest_honorary_title = models.CharField(
        _("danh hiệu được phong tặng cao nhất"), max_length=200, blank=True
    )
    strengths = models.CharField(_("sở trường công tác"), max_length=500, blank=True)
    policy_status = models.CharField(_("thương binh hạng, gia đình chính sách"), max_length=200, blank=True)
    social_insurance_number = models.CharField(_("số sổ bảo hiểm xã hội"), max_length=20, blank=True)
    personal_history = models.TextField(
        _("đặc điểm lịch sử bản thân"),
        blank=True,
        help_text=_("bị bắt, bị tù; quan hệ với tổ chức ở nước ngoài; thân nhân ở nước ngoài"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ cá nhân")
        verbose_name_plural = _("hồ sơ cá nhân")
        indexes = [
            models.Index(fields=["organization", "full_name_folded"], name="person_org_name"),
            models.Index(fields=["full_name_folded"], name="person_name_folded"),
        ]
        constraints = [
            # A constraint rather than ``unique=True``, which would add a LIKE index no query uses
            # (search matches a number's beginning as a range) and every import would maintain.
            models.UniqueConstraint(fields=["cccd_number"], name="person_unique_cccd"),
            models.UniqueConstraint(
                fields=["personnel_code"],
                condition=~models.Q(personnel_code=""),
                name="person_unique_personnel_code",
                violation_error_message=_("Số hiệu cán bộ, công chức này đã được dùng cho hồ sơ khác."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def unique_error_message(self, model_class: type[Self], unique_check: Sequence[str]) -> ValidationError:
        if tuple(unique_check) == ("cccd_number",):
            return ValidationError(CCCD_TAKEN, code="unique")
        return super().unique_error_message(model_class, unique_check)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.full_name = normalize(self.full_name)
        self.full_name_folded = fold(self.full_name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors = entry_errors(self)
        if self.full_name and "full_name" not in errors and not is_person_name(normalize(self.full_name)):
            errors["full_name"] = _("Họ và tên chỉ gồm chữ cái, dấu cách, dấu nháy hoặc gạch nối.")
        if self.birth_date and self.birth_date > dates.today():
            errors["birth_date"] = _("Ngày sinh không được sau ngày hôm nay.")
        if self.cccd_number and "birth_date" not in errors:
            # The check decodes the number with this module's Gender: imported here, not at the top.
            from noivu.personnel.identity.cccd import validate_cccd

            failures = validate_cccd(self.cccd_number, self.birth_date, self.gender or None).failures
            if failures:
                errors["cccd_number"] = " ".join(failure.message for failure in failures)
        if self.religion and self.religion not in codelists.religions():
            errors["religion"] = _("Tôn giáo không có trong danh mục.")
        if self.cccd_issued_on and self.birth_date and self.cccd_issued_on < self.birth_date:
            errors["cccd_issued_on"] = _("Ngày cấp CCCD không thể trước ngày sinh.")
        if self.cccd_issued_on and self.cccd_issued_on > dates.today():
            errors["cccd_issued_on"] = _("Ngày cấp CCCD không được sau ngày hôm nay.")
        if self.phone and "phone" not in errors and not is_phone_number(self.phone):
            errors["phone"] = _("Số điện thoại phải gồm 8–15 chữ số.")
        if self.enlisted_on and self.discharged_on and self.discharged_on < self.enlisted_on:
            errors["discharged_on"] = _("Ngày xuất ngũ phải sau ngày nhập ngũ.")
        if errors:
            raise ValidationError(errors)

    @property
    def ethnic_group_name(self) -> str:
        """The ethnic group's name: the field holds the statistics-office code (older rows: a name)."""
        return codelists.ethnic_groups().name_of(self.ethnic_group)

    @property
    def religion_name(self) -> str:
        return codelists.religions().name_of(self.religion)


class Assignment(EffectiveDated):
    """A person's assignment to an organisation in a category (quá trình công tác), effective-dated.

    Only one primary assignment may be in force at a time; concurrent posts (kiêm nhiệm) are not
    primary and may overlap.
    """

    scope_path = "organization__path"
    overlap_key = ("person", "is_primary")
    history_unindexed_fields = ("organization", "effective_from")
    history_user_unconstrained = True

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("đơn vị"),
    )
    category = models.CharField(_("đối tượng"), max_length=16, choices=Category.choices)
    position_title = models.CharField(_("chức vụ, chức danh"), max_length=200, blank=True)
    is_primary = models.BooleanField(_("công tác chính"), default=True)

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
        errors = entry_errors(self)
        birth = self.person.birth_date
        if birth and self.effective_from and dates.age_on(birth, self.effective_from) < MIN_AGE:
            errors["effective_from"] = _("Ngày bắt đầu công tác phải từ khi đủ %(age)s tuổi.") % {
                "age": MIN_AGE
            }
        if errors:
            raise ValidationError(errors)
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


class PersonAddress(ScopedModel):
    """An address of a person (quê quán, nơi sinh, thường trú, nơi ở hiện nay).

    Both forms are kept: the legacy three-tier units (tỉnh/huyện/xã before 1/7/2025) as recorded, and
    the current two-tier units (tỉnh/xã) after conversion. ``conversion_candidates`` lists the new
    communes a split legacy commune maps to, for a person to choose.
    """

    scope_path = "person__organization__path"

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
        _("trạng thái chuyển đổi"),
        max_length=16,
        choices=ConversionStatus.choices,
        default=ConversionStatus.PENDING,
    )
    conversion_candidates = models.JSONField(_("đơn vị mới có thể"), default=list, blank=True)

    class Meta:
        verbose_name = _("địa chỉ")
        verbose_name_plural = _("địa chỉ")
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="personaddress_one_per_kind")]
        indexes = [models.Index(fields=["conversion_status"], name="personaddress_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.current_text or self.legacy_text}"

    def clean(self) -> None:
        super().clean()
        errors = entry_errors(self)
        if errors:
            raise ValidationError(errors)


# The features' models, registered with the app when Django imports this module.
import noivu.personnel.dossier.models  # noqa: E402,F401
import noivu.personnel.duplicates.models  # noqa: E402,F401
