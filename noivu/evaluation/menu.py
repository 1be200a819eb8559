"""Evaluation's entries in the main menu, in the group of regimes and policies."""

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries

for entry in (
    MenuEntry("evaluation.index", "regime", _("Đánh giá, xếp loại"), 20, "evaluation:index"),
    MenuEntry("evaluation.results", "regime", _("Kết quả xếp loại"), 21, "evaluation:results"),
    MenuEntry("evaluation.tasks", "regime", _("Giao việc"), 22, "evaluation:tasks"),
):
    menu_entries.register(entry)
