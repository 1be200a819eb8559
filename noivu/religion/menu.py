"""Beliefs and religion in the main menu."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

for entry in (
    MenuEntry("religion.situation", "religion", _("Tình hình, dự báo"), 10, "religion:situation"),
    MenuEntry("religion.dossiers", "religion", _("Hồ sơ thủ tục"), 20, "religion:dossiers"),
    MenuEntry("religion.incidents", "religion", _("Vụ việc"), 30, "religion:incidents"),
    MenuEntry("religion.periodic", "religion", _("Báo cáo định kỳ"), 33, "religion:periodic"),
    MenuEntry("religion.map", "religion", _("Bản đồ"), 36, "religion:map"),
    MenuEntry(
        "religion.registries",
        "religion",
        _("Tổ chức tôn giáo"),
        40,
        "religion:registry",
        url_kwargs=(("kind", "organizations"),),
    ),
):
    menu_entries.register(entry)
