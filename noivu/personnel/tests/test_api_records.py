"""REST endpoints of search, timeline, retirement, duplicates and merge, and address conversion; isolation."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from conftest import make_person
from noivu.accounts.models import AccessLog, ApiToken
from noivu.personnel.address_conversion import convert_person_addresses
from noivu.personnel.models import (
    AddressKind,
    Category,
    ConversionStatus,
    Gender,
    Person,
    PersonAddress,
    RankHistory,
)
from noivu.personnel.models_merge import PersonMerge
from noivu.personnel.retirement import age_text, retirement_date
from noivu.personnel.retirement_list import add_months

URL = "/api/v1/persons"
SPLIT_HONG_HA = {"legacy_province_code": "01", "legacy_district_code": "273", "legacy_commune_code": "09796"}

pytestmark = pytest.mark.django_db


def api_client(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(headers={"authorization": f"Bearer {raw}"})


def post(client: Client, path: str, payload: dict):
    return client.post(f"{URL}{path}", payload, content_type="application/json")


# ---------------------------------------------------------------------------------------------------
# Search


@pytest.fixture
def many(tree, people) -> list[Person]:
    return [
        make_person(tree["dept_a"], f"Nguyễn Văn {given}", birth_date=dt.date(1960 + index * 5, 1, 1))
        for index, given in enumerate(["Bảo", "Cường", "Dương", "Giang", "Hải"])
    ]


def test_search_pages_by_cursor_without_repeating_anyone(many, people, hr_a):
    client = api_client(hr_a)
    seen, cursor = [], None
    while True:
        params = {"q": "nguyen", "limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get(f"{URL}/search", params).json()
        assert len(body["items"]) <= 2
        seen += [item["full_name"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 6
    assert "Nguyễn Văn An" in seen


def test_search_filters_by_unit_category_and_age_within_scope(tree, many, people, hr_a):
    client = api_client(hr_a)
    today = timezone.localdate()

    def names(**params) -> list[str]:
        response = client.get(f"{URL}/search", params)
        assert response.status_code == 200, response.content
        return [item["full_name"] for item in response.json()["items"]]

    assert set(names()) == {p.full_name for p in many} | {"Nguyễn Văn An", "Trần Thị Bình"}
    assert names(organization="T01") == names()
    assert "Trần Thị Bình" not in names(organization="T01-SNV")
    assert names(organization="T02") == []  # the other province's unit: nothing of it leaks
    assert names(organization="KHONG-CO") == []
    assert names(category=Category.CONTRACT) == []
    assert names(q="binh", category=Category.CIVIL_SERVANT) == ["Trần Thị Bình"]
    ages = {person.full_name: today.year - person.birth_date.year for person in many}  # born on 1 January
    expected = sorted(name for name, age in ages.items() if 55 <= age <= 62)
    assert names(q="nguyen van", min_age=55, max_age=62) == expected
    assert "Lê Đức Dũng" not in names(q="le duc dung") + names(q="079085099999")


def test_search_rejects_a_malformed_cursor(hr_a, people):
    response = api_client(hr_a).get(f"{URL}/search", {"cursor": "nothing"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "cursor"


# ---------------------------------------------------------------------------------------------------
# Timeline and retirement of one person


def test_timeline_lists_dated_facts_and_is_logged(people, hr_a):
    an = people["an"]
    RankHistory.objects.create(
        person=an, rank_code="01.003", rank_name="Chuyên viên", effective_from=dt.date(2021, 3, 1)
    )
    response = api_client(hr_a).get(f"{URL}/{an.pk}/timeline")
    assert response.status_code == 200, response.content
    entries = response.json()
    assert [(e["date"], e["kind"]) for e in entries] == [("2020-01-01", "assignment"), ("2021-03-01", "rank")]
    assert entries[1]["label"] == "Ngạch Chuyên viên (mã 01.003)"
    assert AccessLog.objects.filter(event=AccessLog.Event.VIEW_RECORD, channel="api").count() == 1


def test_retirement_of_a_person_with_its_rules(people, hr_a):
    body = api_client(hr_a).get(f"{URL}/{people['binh'].pk}/retirement").json()
    # A woman born 17/05/1985 reaches 60 (in force from 2035) in 05/2045.
    assert body["retirement_age"] == {"years": 60, "months": 0, "text": "60 tuổi"}
    assert (body["retirement_date"], body["pension_start"]) == ("2045-05-31", "2045-06-01")
    assert body["explanation"]["rules"][0]["legal_basis"]["document_number"] == "135/2020/NĐ-CP"


@pytest.mark.parametrize("suffix", ["", "/timeline", "/retirement"])
def test_a_person_of_another_province_is_not_found(people, hr_a, suffix):
    response = api_client(hr_a).get(f"{URL}/{people['duc'].pk}{suffix}")
    assert response.status_code == 404


# ---------------------------------------------------------------------------------------------------
# Retirement list


def _births_retiring_within(gender: str, months: int, count: int) -> list[dt.date]:
    """The first ``count`` birth dates (the 10th of a month) whose retirement falls in the next ``months``."""
    today = timezone.localdate()
    found, birth = [], dt.date(today.year - 63, today.month, 10)
    while len(found) < count:
        if today <= retirement_date(birth, gender).retirement_date <= add_months(today, months):
            found.append(birth)
        birth = add_months(birth, 1)
    return found


def test_retirements_lists_the_scope_s_persons_by_retirement_date(tree, people, hr_a, hr_b):
    men = _births_retiring_within(Gender.MALE, 6, 2)
    women = _births_retiring_within(Gender.FEMALE, 6, 2)
    mine = [
        make_person(tree["dept_a"], "Người Một", birth_date=men[0]),
        make_person(tree["province_a"], "Người Hai", birth_date=men[1]),
        make_person(tree["dept_a"], "Người Ba", birth_date=women[0], gender=Gender.FEMALE),
    ]
    theirs = make_person(tree["dept_b"], "Người Bốn", birth_date=women[1], gender=Gender.FEMALE)
    body = api_client(hr_a).get(f"{URL}/retirements", {"months": 6}).json()
    dated = {p.pk: retirement_date(p.birth_date, p.gender) for p in mine}
    expected = sorted(mine, key=lambda p: (dated[p.pk].retirement_date, p.full_name_folded))
    assert body["count"] == 3
    assert [item["id"] for item in body["items"]] == [p.pk for p in expected]
    for item, person in zip(body["items"], expected, strict=True):
        result = dated[person.pk]
        assert item["retirement_date"] == result.retirement_date.isoformat()
        assert item["pension_start"] == result.pension_start.isoformat()
        assert item["retirement_age"]["text"] == age_text(result.retirement_age_months)
    other = api_client(hr_b).get(f"{URL}/retirements", {"months": 6}).json()
    assert [item["id"] for item in other["items"]] == [theirs.pk]
    assert api_client(hr_a).get(f"{URL}/retirements", {"months": 0}).status_code == 422


# ---------------------------------------------------------------------------------------------------
# Duplicates and merge


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


# ---------------------------------------------------------------------------------------------------
# Addresses


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
