"""Job positions' entries in the main menu."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

for entry in (
    MenuEntry("positions.projects", "organization", _("Vị trí việc làm"), 40, "positions:projects"),
    MenuEntry("positions.campaigns", "organization", _("Đợt phê duyệt đề án"), 45, "positions:campaigns"),
):
    menu_entries.register(entry)
