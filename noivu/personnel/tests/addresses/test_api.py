"""The address endpoints: ambiguous addresses and the choice among candidates, within scope."""

import pytest
from django.test import Client

from noivu.accounts.models import ApiToken
from noivu.personnel.addresses.conversion import convert_person_addresses
from noivu.personnel.models import AddressKind, ConversionStatus, PersonAddress

URL = "/api/v1/persons"
SPLIT_HONG_HA = {"legacy_province_code": "01", "legacy_district_code": "273", "legacy_commune_code": "09796"}

pytestmark = pytest.mark.django_db


def api_client(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(headers={"authorization": f"Bearer {raw}"})


def post(client: Client, path: str, payload: dict):
    return client.post(f"{URL}{path}", payload, content_type="application/json")


@pytest.fixture
def ambiguous(people) -> dict[str, PersonAddress]:
    addresses = {
        "a": PersonAddress.objects.create(person=people["an"], kind=AddressKind.HOMETOWN, **SPLIT_HONG_HA),
        "b": PersonAddress.objects.create(person=people["duc"], kind=AddressKind.HOMETOWN, **SPLIT_HONG_HA),
    }
    convert_person_addresses(PersonAddress.objects.all())
    return {key: PersonAddress.objects.get(pk=address.pk) for key, address in addresses.items()}


def test_ambiguous_addresses_and_choice(ambiguous, hr_a):
    client = api_client(hr_a)
    body = client.get(f"{URL}/addresses/ambiguous").json()
    assert [item["id"] for item in body["items"]] == [ambiguous["a"].pk]
    item = body["items"][0]
    assert item["person_name"] == "Nguyễn Văn An" and item["kind_label"] == "Quê quán"
    assert [c["code"] for c in item["candidates"] if c["is_default"]] == ["09817"]
    chosen = next(c for c in item["candidates"] if not c["is_default"])
    response = post(client, f"/addresses/{ambiguous['a'].pk}/choose", {"commune_code": chosen["code"]})
    assert response.status_code == 200, response.content
    assert response.json()["conversion_status"] == ConversionStatus.CONVERTED
    assert response.json()["current_text"] == f"{chosen['name']}, Thành phố Hà Nội"
    assert client.get(f"{URL}/addresses/ambiguous").json()["items"] == []
    refused = post(client, f"/addresses/{ambiguous['a'].pk}/choose", {"commune_code": "26734"})
    assert refused.status_code == 422


def test_addresses_of_another_province_cannot_be_listed_or_chosen(ambiguous, hr_a, hr_b, leader_a):
    code = ambiguous["b"].conversion_candidates[0]["code"]
    response = post(api_client(hr_a), f"/addresses/{ambiguous['b'].pk}/choose", {"commune_code": code})
    assert response.status_code == 404
    assert PersonAddress.objects.get(pk=ambiguous["b"].pk).conversion_status == ConversionStatus.AMBIGUOUS
    forbidden = post(api_client(leader_a), f"/addresses/{ambiguous['a'].pk}/choose", {"commune_code": code})
    assert forbidden.status_code == 403
    assert [i["id"] for i in api_client(hr_b).get(f"{URL}/addresses/ambiguous").json()["items"]] == [
        ambiguous["b"].pk
    ]
