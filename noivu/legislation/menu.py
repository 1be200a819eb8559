"""The drafting programme in the main menu."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

menu_entries.register(
    MenuEntry(
        "legislation.programmes", "guidance", _("Chương trình xây dựng văn bản"), 10, "legislation:programmes"
    )
)
