"""The organisation tree's entry in the main menu."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

menu_entries.register(
    MenuEntry("organizations.tree", "organization", _("Cơ quan, đơn vị"), 10, "organizations:tree")
)
