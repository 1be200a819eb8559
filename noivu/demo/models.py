"""The record of a loaded demo data set (lần nạp dữ liệu mẫu), so that loading is idempotent."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoLoad(models.Model):
    """One load of the demo data set: what was loaded, from which seed, and how much."""

    size = models.CharField(_("cỡ dữ liệu"), max_length=16)
    seed = models.PositiveIntegerField(_("hạt giống ngẫu nhiên"))
    as_of = models.DateField(_("ngày tính tuổi"))
    province_code = models.CharField(_("mã tỉnh mẫu"), max_length=2)
    root_path = models.CharField(max_length=255)
    organizations = models.PositiveIntegerField(_("số cơ quan, đơn vị"))
    persons = models.PositiveIntegerField(_("số hồ sơ"))
    loaded_at = models.DateTimeField(_("thời điểm nạp"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần nạp dữ liệu mẫu")
        verbose_name_plural = _("lần nạp dữ liệu mẫu")

    def __str__(self) -> str:
        return f"{self.size} (seed {self.seed})"
