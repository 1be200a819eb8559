"""Staffing (biên chế): what an organisation is and does, how it was restructured, the staff it may have
each year, the streamlining it must achieve and the persons who leave under a streamlining policy."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core.models import EffectiveDated, LegalBasis, ScopedModel


class OrganizationType(models.TextChoices):
    """Type of an organisation by how it is staffed and funded (loại hình tổ chức)."""

    ADMINISTRATIVE = "administrative", _("Cơ quan hành chính nhà nước")
    PARTY_MASS = "party_mass", _("Cơ quan Đảng, Mặt trận, đoàn thể")
    PUBLIC_SERVICE_BUDGET = "psu_budget", _("Đơn vị sự nghiệp do ngân sách bảo đảm chi thường xuyên")
    PUBLIC_SERVICE_PARTIAL = "psu_partial", _("Đơn vị sự nghiệp tự bảo đảm một phần chi thường xuyên")
    PUBLIC_SERVICE_SELF = "psu_self", _("Đơn vị sự nghiệp tự bảo đảm chi thường xuyên")
    COMMUNE_GOVERNMENT = "commune", _("Chính quyền cấp xã")


class QuotaCategory(models.TextChoices):
    """Kinds of staffing quota (loại biên chế)."""

    CIVIL_SERVANT = "civil_servant", _("Biên chế công chức")
    PUBLIC_EMPLOYEE = "public_employee", _("Số người làm việc hưởng lương từ ngân sách")
    SUPPORT_CONTRACT = "support_contract", _("Hợp đồng lao động hỗ trợ, phục vụ")
    COMMUNE = "commune", _("Cán bộ, công chức cấp xã")


# Which personnel categories (noivu.personnel.models.Category values) fill each kind of quota.
QUOTA_FILLED_BY: dict[str, tuple[str, ...]] = {
    QuotaCategory.CIVIL_SERVANT: ("cadre", "civil_servant"),
    QuotaCategory.PUBLIC_EMPLOYEE: ("public_employee",),
    QuotaCategory.SUPPORT_CONTRACT: ("contract",),
    QuotaCategory.COMMUNE: ("commune_cadre", "commune_servant"),
}
QUOTA_OF_CATEGORY: dict[str, str] = {
    category: quota for quota, categories in QUOTA_FILLED_BY.items() for category in categories
}


class Workflow(models.TextChoices):
    """Where a proposal stands (đề xuất → thẩm định → phê duyệt)."""

    PROPOSED = "proposed", _("Đề xuất")
    APPRAISED = "appraised", _("Đã thẩm định")
    APPROVED = "approved", _("Đã phê duyệt")
    RETURNED = "returned", _("Trả lại")
    DONE = "done", _("Đã thực hiện")


class Decision(models.Model):
    """The deciding document of an approval (quyết định): number, date and signer's agency."""

    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decided_by = models.CharField(_("cơ quan quyết định"), max_length=255, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        abstract = True

    @property
    def decision_label(self) -> str:
        if not self.decision_number:
            return ""
        day = f" ngày {self.decision_date:%d/%m/%Y}" if self.decision_date else ""
        return f"{self.decision_number}{day}"


class OrganizationProfile(ScopedModel):
    """What an organisation is (thông tin tổ chức): its type, functions and tasks, and the legal document
    that established it."""

    scope_path = "organization__path"

    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.CASCADE, related_name="staffing_profile"
    )
    organization_type = models.CharField(_("loại hình"), max_length=16, choices=OrganizationType.choices)
    functions = models.TextField(_("chức năng"), blank=True)
    tasks = models.TextField(_("nhiệm vụ, quyền hạn"), blank=True)
    establishment_basis = models.ForeignKey(
        LegalBasis,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản thành lập"),
    )

    class Meta:
        verbose_name = _("thông tin tổ chức")
        verbose_name_plural = _("thông tin tổ chức")

    def __str__(self) -> str:
        return str(self.organization)


class RestructuringKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập vào đơn vị khác")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")
    TRANSFER = "transfer", _("Chuyển về trực thuộc đơn vị khác")


