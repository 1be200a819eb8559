"""Emulation and commendation in the main menu, in the group of regimes and policies."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

menu_entries.register(MenuEntry("awards.index", "regime", _("Thi đua, khen thưởng"), 25, "awards:index"))
