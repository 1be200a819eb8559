"""The main menu is built from what the apps register: groups with an entry the user may open."""

import pytest
from django.urls import reverse

from noivu.core.extensions import MenuEntry, menu_entries
from noivu.core.menu import menu_for


def _links(user) -> dict[str, list[str]]:
    return {group.key: [address for _, address in group.links] for group in menu_for(user)}


def test_an_entry_shows_in_its_group_only_to_users_it_is_visible_to(hr_a, leader_a):
    for_hr, for_leader = _links(hr_a), _links(leader_a)
    assert reverse("personnel:list") in for_hr["personnel"]
    assert reverse("personnel:duplicates") in for_hr["personnel"]
    assert reverse("personnel:duplicates") not in for_leader["personnel"]
    assert reverse("organizations:tree") in for_leader["organization"]


def test_a_group_without_an_entry_is_not_shown(hr_a):
    shown = [group.key for group in menu_for(hr_a)]
    entry = MenuEntry("test.hidden", "regime", "Ẩn", 1, "personnel:list", visible=lambda user: False)
    menu_entries.register(entry)
    try:
        assert [group.key for group in menu_for(hr_a)] == shown
    finally:
        menu_entries.unregister(entry.key)


def test_an_entry_naming_no_group_is_a_configuration_error(hr_a):
    menu_entries.register(MenuEntry("test.stray", "nowhere", "Lạc", 1, "personnel:list"))
    try:
        with pytest.raises(LookupError, match="test.stray"):
            menu_for(hr_a)
    finally:
        menu_entries.unregister("test.stray")


def test_the_layout_renders_the_groups_as_keyboard_drop_downs(client, hr_a):
    client.force_login(hr_a)
    html = client.get(reverse("personnel:list")).content.decode()
    assert 'aria-controls="menu-personnel-items"' in html
    assert ">Cán bộ<" in html and f'href="{reverse("personnel:retirements")}"' in html