class RestructuringEvent(ScopedModel, Decision):
    """A restructuring of an organisation from a date (sắp xếp tổ chức): merged into another unit, split
    into several, renamed, or moved under another parent. Applying it moves the persons assigned there
    with new assignments from its date, their earlier assignments kept."""

    scope_path = "organization__path"

    kind = models.CharField(_("hình thức"), max_length=8, choices=RestructuringKind.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="restructurings",
        verbose_name=_("đơn vị được sắp xếp"),
    )
    successor = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị tiếp nhận"),
        help_text=_(
            "sáp nhập: đơn vị nhận; chia tách: đơn vị nhận những người không được phân bổ; "
            "chuyển: đơn vị cấp trên mới"
        ),
    )
    new_name = models.CharField(_("tên mới"), max_length=255, blank=True)
    old_name = models.CharField(_("tên cũ"), max_length=255, blank=True, editable=False)
    effective_date = models.DateField(_("ngày hiệu lực"))
    legal_basis = models.ForeignKey(
        LegalBasis,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("căn cứ pháp lý"),
    )
    description = models.TextField(_("nội dung"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Workflow.choices, default=Workflow.PROPOSED
    )
    persons_moved = models.PositiveIntegerField(_("số người được chuyển"), default=0)

    class Meta:
        verbose_name = _("sắp xếp tổ chức")
        verbose_name_plural = _("sắp xếp tổ chức")
        ordering = ["-effective_date", "-pk"]
        indexes = [models.Index(fields=["effective_date"], name="restructuring_date")]

    def __str__(self) -> str:
        name = self.old_name or self.organization
        return f"{self.get_kind_display()}: {name} ({self.effective_date:%d/%m/%Y})"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind in (RestructuringKind.MERGE, RestructuringKind.SPLIT, RestructuringKind.TRANSFER):
            if self.successor_id is None:
                errors["successor"] = str(_("Sáp nhập, chia tách và chuyển đơn vị cần đơn vị tiếp nhận."))
            elif self.successor_id == self.organization_id:
                errors["successor"] = str(_("Đơn vị tiếp nhận phải khác đơn vị được sắp xếp."))
        if self.kind == RestructuringKind.RENAME and not self.new_name.strip():
            errors["new_name"] = str(_("Đổi tên cần tên mới."))
        if (
            self.kind == RestructuringKind.TRANSFER
            and self.successor is not None
            and self.organization_id
            and self.successor.path.startswith(self.organization.path)
        ):
            errors["successor"] = str(
                _("Không chuyển một đơn vị về trực thuộc chính nó hoặc đơn vị cấp dưới của nó.")
            )
        if errors:
            raise ValidationError(errors)


class RestructuringAllocation(ScopedModel):
    """Where one person goes when their unit is split (phân bổ người khi chia tách)."""

    scope_path = "event__organization__path"

    event = models.ForeignKey(RestructuringEvent, on_delete=models.CASCADE, related_name="allocations")
    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="+")
    to_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("phân bổ người khi chia tách")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="allocation_one_per_person")]


class StaffingQuota(EffectiveDated, Decision):
    """A staffing quota of an organisation for a period, usually a year (biên chế được giao), covering the
    organisation and its whole subtree: the quotas of its units together may not exceed it. Proposed by the
    agency,
    appraised by the Home Affairs department, approved by the competent authority with its decision.
    Two quotas of one kind for one organisation may not overlap in time (returned proposals aside)."""

    scope_path = "organization__path"
    overlap_key = ("organization", "category")

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="staffing_quotas",
        verbose_name=_("đơn vị"),
    )
    category = models.CharField(_("loại biên chế"), max_length=16, choices=QuotaCategory.choices)
    quantity = models.PositiveIntegerField(_("số lượng"))
    year = models.PositiveSmallIntegerField(_("năm"), db_index=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Workflow.choices, default=Workflow.PROPOSED
    )

    class Meta:
        verbose_name = _("biên chế được giao")
        verbose_name_plural = _("biên chế được giao")
        ordering = ["-year", "organization__path", "category"]
        indexes = [models.Index(fields=["status", "effective_from"], name="quota_status_from")]
        constraints = [models.CheckConstraint(condition=models.Q(quantity__gte=0), name="quota_not_negative")]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.year}: {self.quantity}"

    def validate_no_overlap(self) -> None:
        if self.status == Workflow.RETURNED:
            return
        same = (
            StaffingQuota.objects.unrestricted()
            .filter(organization_id=self.organization_id, category=self.category)
            .exclude(status=Workflow.RETURNED)
        )
        clash = same.exclude(pk=self.pk).overlapping(self.effective_from, self.effective_to).first()
        if clash is not None:
            raise ValidationError(
                _(
                    "Quy tắc không trùng thời gian: biên chế %(category)s của đơn vị này %(new)s "
                    "trùng với khoảng "
                    "%(old)s đã có (%(status)s)."
                )
                % {
                    "category": self.get_category_display().lower(),
                    "new": self.period_label(),
                    "old": clash.period_label(),
                    "status": clash.get_status_display().lower(),
                }
            )


