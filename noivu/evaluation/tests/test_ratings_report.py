"""The statistical report of the yearly ratings, counted by hand on a few persons. As of 30/06/2025 it gives
the ratings of 2024:

| person | unit | category | rating of 2024 | counted as |
| --- | --- | --- | --- | --- |
| Lan | Sở Y | civil servant | HTXS, decided | HTXS |
| Bình | xã X | commune civil servant | HTT, decided | HTT |
| Cúc | xã X | public employee | KHT, decided | KHT |
| Dũng | tỉnh A itself | cadre | HT, only assessed | not rated |
| Em | Sở Y | civil servant | HTT for 2023 only | not rated |
| Hải | Sở Y | civil servant | HT, decided on 15/07/2025 | not rated (HT as of 31/07/2025) |
| Khoa | Sở Y | labour contract | HTT, decided | not counted |
| Giang | tỉnh B | civil servant | HTT, decided | HTT (the nation) |
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from conftest import (
    make_org,
    make_person,
    make_rating,
    make_user,
    nonzero_figures,
    own_province_table,
    statistics_table,
)
from noivu.core.permissions import Role
from noivu.evaluation.models import Evaluation
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.models import Category

KEY = "evaluation-ratings"
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
    lan = make_person(department, "Nguyễn Thị Lan")
    make_rating(lan, 2024, "HTXS")
    binh = make_person(commune, "Trần Văn Bình", category=Category.COMMUNE_CIVIL_SERVANT)
    make_rating(binh, 2024, "HTT")
    cuc = make_person(commune, "Lê Thị Cúc", category=Category.PUBLIC_EMPLOYEE)
    make_rating(cuc, 2024, "KHT")
    dung = make_person(province_a, "Phạm Văn Dũng", category=Category.CADRE)
    make_rating(dung, 2024, "HT", status="assessed")
    em = make_person(department, "Hoàng Văn Em")
    make_rating(em, 2023, "HTT")
    hai = make_person(department, "Đỗ Văn Hải")
    make_rating(hai, 2024, "HT")
    Evaluation.objects.filter(person=hai).update(decided_on=dt.date(2025, 7, 15))
    khoa = make_person(department, "Ngô Văn Khoa", category=Category.CONTRACT)
    make_rating(khoa, 2024, "HTT")
    giang = make_person(province_b, "Vũ Văn Giang")
    make_rating(giang, 2024, "HTT")
    return {"admin": make_user("admin", Role.SYSTEM_ADMIN, root), "a": province_a}


def _table(user, code="", day=DAY):
    return statistics_table(user, KEY, code, day)


def test_each_sub_unit_and_the_total_of_a_province(world):
    table = _table(world["admin"], "T01")
    assert [(row.code, row.own) for row in table.rows] == [("T01", True), ("X01", False), ("S01", False)]
    assert nonzero_figures(table, "S01") == {
        "total": 3,
        "all_HTXS": 1,
        "all_none": 2,
        "civil_servants_HTXS": 1,
        "civil_servants_none": 2,
    }
    assert nonzero_figures(table, "X01") == {
        "total": 2,
        "all_HTT": 1,
        "all_KHT": 1,
        "civil_servants_HTT": 1,
        "public_employees_KHT": 1,
    }
    assert nonzero_figures(table, "T01") == {"total": 1, "all_none": 1, "cadres_none": 1}
    assert nonzero_figures(table) == {
        "total": 6,
        "all_HTXS": 1,
        "all_HTT": 1,
        "all_KHT": 1,
        "all_none": 3,
        "cadres_none": 1,
        "civil_servants_HTXS": 1,
        "civil_servants_HTT": 1,
        "civil_servants_none": 2,
        "public_employees_KHT": 1,
    }


def test_the_nation_rolls_up_the_provinces(world):
    nation = _table(world["admin"])
    assert [row.code for row in nation.rows] == ["T01", "T02"]
    assert nonzero_figures(nation, "T02") == {"total": 1, "all_HTT": 1, "civil_servants_HTT": 1}
    assert nonzero_figures(nation)["all_HTT"] == 2 and nonzero_figures(nation)["total"] == 7


def test_a_rating_counts_once_decided_and_for_the_year_before_the_day(world):
    # Hải's rating of 2024 was decided on 15/07/2025.
    later = nonzero_figures(_table(world["admin"], "T01", dt.date(2025, 7, 31)), "S01")
    assert later["all_HT"] == 1 and later["all_none"] == 1
    # As of 30/06/2024 the year rated is 2023: only Em's rating.
    earlier = nonzero_figures(_table(world["admin"], "T01", dt.date(2024, 6, 30)))
    assert earlier["all_HTT"] == 1 and earlier["all_none"] == 5 and "all_HTXS" not in earlier


def test_a_provincial_user_sees_only_their_province(world):
    officer = make_user("hr_a", Role.HR_OFFICER, world["a"])
    # The report opens on the officer's province, broken into its units: nothing of tỉnh B shows.
    nation = own_province_table(officer, world["admin"], KEY, "T01", "T02", DAY)
    assert nonzero_figures(nation)["all_HTT"] == 1


def test_the_drill_down_lists_the_persons_of_a_level(world):
    client = Client()
    client.force_login(world["admin"])
    url = reverse("reports:statistic_persons", args=[KEY])
    unrated = client.get(url, {"as_of": "30/06/2025", "organization": "T01", "figure": "all_none"})
    text = unrated.content.decode()
    assert unrated.status_code == 200
    assert "Phạm Văn Dũng" in text and "Hoàng Văn Em" in text and "Đỗ Văn Hải" in text
    assert "Nguyễn Thị Lan" not in text and "Ngô Văn Khoa" not in text
    answer = client.get(
        f"/api/v1/statistics/{KEY}/persons",
        {"as_of": "2025-06-30", "organization": "T01", "unit": "X01", "figure": "public_employees_KHT"},
    ).json()
    assert [item["values"]["full_name"] for item in answer["items"]] == ["Lê Thị Cúc"]
