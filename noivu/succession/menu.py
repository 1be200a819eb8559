"""Succession's entries in the main menu, in the group of personnel."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

for entry in (
    MenuEntry("succession.index", "personnel", _("Quy hoạch cán bộ"), 60, "succession:index"),
    MenuEntry("succession.training", "personnel", _("Đào tạo, bồi dưỡng"), 61, "succession:training"),
    MenuEntry("succession.mentoring", "personnel", _("Kèm cặp, bàn giao"), 62, "succession:mentoring"),
):
    menu_entries.register(entry)
