"""The retirement list endpoint: the persons of the scope by retirement date."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from conftest import make_person
from noivu.accounts.models import ApiToken
from noivu.core.dates import add_months
from noivu.personnel.models import Gender
from noivu.personnel.retirement.engine import age_text, retirement_date

URL = "/api/v1/persons"

pytestmark = pytest.mark.django_db


def api_client(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(headers={"authorization": f"Bearer {raw}"})


def _births_retiring_within(gender: str, months: int, count: int) -> list[dt.date]:
    """The first ``count`` birth dates (the 10th of a month) whose retirement falls in the next ``months``."""
    today = timezone.localdate()
    found: list[dt.date] = []
    birth = dt.date(today.year - 63, today.month, 10)
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
