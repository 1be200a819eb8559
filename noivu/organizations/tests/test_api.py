import datetime as dt

import pytest
from django.test import Client

from conftest import make_org
from noivu.accounts.models import ApiToken
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel

URL = "/api/v1/organizations"


def api_client(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(headers={"authorization": f"Bearer {raw}"})


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["items"]]


@pytest.mark.django_db
def test_list_holds_only_the_users_subtree_with_tree_facts(tree, hr_a):
    response = api_client(hr_a).get(URL)
    body = response.json()
    assert body["count"] == 2
    assert [(o["code"], o["parent_code"], o["depth"], o["child_count"]) for o in body["items"]] == [
        ("T01", "VN", 2, 1),
        ("T01-SNV", "T01", 3, 0),
    ]
    assert body["items"][1]["kind"] == "department"
    assert body["items"][1]["effective_from"] == "2020-01-01"


@pytest.mark.django_db
def test_national_admin_lists_the_whole_tree_in_tree_order(tree, national_admin):
    assert codes(api_client(national_admin).get(URL)) == ["VN", "BNV", "T01", "T01-SNV", "T02", "T02-SNV"]


@pytest.mark.django_db
def test_parent_filter_gives_direct_children_within_scope(tree, hr_a, national_admin):
    assert codes(api_client(national_admin).get(URL, {"parent": "VN"})) == ["BNV", "T01", "T02"]
    assert codes(api_client(hr_a).get(URL, {"parent": "VN"})) == ["T01"]
    assert codes(api_client(hr_a).get(URL, {"parent": "T02"})) == []
    assert codes(api_client(hr_a).get(URL, {"parent": "KHONG-CO"})) == []


@pytest.mark.django_db
def test_under_filter_gives_the_subtree_within_scope(tree, hr_a, national_admin):
    assert codes(api_client(national_admin).get(URL, {"under": "T02"})) == ["T02", "T02-SNV"]
    assert codes(api_client(hr_a).get(URL, {"under": "T02"})) == []
    assert codes(api_client(hr_a).get(URL, {"under": "VN"})) == ["T01", "T01-SNV"]


@pytest.mark.django_db
def test_kind_level_and_folded_name_filters(tree, national_admin, hr_a):
    client = api_client(national_admin)
    assert codes(client.get(URL, {"kind": "department"})) == ["T01-SNV", "T02-SNV"]
    assert codes(client.get(URL, {"level": "central"})) == ["VN", "BNV"]
    assert codes(client.get(URL, {"q": "so noi vu tinh b"})) == ["T02-SNV"]
    assert codes(client.get(URL, {"q": "SỞ NỘI VỤ"})) == ["T01-SNV", "T02-SNV"]
    assert codes(api_client(hr_a).get(URL, {"q": "noi vu"})) == ["T01-SNV"]


@pytest.mark.django_db
def test_as_of_keeps_the_units_in_force_that_day(tree, national_admin):
    dissolved = make_org(
        tree["province_a"], "T01-CU", "Sở cũ", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    Organization.objects.filter(pk=dissolved.pk).update(effective_to=dt.date(2024, 12, 31))
    client = api_client(national_admin)
    assert "T01-CU" in codes(client.get(URL, {"as_of": "2024-12-31"}))
    assert "T01-CU" not in codes(client.get(URL, {"as_of": "2025-01-01"}))
    assert "T01-CU" not in codes(client.get(URL, {"as_of": "2019-12-31"}))
    assert "T01-CU" not in codes(client.get(URL))  # as of today by default


@pytest.mark.django_db
def test_invalid_filter_is_a_422_naming_the_field(tree, hr_a):
    response = api_client(hr_a).get(URL, {"kind": "khong-co", "as_of": "31/12/2024"})
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"kind", "as_of"}


@pytest.mark.django_db
def test_pagination_pages_of_50_by_default_and_at_most_500(tree, national_admin):
    for number in range(60):
        make_org(tree["dept_a"], f"P{number:03}", f"Phòng {number}", OrganizationKind.DIVISION, "province")
    client = api_client(national_admin)
    first = client.get(URL).json()
    second = client.get(URL, {"page": 2}).json()
    assert first["count"] == second["count"] == 66
    assert len(first["items"]) == 50
    assert len(second["items"]) == 16
    seen = [o["code"] for o in first["items"] + second["items"]]
    assert len(set(seen)) == 66
    assert len(client.get(URL, {"page_size": 500}).json()["items"]) == 66
    assert len(client.get(URL, {"page_size": 7, "page": 2}).json()["items"]) == 7
    too_big = client.get(URL, {"page_size": 501})
    assert too_big.status_code == 422
    assert too_big.json()["errors"] == [{"field": "page_size", "message": "phải nhỏ hơn hoặc bằng 500"}]


@pytest.mark.django_db
def test_detail_gives_parent_depth_and_children(tree, hr_a):
    response = api_client(hr_a).get(f"{URL}/T01")
    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["name"], body["parent_code"], body["depth"], body["child_count"]) == (
        "T01",
        "UBND tỉnh A",
        "VN",
        2,
        1,
    )


@pytest.mark.django_db
def test_root_has_no_parent(tree, national_admin):
    assert api_client(national_admin).get(f"{URL}/VN").json()["parent_code"] is None


@pytest.mark.django_db
def test_other_agency_is_not_found_like_a_missing_code(tree, hr_a):
    client = api_client(hr_a)
    outside = client.get(f"{URL}/T02-SNV")
    missing = client.get(f"{URL}/KHONG-CO")
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()
    assert client.get(f"{URL}/VN").status_code == 404
    assert codes(client.get(URL, {"q": "tinh b"})) == []
