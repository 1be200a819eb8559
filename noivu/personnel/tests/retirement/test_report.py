"""The statistical report of retirements due, counted by hand on a few persons.

The roadmap of Nghị định 135/2020/NĐ-CP Điều 4: men retire at 61 years 3 months in 2025, 61 years 6 months in
2026; women at 56 years 8 months in 2025, 57 years in 2026, 57 years 4 months in 2027; each at the end of the
month they reach it. As of 30/06/2025, so:

| person | born | unit | category | retires | counted in |
| --- | --- | --- | --- | --- | --- |
| An (M) | 10/03/1964 | Sở Y | civil servant | 30/06/2025 | this year, 5 years |
| Bích (F) | 15/01/1969 | xã X | public employee | 30/09/2025 | this year, 5 years |
| Cường (M) | 20/01/1965 | tỉnh A itself | cadre | 31/07/2026 | next year, 5 years |
| Dung (F) | 01/01/1970 | Sở Y | civil servant | 31/05/2027 | 5 years |
| Em (M) | 01/01/1990 | xã X | civil servant | 2052 | none |
| Phúc (M) | 10/03/1964 | Sở Y | labour contract | — | not counted |
| Giang (M) | 02/05/1964 | tỉnh B | civil servant | 31/08/2025 | this year, 5 years |
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_org, make_person, make_user, nonzero_figures, own_province_table, statistics_table
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.models import Category, Gender
from noivu.personnel.retirement.engine import retirement_date

KEY = "personnel-retirements"
DAY = dt.date(2025, 6, 30)


@pytest.fixture
def world(db):
    root = make_org(None, "VN", "Chính phủ", OrganizationKind.GOVERNMENT, OrganizationLevel.CENTRAL)
    province_a = make_org(
        root, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    province_b = make_org(
        root, "T02", "UBND tỉnh B", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    commune = make_org(
        province_a, "X01", "UBND xã X", OrganizationKind.COMMUNE_COMMITTEE, OrganizationLevel.COMMUNE
    )
    department = make_org(province_a, "S01", "Sở Y", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE)
    female = {"gender": Gender.FEMALE}
    persons = {
        "an": make_person(department, "Lý Văn An", birth_date=dt.date(1964, 3, 10)),
        "bich": make_person(
            commune,
            "Mai Thị Bích",
            birth_date=dt.date(1969, 1, 15),
            category=Category.PUBLIC_EMPLOYEE,
            **female,
        ),
        "cuong": make_person(
            province_a, "Đinh Văn Cường", birth_date=dt.date(1965, 1, 20), category=Category.CADRE
        ),
        "dung": make_person(department, "Tạ Thị Dung", birth_date=dt.date(1970, 1, 1), **female),
        "em": make_person(commune, "Hà Văn Em", birth_date=dt.date(1990, 1, 1)),
        "phuc": make_person(
            department, "Lò Văn Phúc", birth_date=dt.date(1964, 3, 10), category=Category.CONTRACT
        ),
        "giang": make_person(province_b, "Vi Văn Giang", birth_date=dt.date(1964, 5, 2)),
    }
    return {"admin": make_user("admin", Role.SYSTEM_ADMIN, root), **persons}


def _table(user, code="", day=DAY):
    return statistics_table(user, KEY, code, day)


def test_the_hand_computed_retirement_dates_are_the_engines(world):
    expected = {
        "an": dt.date(2025, 6, 30),
        "bich": dt.date(2025, 9, 30),
        "cuong": dt.date(2026, 7, 31),
        "dung": dt.date(2027, 5, 31),
        "giang": dt.date(2025, 8, 31),
    }
    for name, day in expected.items():
        person = world[name]
        assert retirement_date(person.birth_date, person.gender).retirement_date == day, name


def test_each_sub_unit_and_the_total_of_a_province(world):
    table = _table(world["admin"], "T01")
    assert [(row.code, row.own) for row in table.rows] == [("T01", True), ("X01", False), ("S01", False)]
    assert nonzero_figures(table, "S01") == {
        "this_year_total": 1,
        "this_year_civil_servants": 1,
        "this_year_men": 1,
        "five_years_total": 2,
        "five_years_civil_servants": 2,
        "five_years_women": 1,
        "five_years_men": 1,
    }
    assert nonzero_figures(table, "X01") == {
        "this_year_total": 1,
        "this_year_public_employees": 1,
        "this_year_women": 1,
        "five_years_total": 1,
        "five_years_public_employees": 1,
        "five_years_women": 1,
    }
    assert nonzero_figures(table, "T01") == {
        "next_year_total": 1,
        "next_year_cadres": 1,
        "next_year_men": 1,
        "five_years_total": 1,
        "five_years_cadres": 1,
        "five_years_men": 1,
    }
    total = nonzero_figures(table)
    assert total["this_year_total"] == 2 and total["next_year_total"] == 1 and total["five_years_total"] == 4


def test_the_nation_rolls_up_the_provinces(world):
    nation = _table(world["admin"])
    assert [row.code for row in nation.rows] == ["T01", "T02"]
    assert nonzero_figures(nation, "T02") == {
        "this_year_total": 1,
        "this_year_civil_servants": 1,
        "this_year_men": 1,
        "five_years_total": 1,
        "five_years_civil_servants": 1,
        "five_years_men": 1,
    }
    assert (
        nonzero_figures(nation)["this_year_total"] == 3 and nonzero_figures(nation)["five_years_total"] == 5
    )


def test_the_periods_follow_the_year_of_the_day_asked(world):
    # As of 30/06/2024 the men due that year are born in 1963: none here; An, Bích and Giang are due in
    # 2025, the next year; the five years 2024–2028 hold everybody but Em.
    earlier = nonzero_figures(_table(world["admin"], day=dt.date(2024, 6, 30)))
    assert "this_year_total" not in earlier
    assert earlier["next_year_total"] == 3 and earlier["next_year_women"] == 1
    assert earlier["five_years_total"] == 5
    # As of 31/12/2026 Cường is due this year, Dung next year.
    later = nonzero_figures(_table(world["admin"], day=dt.date(2026, 12, 31)))
    assert later["this_year_total"] == 1 and later["this_year_cadres"] == 1
    assert later["next_year_total"] == 1 and later["next_year_women"] == 1


def test_a_provincial_user_sees_only_their_province(world):
    officer = make_user("hr_a", Role.HR_OFFICER, world["dung"].organization.get_parent())
    # The report opens on the officer's province, broken into its units: nothing of tỉnh B shows.
    nation = own_province_table(officer, world["admin"], KEY, "T01", "T02", DAY)
    assert nonzero_figures(nation)["this_year_total"] == 2


def test_the_drill_down_lists_the_persons_due(world):
    client = Client()
    client.force_login(world["admin"])
    url = reverse("reports:statistic_persons", args=[KEY])
    due = client.get(url, {"as_of": "30/06/2025", "organization": "T01", "figure": "this_year_total"})
    text = due.content.decode()
    assert due.status_code == 200
    assert "Lý Văn An" in text and "Mai Thị Bích" in text
    assert "Đinh Văn Cường" not in text and "Lò Văn Phúc" not in text and "Vi Văn Giang" not in text
    women = client.get(
        url, {"as_of": "30/06/2025", "organization": "T01", "unit": "S01", "figure": "five_years_women"}
    ).content.decode()
    assert "Tạ Thị Dung" in women and "Lý Văn An" not in women
    answer = client.get(
        f"/api/v1/statistics/{KEY}/persons",
        {"as_of": "2025-06-30", "figure": "next_year_total"},
    ).json()
    assert [item["values"]["full_name"] for item in answer["items"]] == ["Đinh Văn Cường"]
