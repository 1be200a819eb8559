"""Recruitment's entry in the main menu, in the group of personnel."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

menu_entries.register(MenuEntry("recruitment.index", "personnel", _("Tuyển dụng"), 60, "recruitment:index"))
