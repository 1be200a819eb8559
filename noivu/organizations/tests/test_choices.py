"""The tree select's search and the place of a unit in the tree, within the user's scope."""

import pytest
from django.urls import reverse

from conftest import make_org
from noivu.organizations import choices
from noivu.organizations.models import OrganizationKind, OrganizationLevel


@pytest.fixture
def deep(tree):
    """UBND tỉnh A → Sở Nội vụ tỉnh A → Văn phòng Sở → Tổ hành chính → Nhóm văn thư."""
    office = make_org(
        tree["dept_a"], "T01-SNV-VP", "Văn phòng Sở", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    team = make_org(
        office, "T01-SNV-VP-HC", "Tổ hành chính", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    group = make_org(
        team, "T01-SNV-VP-HC-VT", "Nhóm văn thư", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    return {"office": office, "team": team, "group": group}


def names(found) -> list[str]:
    return [choice.name for choice in found]


@pytest.mark.django_db
def test_search_finds_a_unit_by_its_name_with_or_without_diacritics_and_shows_its_place(tree, deep, hr_a):
    for text in ("van phong so", "Văn phòng Sở", "VĂN PHÒNG", "phong so"):
        found = choices.search(hr_a, text, 20)
        assert names(found) == ["Văn phòng Sở"], text
        assert found[0].value == "T01-SNV-VP"
        assert found[0].place == "Sở Nội vụ tỉnh A › UBND tỉnh A"


@pytest.mark.django_db
def test_search_stays_within_the_users_subtrees(tree, deep, hr_a, hr_b):
    assert choices.search(hr_a, "tinh b", 20) == []
    assert names(choices.search(hr_a, "so noi vu", 20)) == ["Sở Nội vụ tỉnh A"]
    assert names(choices.search(hr_b, "so noi vu", 20)) == ["Sở Nội vụ tỉnh B"]
    assert choices.search(hr_b, "van phong", 20) == []
    assert choices.find(hr_b, "T01-SNV-VP") is None


@pytest.mark.django_db
def test_an_empty_search_offers_the_users_top_units_and_the_level_below(tree, deep, hr_a):
    assert names(choices.search(hr_a, "", 20)) == ["UBND tỉnh A", "Sở Nội vụ tỉnh A"]


@pytest.mark.django_db
def test_a_place_names_the_nearest_units_and_the_top_one_and_leaves_out_the_countrys_root(
    tree, deep, national_admin, hr_a
):
    group_path = deep["group"].path
    # Above the group: team, office, department, province, root; the root is left out, the rest shortened.
    assert (
        choices.places(national_admin, [group_path])[group_path]
        == "Tổ hành chính › Văn phòng Sở › … › UBND tỉnh A"
    )
    assert (
        choices.places(hr_a, [deep["office"].path])[deep["office"].path] == "Sở Nội vụ tỉnh A › UBND tỉnh A"
    )
    # The root is kept when it is all there is above; a user sees no place above their own subtree.
    province = tree["province_a"].path
    assert choices.places(national_admin, [province])[province] == "Chính phủ"
    assert choices.places(hr_a, [province])[province] == ""


@pytest.mark.django_db
def test_the_tree_select_endpoint_answers_the_users_matches_as_json(client, tree, deep, hr_a):
    client.force_login(hr_a)
    url = reverse("core:tree_choices", args=["organization"])
    answer = client.get(url, {"q": "van phong"}).json()
    assert answer == {
        "results": [
            {"value": "T01-SNV-VP", "name": "Văn phòng Sở", "place": "Sở Nội vụ tỉnh A › UBND tỉnh A"}
        ]
    }
    assert client.get(url, {"q": "tinh b"}).json() == {"results": []}
    assert client.get(reverse("core:tree_choices", args=["nothing"])).status_code == 404
