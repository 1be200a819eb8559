"""The reports' entry in the main menu: the statistical reports the apps registered."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

menu_entries.register(
    MenuEntry("reports.statistics", "personnel", _("Báo cáo thống kê"), 60, "reports:statistics")
)
