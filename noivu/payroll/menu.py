"""Payroll's entry in the main menu."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

for entry in (
    MenuEntry("payroll.runs", "regime", _("Bảng lương"), 10, "payroll:runs"),
    MenuEntry("payroll.raises", "regime", _("Nâng bậc lương"), 12, "payroll:raises"),
    MenuEntry("payroll.scenarios", "regime", _("Phương án trả lương"), 15, "payroll:scenarios"),
):
    menu_entries.register(entry)
