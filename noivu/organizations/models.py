"""The organisation tree (cơ quan, tổ chức, đơn vị), stored as a materialised path for fast subtrees."""

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from noivu.core.models import EffectiveDated, EffectiveDatedQuerySet
from noivu.core.permissions import TREE_STEP
from noivu.core.text import fold


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", _("Chính phủ")
    MINISTRY = "ministry", _("Bộ, cơ quan ngang bộ")
    PROVINCE_COMMITTEE = "province_committee", _("UBND tỉnh, thành phố")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("Đơn vị sự nghiệp công lập")
    COMMUNE_COMMITTEE = "commune_committee", _("UBND xã, phường, đặc khu")
    DIVISION = "division", _("Phòng, ban, vụ, cục")


class OrganizationLevel(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")


class OrganizationQuerySet(MP_NodeQuerySet, EffectiveDatedQuerySet):
    pass


# treebeard is untyped: the manager class it builds is opaque to the type checker.
_OrganizationManagerBase: Any = MP_NodeManager.from_queryset(OrganizationQuerySet)


class OrganizationManager(_OrganizationManagerBase):
    def get_queryset(self) -> OrganizationQuerySet:
        return OrganizationQuerySet(self.model, using=self._db).order_by("path")


class Organization(MP_Node, EffectiveDated):
    """An agency or unit (cơ quan, đơn vị) in the tree, effective-dated from its founding decision."""

    scope_path = "path"
    history_excluded_fields = ("path", "depth", "numchild")
    steplen = TREE_STEP

    code = models.CharField(_("mã đơn vị"), max_length=32, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(_("loại hình"), max_length=24, choices=OrganizationKind.choices)
    level = models.CharField(_("cấp"), max_length=8, choices=OrganizationLevel.choices)
    admin_unit_code = models.CharField(
        _("mã đơn vị hành chính"),
        max_length=8,
        blank=True,
        help_text=_("mã tỉnh hoặc xã theo danh mục hiện hành"),
    )

    objects: ClassVar[OrganizationManager] = OrganizationManager()

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        indexes = [models.Index(fields=["kind", "level"], name="org_kind_level")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)
