"""The organisation pages as the installed apps fill them: personnel's person counts and headcount panel."""

from django.urls import reverse

from noivu.core.dates import today


def persons(node) -> int:
    return {figure.key: figure.value for figure in node.counts}["persons"]


def test_tree_starts_at_the_users_subtree_with_person_counts(client, hr_a, people):
    client.force_login(hr_a)
    response = client.get(reverse("organizations:tree"))
    nodes = response.context["nodes"]
    assert [(node.name, persons(node)) for node in nodes] == [("UBND tỉnh A", 2)]
    html = response.content.decode()
    assert "UBND tỉnh B" not in html and "Chính phủ" not in html


def test_tree_of_a_national_user_starts_at_the_root(client, national_admin, people):
    client.force_login(national_admin)
    nodes = client.get(reverse("organizations:tree")).context["nodes"]
    assert [(node.name, persons(node)) for node in nodes] == [("Chính phủ", 3)]


def test_children_partial_expands_lazily(client, national_admin, tree, people):
    client.force_login(national_admin)
    tree_html = client.get(reverse("organizations:tree")).content.decode()
    children_url = reverse("organizations:children", args=[tree["root"].pk])
    assert f'data-url="{children_url}?as_of={today():%d/%m/%Y}"' in tree_html
    response = client.get(
        reverse("organizations:children", args=[tree["root"].pk]), headers={"HX-Request": "true"}
    )
    counts = {node.name: persons(node) for node in response.context["nodes"]}
    assert counts == {"Bộ Nội vụ": 0, "UBND tỉnh A": 2, "UBND tỉnh B": 1}
    assert "<nav" not in response.content.decode()


def test_detail_shows_units_and_subtree_headcount(client, hr_a, tree, people):
    client.force_login(hr_a)
    response = client.get(reverse("organizations:detail", args=[tree["province_a"].pk]))
    assert response.status_code == 200
    assert persons(response.context["organization"]) == 2
    assert [(unit.name, persons(unit)) for unit in response.context["units"]] == [("Sở Nội vụ tỉnh A", 1)]
    # The root above the user's grant is not shown as a link.
    assert list(response.context["ancestors"]) == []
    html = response.content.decode()
    assert 'id="subtree-persons">2<' in html and 'id="panel-headcount"' in html
    assert f'?organization={tree["province_a"].code}"' in html
