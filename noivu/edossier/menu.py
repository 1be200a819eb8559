"""The electronic dossier's entries in the main menu, in the personnel group."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

for entry in (MenuEntry("edossier.index", "personnel", _("Hồ sơ điện tử"), 55, "edossier:index"),):
    menu_entries.register(entry)
