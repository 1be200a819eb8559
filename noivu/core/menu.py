"""The main menu (trình đơn chính): its groups, and the entries a user sees.

``core`` owns the groups; every app adds its pages from its own ``menu.py`` (imported by ``core`` at
start-up) with ``menu_entries.register(MenuEntry(...))``, so that the layout never names an app's page.
"""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import pgettext_lazy

from noivu.core.extensions import MenuEntry, MenuGroup, menu_entries, menu_groups
from noivu.core.permissions import Action, may_somewhere

for group in (
    MenuGroup("organization", pgettext_lazy("main menu", "Tổ chức"), 10),
    MenuGroup("personnel", pgettext_lazy("main menu", "Cán bộ"), 20),
    MenuGroup("regime", pgettext_lazy("main menu", "Chế độ, chính sách"), 30),
    MenuGroup("admin_units", pgettext_lazy("main menu", "Đơn vị hành chính"), 40),
    MenuGroup("religion", pgettext_lazy("main menu", "Tôn giáo"), 50),
    MenuGroup("guidance", pgettext_lazy("main menu", "Văn bản, hỏi đáp"), 60),
):
    menu_groups.register(group)


@dataclass(frozen=True)
class ShownGroup:
    """A group of the menu as one user sees it: its links, in order."""

    key: str
    title: str
    links: list[tuple[str, str]]


def menu_for(user: Any) -> list[ShownGroup]:
    """The groups ``user`` sees, each with the (title, address) of its entries the user may open."""
    groups = {group.key for group in menu_groups}
    official = may_somewhere(user, Action.VIEW)
    links: dict[str, list[tuple[str, str]]] = {}
    for entry in menu_entries:
        if entry.group not in groups:
            raise LookupError(f"Menu entry {entry.key!r} names no menu group ({entry.group!r}).")
        if (entry.visible is None and official) or (entry.visible is not None and entry.visible(user)):
            links.setdefault(entry.group, []).append((str(entry.title), _address(entry)))
    return [
        ShownGroup(group.key, str(group.title), links[group.key])
        for group in menu_groups
        if group.key in links
    ]


def _address(entry: MenuEntry) -> str:
    return reverse(entry.url_name, kwargs=dict(entry.url_kwargs))