class StreamliningTarget(EffectiveDated):
    """A streamlining target (chỉ tiêu tinh giản biên chế) of an organisation's subtree for a period: cut at
    least ``min_cut`` of the baseline headcount of one category (e.g. 5% of civil servants in 2022–2026
    against 2021)."""

    scope_path = "organization__path"
    overlap_key = ("organization", "category")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    category = models.CharField(_("loại biên chế"), max_length=16, choices=QuotaCategory.choices)
    baseline_year = models.PositiveSmallIntegerField(_("năm gốc"))
    baseline = models.PositiveIntegerField(_("số biên chế năm gốc"))
    min_cut = models.DecimalField(_("tỷ lệ tinh giản tối thiểu"), max_digits=4, decimal_places=3)
    legal_basis = models.ForeignKey(
        LegalBasis, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("chỉ tiêu tinh giản biên chế")
        verbose_name_plural = _("chỉ tiêu tinh giản biên chế")
        ordering = ["organization__path", "category", "effective_from"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.period_label()}: {self.min_cut:.0%}"

    @property
    def required(self) -> int:
        """Persons to cut at least: the baseline × the rate, rounded up."""
        return int(-(-(self.baseline * self.min_cut) // 1))


class StreamliningPolicy(models.TextChoices):
    EARLY_RETIREMENT = "early_retirement", _("Nghỉ hưu trước tuổi")
    TRANSFER = "transfer_non_budget", _("Chuyển sang tổ chức không hưởng lương thường xuyên từ ngân sách")
    RESIGNATION = "resignation", _("Thôi việc")


class StreamliningGround(models.TextChoices):
    """Why the person is streamlined (lý do tinh giản)."""

    RESTRUCTURING = "restructuring", _("Dôi dư do sắp xếp tổ chức bộ máy, đơn vị hành chính")
    JOB_POSITION = "job_position", _("Dôi dư do cơ cấu lại theo vị trí việc làm")
    QUALIFICATION = "qualification", _("Chưa đạt chuẩn trình độ theo vị trí việc làm")
    RATING = "rating", _("Xếp loại chất lượng ở mức thấp")
    HEALTH = "health", _("Sức khỏe không bảo đảm")


class StreamliningCase(ScopedModel, Decision):
    """A person streamlined (trường hợp tinh giản biên chế): the policy chosen, the benefit computed under
    the decree in force on the case's date with the inputs it used, and the workflow to the person's
    leaving their assignment on ``leave_date``."""

    scope_path = "organization__path"

    person = models.ForeignKey(
        "personnel.Person", on_delete=models.PROTECT, related_name="streamlining_cases"
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    category = models.CharField(_("loại biên chế"), max_length=16, choices=QuotaCategory.choices)
    ground = models.CharField(_("lý do"), max_length=16, choices=StreamliningGround.choices)
    policy = models.CharField(_("chính sách"), max_length=20, choices=StreamliningPolicy.choices)
    case_date = models.DateField(_("ngày lập hồ sơ"))
    leave_date = models.DateField(_("ngày nghỉ"), help_text=_("ngày người này thôi giữ vị trí công tác"))
    restructuring = models.ForeignKey(
        RestructuringEvent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sắp xếp tổ chức liên quan"),
    )
    restructuring_decision_date = models.DateField(_("ngày quyết định sắp xếp"), null=True, blank=True)
    regime = models.CharField(_("văn bản áp dụng"), max_length=16)
    salary_current = models.PositiveBigIntegerField(_("tiền lương tháng hiện hưởng"))
    salary_average = models.PositiveBigIntegerField(_("tiền lương tháng bình quân"), null=True, blank=True)
    si_years = models.PositiveSmallIntegerField(_("số năm đóng BHXH"))
    si_months = models.PositiveSmallIntegerField(_("số tháng lẻ đóng BHXH"), default=0)
    months_to_retirement = models.PositiveSmallIntegerField(_("số tháng đến tuổi nghỉ hưu"))
    benefit_total = models.BigIntegerField(_("tổng trợ cấp"))
    benefit = models.JSONField(_("chi tiết trợ cấp"), default=dict)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Workflow.choices, default=Workflow.PROPOSED
    )

    class Meta:
        verbose_name = _("trường hợp tinh giản biên chế")
        verbose_name_plural = _("trường hợp tinh giản biên chế")
        ordering = ["-case_date", "-pk"]
        indexes = [
            models.Index(fields=["status", "leave_date"], name="streamlining_status_leave"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_policy_display()} ({self.leave_date:%d/%m/%Y})"

    @property
    def last_day(self) -> dt.date:
        return self.leave_date - dt.timedelta(days=1)
