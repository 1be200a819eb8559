"""Accessibility of the server-rendered markup, on both databases (the browser tests add axe-core)."""

import re

import pytest
from django.urls import reverse

from conftest import make_person, make_user
from noivu.core.permissions import Role


def dangling_describedby(html: str) -> set[str]:
    """Ids named by an ``aria-describedby`` that no element of the page carries."""
    named = {name for value in re.findall(r'aria-describedby="([^"]*)"', html) for name in value.split()}
    present = set(re.findall(r'\bid="([^"]*)"', html))
    return named - present


@pytest.mark.django_db
def test_help_texts_carry_the_id_their_fields_point_at(client, tree, people):
    client.force_login(make_user("admin", Role.SYSTEM_ADMIN, tree["root"]))
    pages = [
        reverse("core:rules") + "?table=base_salary",
        reverse("personnel:edit", args=[people["an"].pk]),
        reverse("personnel:dossier_add", args=[people["an"].pk, "salary"]),
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert dangling_describedby(html) == set(), path
    assert 'aria-describedby="id_value_helptext"' in client.get(pages[0]).content.decode()


@pytest.mark.django_db
def test_disabled_page_links_say_so_to_assistive_technology(client, tree, people):
    client.force_login(make_user("admin", Role.SYSTEM_ADMIN, tree["root"]))
    for index in range(60):
        make_person(tree["dept_a"], f"Người {index}")
    html = client.get(reverse("personnel:list")).content.decode()
    assert re.search(r'<a class="pagination-previous is-disabled" role="link" aria-disabled="true">', html)
