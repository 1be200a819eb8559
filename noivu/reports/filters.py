"""The filters of the statistical reports: the scope (a unit's subtree, or everything the user may see) and
the as-of date; a drill-down also names the row (a unit of the scope's next level, or the total) and the
figure of its cell."""

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet, keep_all
from noivu.core.widgets import tree_field


class StatisticsFilters(FilterSet):
    """A report's scope and day: the rows are the units one level below the scope."""

    organization = Filter(
        tree_field(_("Phạm vi")),
        keep_all,
        description="Mã đơn vị: báo cáo theo các đơn vị trực thuộc đơn vị đó; bỏ trống: mọi đơn vị được xem.",
    )


class CellFilters(StatisticsFilters):
    """The cell of a drill-down: the row's unit (empty: the total) and the figure."""

    unit = Filter(
        forms.CharField(label=_("Đơn vị của dòng"), required=False, max_length=64),
        keep_all,
        description="Mã đơn vị của dòng (một đơn vị trực thuộc phạm vi); bỏ trống: dòng tổng cộng.",
    )
    figure = Filter(
        forms.CharField(label=_("Chỉ tiêu"), required=False, max_length=64),
        keep_all,
        description="Mã chỉ tiêu (cột) của báo cáo; bỏ trống: cột đầu tiên (tổng số).",
    )
