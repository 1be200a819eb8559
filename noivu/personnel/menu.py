"""Personnel's entries in the main menu: the records, retirements, and the review pages for those who
may change records."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries
from noivu.core.permissions import Action, may_somewhere


def _may_review(user: Any) -> bool:
    return may_somewhere(user, Action.CHANGE)


for entry in (
    MenuEntry("personnel.list", "personnel", _("Hồ sơ cán bộ"), 10, "personnel:list"),
    MenuEntry("personnel.retirements", "personnel", _("Đến tuổi nghỉ hưu"), 20, "personnel:retirements"),
    MenuEntry(
        "personnel.duplicates",
        "personnel",
        _("Hồ sơ trùng lặp"),
        30,
        "personnel:duplicates",
        visible=_may_review,
    ),
    MenuEntry(
        "personnel.merges", "personnel", _("Các lần gộp hồ sơ"), 40, "personnel:merges", visible=_may_review
    ),
    MenuEntry(
        "personnel.addresses",
        "personnel",
        _("Chuyển đổi địa chỉ"),
        50,
        "personnel:addresses",
        visible=_may_review,
    ),
):
    menu_entries.register(entry)
