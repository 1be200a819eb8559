"""Arrangement of administrative units (sắp xếp đơn vị hành chính): plans, their groups, the adjacency
of units and the boundaries imported to draw them.

A plan (phương án) belongs to the organisation that drafts it (a province's People's Committee or its
Department of Home Affairs) and arranges the units of one parent unit (a district before 1/7/2025, a
province after). It moves through draft → submitted → appraised → approved → adopted (or returned),
each step an action with its audit event.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.admin_units.models import AdminUnit, Regime
from noivu.core.models import ScopedModel


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã trình")
    APPRAISED = "appraised", _("Đã thẩm định")
    APPROVED = "approved", _("Đã phê duyệt")
    RETURNED = "returned", _("Trả lại")
    ADOPTED = "adopted", _("Đã thi hành")


class PlanSource(models.TextChoices):
    SOLVER = "solver", _("Đề xuất bằng bộ giải")
    MANUAL = "manual", _("Lập thủ công")
    OFFICIAL = "official", _("Phương án chính thức đã ban hành")


class Objective(models.TextChoices):
    FEWEST_UNITS = "fewest_units", _("Ít đơn vị sau sắp xếp nhất")
    FEWEST_CHANGED = "fewest_changed", _("Ít đơn vị phải thay đổi nhất")
    MOST_COMPACT = "most_compact", _("Gọn nhất về địa lý")


class ArrangementPlan(ScopedModel):
    """A plan arranging the units of one parent (phương án sắp xếp ĐVHC)."""

    scope_path = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="arrangement_plans",
        verbose_name=_("cơ quan lập phương án"),
    )
    name = models.CharField(_("tên phương án"), max_length=255)
    regime = models.CharField(_("chế độ"), max_length=8, choices=Regime.choices)
    parent_code = models.CharField(_("mã đơn vị cấp trên"), max_length=8)
    as_of = models.DateField(_("số liệu tính đến ngày"))
    period = models.CharField(_("giai đoạn tiêu chí"), max_length=16)
    objective = models.CharField(
        _("mục tiêu"), max_length=16, choices=Objective.choices, default=Objective.FEWEST_UNITS
    )
    source = models.CharField(_("nguồn"), max_length=8, choices=PlanSource.choices, default=PlanSource.MANUAL)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    locked_codes = models.JSONField(_("đơn vị giữ nguyên"), default=list, blank=True)
    solver_report = models.JSONField(_("kết quả bộ giải"), default=dict, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    resolution_number = models.CharField(_("số nghị quyết"), max_length=64, blank=True)
    resolution_date = models.DateField(_("ngày ban hành nghị quyết"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phương án sắp xếp đơn vị hành chính")
        verbose_name_plural = _("phương án sắp xếp đơn vị hành chính")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class PlanGroup(ScopedModel):
    """A group of a plan: the units merged into one new unit (nhóm nhập), its name, code and seat."""

    scope_path = "plan__organization__path"

    plan = models.ForeignKey(ArrangementPlan, on_delete=models.CASCADE, related_name="groups")
    members = models.JSONField(_("đơn vị nhập"), default=list)
    new_name = models.CharField(_("tên đơn vị mới"), max_length=100, blank=True)
    new_code = models.CharField(_("mã đơn vị mới"), max_length=8, blank=True)
    seat_code = models.CharField(_("đơn vị đặt trụ sở"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("nhóm đơn vị nhập")
        verbose_name_plural = _("nhóm đơn vị nhập")
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return self.new_name or ", ".join(self.members)


class AdjacencySource(models.TextChoices):
    BOUNDARIES = "boundaries", _("Từ tệp ranh giới")
    CENTROIDS = "centroids", _("Ước lượng từ tâm đơn vị")
    MANUAL = "manual", _("Nhập tay")


class UnitAdjacency(ScopedModel):
    """Two units that share a boundary (đơn vị liền kề), with ``code_a`` < ``code_b``. A pair derived
    from centres is ``approximate``; a person may add a pair or mark one ``removed``."""

    regime = models.CharField(_("chế độ"), max_length=8, choices=Regime.choices)
    code_a = models.CharField(max_length=8)
    code_b = models.CharField(max_length=8)
    province_code = models.CharField(_("mã tỉnh"), max_length=8)
    source = models.CharField(_("nguồn"), max_length=12, choices=AdjacencySource.choices)
    approximate = models.BooleanField(_("ước lượng"), default=False)
    removed = models.BooleanField(_("đã loại bỏ"), default=False)

    class Meta:
        verbose_name = _("quan hệ liền kề")
        verbose_name_plural = _("quan hệ liền kề")
        constraints = [
            models.UniqueConstraint(fields=["regime", "code_a", "code_b"], name="unitadjacency_unique_pair")
        ]
        indexes = [models.Index(fields=["regime", "province_code"], name="unitadjacency_province")]

    def __str__(self) -> str:
        return f"{self.code_a}–{self.code_b}"


class UnitBoundary(ScopedModel):
    """A unit's polygon as imported from a boundary file (GeoJSON, WGS 84), or approximated from the
    centres of the units of its parent (``approximate``). The polygon itself stays out of the history:
    a new import replaces it whole."""

    history_excluded_fields = ("geometry",)

    unit = models.OneToOneField(AdminUnit, on_delete=models.CASCADE, related_name="boundary")
    geometry = models.JSONField(_("hình học (GeoJSON)"))
    approximate = models.BooleanField(_("ước lượng"), default=False)

    class Meta:
        verbose_name = _("ranh giới đơn vị hành chính")
        verbose_name_plural = _("ranh giới đơn vị hành chính")

    def __str__(self) -> str:
        return str(self.unit)
