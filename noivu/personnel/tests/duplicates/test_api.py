"""The duplicates and merge endpoints: groups in scope, the audited merge, isolation between provinces."""

import pytest
from django.test import Client

from conftest import make_person
from noivu.accounts.models import ApiToken
from noivu.personnel.duplicates.models import PersonMerge
from noivu.personnel.models import Person

URL = "/api/v1/persons"

pytestmark = pytest.mark.django_db


def api_client(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(headers={"authorization": f"Bearer {raw}"})


def post(client: Client, path: str, payload: dict):
    return client.post(f"{URL}{path}", payload, content_type="application/json")


@pytest.fixture
def twins(tree, people) -> dict[str, Person]:
    return {
        "an_copy": make_person(tree["dept_a"], "Nguyen Van An", cccd_number="1085012345"),
        "duc_copy": make_person(tree["dept_b"], "Le Duc Dung", cccd_number="79085099999"),
    }


@pytest.mark.parametrize("rule", ["cccd", "name_birth_date"])
def test_duplicates_in_scope(people, twins, hr_a, rule):
    body = api_client(hr_a).get(f"{URL}/duplicates", {"rule": rule}).json()
    assert [{p["id"] for p in group["persons"]} for group in body] == [{people["an"].pk, twins["an_copy"].pk}]
    assert {p["cccd_number"] for p in body[0]["persons"]} == {"001085012345", "1085012345"}


def test_duplicates_need_the_change_right(people, leader_a):
    assert api_client(leader_a).get(f"{URL}/duplicates").status_code == 403
    assert api_client(leader_a).get(f"{URL}/addresses/ambiguous").status_code == 403


def test_merge_through_the_api(people, twins, hr_a):
    keep, remove = people["an"], twins["an_copy"]
    response = post(api_client(hr_a), "/merge", {"keep": keep.pk, "remove": remove.pk, "reason": "Trùng"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kept_person_id"], body["removed_person_id"]) == (keep.pk, remove.pk)
    assert body["moved"]["personnel.Assignment.person"] == 1
    assert not Person.objects.filter(pk=remove.pk).exists()
    merges = api_client(hr_a).get(f"{URL}/merges").json()
    assert [item["id"] for item in merges["items"]] == [body["id"]]


def test_merge_errors(people, twins, hr_a, leader_a):
    client = api_client(hr_a)
    an, copy = people["an"].pk, twins["an_copy"].pk
    assert post(client, "/merge", {"keep": an, "remove": an, "reason": "x"}).status_code == 422
    assert post(client, "/merge", {"keep": an, "remove": copy, "reason": ""}).status_code == 422
    forbidden = post(api_client(leader_a), "/merge", {"keep": an, "remove": copy, "reason": "x"})
    assert forbidden.status_code == 403
    assert Person.objects.filter(pk=copy).exists() and not PersonMerge.objects.exists()


def test_merge_cannot_reach_another_province(people, twins, hr_a, hr_b):
    client = api_client(hr_a)
    duc, copy = people["duc"].pk, twins["duc_copy"].pk
    assert post(client, "/merge", {"keep": duc, "remove": copy, "reason": "x"}).status_code == 404
    assert post(client, "/merge", {"keep": people["an"].pk, "remove": duc, "reason": "x"}).status_code == 404
    assert Person.objects.filter(pk__in=[duc, copy]).count() == 2
    post(api_client(hr_b), "/merge", {"keep": duc, "remove": copy, "reason": "Trùng"})
    assert PersonMerge.objects.count() == 1
    assert api_client(hr_a).get(f"{URL}/merges").json()["items"] == []
