"""Staffing's entries in the main menu."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

for entry in (
    MenuEntry("staffing.overview", "organization", _("Biên chế"), 20, "staffing:overview"),
    MenuEntry("staffing.cases", "organization", _("Tinh giản biên chế"), 30, "staffing:cases"),
):
    menu_entries.register(entry)
