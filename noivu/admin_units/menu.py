"""The arrangement of administrative units in the main menu."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

for entry in (
    MenuEntry(
        "admin_units.analysis", "admin_units", _("Phân tích theo tiêu chuẩn"), 10, "admin_units:analysis"
    ),
    MenuEntry("admin_units.plans", "admin_units", _("Phương án sắp xếp"), 20, "admin_units:plans"),
    MenuEntry("admin_units.adjacency", "admin_units", _("Quan hệ liền kề"), 30, "admin_units:adjacency"),
    MenuEntry(
        "admin_units.figures", "admin_units", _("Nhập diện tích, dân số"), 40, "admin_units:figures_import"
    ),
):
    menu_entries.register(entry)
