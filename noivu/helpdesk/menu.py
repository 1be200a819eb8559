"""The hotline in the main menu."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

for entry in (
    MenuEntry("helpdesk.questions", "guidance", _("Câu hỏi đường dây nóng"), 20, "helpdesk:questions"),
    MenuEntry("helpdesk.knowledge", "guidance", _("Hỏi đáp, hướng dẫn"), 30, "helpdesk:knowledge"),
    MenuEntry("helpdesk.events", "guidance", _("Hội nghị, tập huấn"), 40, "helpdesk:events"),
):
    menu_entries.register(entry)
