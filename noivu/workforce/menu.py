"""Workforce forecasting's entry in the main menu."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

menu_entries.register(
    MenuEntry("workforce.forecast", "organization", _("Dự báo nguồn nhân lực"), 35, "workforce:forecast")
)
