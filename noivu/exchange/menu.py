"""The exchange's entry in the main menu, for the national administrator only."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import MenuEntry, menu_entries
from noivu.core.permissions import Action, is_national


def _national(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and is_national(user, Action.ADMINISTER)


menu_entries.register(
    MenuEntry(
        "exchange.index",
        "personnel",
        _("Trao đổi dữ liệu giữa các hệ thống"),
        57,
        "exchange:index",
        visible=_national,
    )
)
