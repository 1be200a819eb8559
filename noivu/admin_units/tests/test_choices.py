"""The communes offered by the tree select of the lists that filter by commune (religion's registries,
incidents and situation)."""

import pytest
from django.urls import reverse

from noivu.admin_units import choices
from noivu.admin_units.loader import load_admin_units
from noivu.admin_units.models import AdminUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue() -> None:
    if not AdminUnit.objects.exists():  # a flush by an earlier transactional test empties it
        load_admin_units()


def test_a_commune_is_found_by_its_name_with_or_without_diacritics_or_its_type_and_shows_its_province(
    catalogue, hr_a
):
    for text in ("ba dinh", "Ba Đình", "phường ba đình", "PHUONG BA"):
        found = choices.search(hr_a, text, 20)
        assert ("00004", "Phường Ba Đình", "Thành phố Hà Nội") in [
            (c.value, c.name, c.place) for c in found
        ], text
    assert choices.find(hr_a, "00004").name == "Phường Ba Đình"
    assert choices.search(hr_a, "00004", 20)[0].name == "Phường Ba Đình"
    assert choices.find(hr_a, "01") is None  # a province is not a commune


def test_the_commune_choices_answer_the_tree_select(client, catalogue, hr_a):
    client.force_login(hr_a)
    results = client.get(reverse("core:tree_choices", args=["commune"]), {"q": "ba dinh"}).json()["results"]
    assert {"value": "00004", "name": "Phường Ba Đình", "place": "Thành phố Hà Nội"} in results


def test_religions_lists_filter_by_a_commune_chosen_in_the_tree_select(client, catalogue, hr_a):
    client.force_login(hr_a)
    for name in ("religion:incidents", "religion:situation"):
        html = client.get(reverse(name), {"commune": "00004"}).content.decode()
        assert 'data-url="/choices/commune/"' in html, name
        assert 'name="commune" value="00004"' in html and 'value="Phường Ba Đình"' in html, name
        assert "Mã xã, phường" not in html
