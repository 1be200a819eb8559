"""Payroll's entry in the main menu."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

menu_entries.register(MenuEntry("payroll.runs", "regime", _("Bảng lương"), 10, "payroll:runs"))
