import datetime as dt

import pytest
from django.urls import reverse

from noivu.core.extensions import OrganizationPanel, SubtreeCount, organization_panels, subtree_counts


@pytest.fixture
def registered(settings, tmp_path):
    """A figure and a panel registered as another app would, recording the calls they receive."""
    (tmp_path / "sample_panel.html").write_text('<p id="panel">{{ name }} {{ as_of|date:"d/m/Y" }}</p>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    calls: list[tuple[int, list[str]]] = []

    def count(user, prefix_length: int, paths: list[str], as_of: dt.date) -> dict[str, int]:
        calls.append((prefix_length, sorted(paths)))
        return {path: len(path) * (1 if as_of.year < 2024 else 10) for path in paths}

    subtree_counts.register(SubtreeCount(key="sample", label="Mẫu", order=99, count=count))
    organization_panels.register(
        OrganizationPanel(
            key="sample",
            title="Khối mẫu",
            order=99,
            context=lambda user, organization, as_of: {"name": organization.name},
            template="sample_panel.html",
        )
    )
    yield calls
    subtree_counts.unregister("sample")
    organization_panels.unregister("sample")


def sample(node) -> int:
    return {figure.key: figure.value for figure in node.counts}["sample"]


def test_tree_shows_registered_figures_one_call_per_depth(client, national_admin, tree, registered):
    client.force_login(national_admin)
    response = client.get(reverse("organizations:tree"), {"as_of": "01/01/2023"})
    assert [(node.name, sample(node)) for node in response.context["nodes"]] == [("Chính phủ", 4)]
    assert registered == [(4, [tree["root"].path])]
    registered.clear()
    response = client.get(
        reverse("organizations:children", args=[tree["root"].pk]),
        {"as_of": "01/01/2024"},
        headers={"HX-Request": "true"},
    )
    assert {node.name: sample(node) for node in response.context["nodes"]} == {
        "Bộ Nội vụ": 80,
        "UBND tỉnh A": 80,
        "UBND tỉnh B": 80,
    }
    assert len(registered) == 1


def test_detail_shows_registered_panels_and_figures_as_of_the_day(client, national_admin, tree, registered):
    client.force_login(national_admin)
    response = client.get(
        reverse("organizations:detail", args=[tree["province_a"].pk]), {"as_of": "15/03/2023"}
    )
    html = response.content.decode()
    assert '<p id="panel">UBND tỉnh A 15/03/2023</p>' in html
    assert sample(response.context["organization"]) == 8
    assert [(unit.name, sample(unit)) for unit in response.context["units"]] == [("Sở Nội vụ tỉnh A", 12)]
    # Links keep the day, so that the figures of the next page are of the same day.
    assert f"{reverse('organizations:detail', args=[tree['dept_a'].pk])}?as_of=15/03/2023" in html


def test_another_agencys_units_are_404(client, hr_a, tree, people):
    client.force_login(hr_a)
    for name in ("organizations:detail", "organizations:children"):
        for org in ("province_b", "dept_b", "root"):
            response = client.get(reverse(name, args=[tree[org].pk]))
            assert response.status_code == 404, (name, org)
            assert "Lê Đức Dũng" not in response.content.decode()


def test_the_tree_opens_down_to_the_unit_searched_for(client, hr_a, tree):
    from conftest import make_org
    from noivu.organizations.models import OrganizationKind, OrganizationLevel

    office = make_org(
        tree["dept_a"], "T01-SNV-VP", "Văn phòng Sở", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    client.force_login(hr_a)
    response = client.get(reverse("organizations:tree"), {"unit": office.code})
    html = response.content.decode()
    (province,) = response.context["nodes"]
    assert province.is_open and [node.name for node in province.opened] == ["Sở Nội vụ tỉnh A"]
    (department,) = province.opened
    assert department.is_open and [(node.name, node.found) for node in department.opened] == [
        ("Văn phòng Sở", True)
    ]
    assert 'aria-current="location">Văn phòng Sở</a>' in html
    assert f'aria-controls="children-{department.pk}" aria-expanded="true"' in html
    assert 'role="combobox"' in html and 'value="Văn phòng Sở"' in html

    # Closed by default; another agency's unit is not found, and nothing of it is shown.
    closed = client.get(reverse("organizations:tree")).content.decode()
    assert f'aria-controls="children-{tree["province_a"].pk}" aria-expanded="false"' in closed
    other = client.get(reverse("organizations:tree"), {"unit": tree["dept_b"].code}).content.decode()
    assert 'id="tree-not-found"' in other and "tỉnh B" not in other
