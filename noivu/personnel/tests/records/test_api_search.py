"""REST endpoints of the record: cursor search, timeline and retirement of one person; isolation."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from conftest import make_person
from noivu.accounts.models import ApiToken
from noivu.core.models import AuditEvent
from noivu.personnel.dossier.models import RankHistory
from noivu.personnel.models import Category, Person

URL = "/api/v1/persons"

pytestmark = pytest.mark.django_db


def api_client(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(headers={"authorization": f"Bearer {raw}"})


# ---------------------------------------------------------------------------------------------------
# Search


@pytest.fixture
def many(tree, people) -> list[Person]:
    return [
        make_person(tree["dept_a"], f"Nguyễn Văn {given}", birth_date=dt.date(1960 + index * 5, 1, 1))
        for index, given in enumerate(["Bảo", "Cường", "Dương", "Giang", "Hải"])
    ]


def test_search_gives_a_total_and_a_hint_when_nothing_is_found(many, people, hr_a, monkeypatch):
    client = api_client(hr_a)
    body = client.get(f"{URL}/search", {"q": "van", "limit": 2}).json()
    assert len(body["items"]) == 2 and body["total"] == 6 and not body["total_capped"]
    assert body["hint"] is None
    assert [item["full_name"] for item in client.get(f"{URL}/search", {"q": "van an"}).json()["items"]] == [
        "Nguyễn Văn An"
    ]
    nothing = client.get(f"{URL}/search", {"q": "nguyen vna"}).json()
    assert nothing["items"] == [] and nothing["total"] == 0 and "van an" in nothing["hint"]
    monkeypatch.setattr("noivu.personnel.records.search.TOTAL_CAP", 4)
    capped = client.get(f"{URL}/search", {"q": "nguyen", "limit": 2}).json()
    assert capped["total"] == 5 and capped["total_capped"]


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
    assert AuditEvent.objects.filter(event_type="record.viewed", channel="api").count() == 1


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
