"""The statistical report of awards and discipline, counted by hand on a few persons. As of 30/06/2025 it
counts the decisions dated from 01/01/2025 to 30/06/2025:

| person | unit | records | counted in |
| --- | --- | --- | --- |
| Lan | Sở Y | Chiến sĩ thi đua cơ sở 10/01/2025, Giấy khen 10/01/2025 | awarded, fighters, commendation |
| Bình | xã X | Lao động tiên tiến 15/01/2025; Bằng khen của Chủ tịch tỉnh 20/12/2024 | awarded, advanced |
| Cúc | xã X | Huân chương Lao động hạng Ba 01/03/2025; Kỷ niệm chương 02/03/2025 | awarded, orders, other |
| Dũng | tỉnh A | Khiển trách 01/02/2025, in force to 31/01/2026 | disciplined, reprimand, under discipline |
| Em | Sở Y | Cảnh cáo 01/06/2024, in force to 31/05/2025 | under discipline as of 30/06/2024 only |
| Hải | Sở Y | Giấy khen 01/07/2025 | nothing (after the day); commendation as of 31/07/2025 |
| Khoa | Sở Y | labour contract, Giấy khen 10/01/2025 | not counted |
| Giang | tỉnh B | Bằng khen 05/02/2025 | awarded, merit (the nation) |
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_org, make_person, make_user, nonzero_figures, own_province_table, statistics_table
from noivu.awards.models import AwardRecord, DisciplineRecord
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.models import Category

KEY = "awards-discipline"
DAY = dt.date(2025, 6, 30)


def _award(person, form, day):
    AwardRecord.objects.create(person=person, form=form, decision_date=day)


def _discipline(person, form, day, until):
    DisciplineRecord.objects.create(
        person=person, form=form, decision_date=day, effective_from=day, effective_to=until
    )


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
    _award(lan, "Chiến sĩ thi đua cơ sở", dt.date(2025, 1, 10))
    _award(lan, "Giấy khen", dt.date(2025, 1, 10))
    binh = make_person(commune, "Trần Văn Bình")
    _award(binh, "Lao động tiên tiến", dt.date(2025, 1, 15))
    _award(binh, "Bằng khen của Chủ tịch UBND tỉnh", dt.date(2024, 12, 20))
    cuc = make_person(commune, "Lê Thị Cúc", category=Category.PUBLIC_EMPLOYEE)
    _award(cuc, "Huân chương Lao động hạng Ba", dt.date(2025, 3, 1))
    _award(cuc, "Kỷ niệm chương Vì sự nghiệp Nội vụ", dt.date(2025, 3, 2))
    dung = make_person(province_a, "Phạm Văn Dũng", category=Category.CADRE)
    _discipline(dung, "reprimand", dt.date(2025, 2, 1), dt.date(2026, 1, 31))
    em = make_person(department, "Hoàng Văn Em")
    _discipline(em, "warning", dt.date(2024, 6, 1), dt.date(2025, 5, 31))
    hai = make_person(department, "Đỗ Văn Hải")
    _award(hai, "Giấy khen", dt.date(2025, 7, 1))
    khoa = make_person(department, "Ngô Văn Khoa", category=Category.CONTRACT)
    _award(khoa, "Giấy khen", dt.date(2025, 1, 10))
    giang = make_person(province_b, "Vũ Văn Giang")
    _award(giang, "Bằng khen của Bộ trưởng", dt.date(2025, 2, 5))
    return {"admin": make_user("admin", Role.SYSTEM_ADMIN, root), "a": province_a}


def _table(user, code="", day=DAY):
    return statistics_table(user, KEY, code, day)


def test_each_sub_unit_and_the_total_of_a_province(world):
    table = _table(world["admin"], "T01")
    assert [(row.code, row.own) for row in table.rows] == [("T01", True), ("X01", False), ("S01", False)]
    assert nonzero_figures(table, "S01") == {
        "total": 3,
        "awarded": 1,
        "award_fighters": 1,
        "award_commendation": 1,
    }
    assert nonzero_figures(table, "X01") == {
        "total": 2,
        "awarded": 2,
        "award_orders": 1,
        "award_advanced": 1,
        "award_other": 1,
    }
    assert nonzero_figures(table, "T01") == {
        "total": 1,
        "disciplined": 1,
        "discipline_reprimand": 1,
        "under_discipline": 1,
    }
    total = nonzero_figures(table)
    assert total["total"] == 6 and total["awarded"] == 3 and total["disciplined"] == 1
    assert "award_merit" not in total


def test_the_nation_rolls_up_the_provinces(world):
    nation = _table(world["admin"])
    assert [row.code for row in nation.rows] == ["T01", "T02"]
    assert nonzero_figures(nation, "T02") == {"total": 1, "awarded": 1, "award_merit": 1}
    assert nonzero_figures(nation)["awarded"] == 4


def test_the_year_and_the_discipline_in_force_follow_the_day(world):
    later = nonzero_figures(_table(world["admin"], "T01", dt.date(2025, 7, 31)), "S01")
    assert later["awarded"] == 2 and later["award_commendation"] == 2
    # As of 30/06/2024: Em's warning of 01/06/2024 is decided that year and in force; Bình's Bằng khen of
    # 20/12/2024 is not yet decided.
    earlier = nonzero_figures(_table(world["admin"], "T01", dt.date(2024, 6, 30)))
    assert earlier == {"total": 6, "disciplined": 1, "discipline_warning": 1, "under_discipline": 1}
    # As of 31/01/2026: a new year, nothing decided yet; Dũng's reprimand still in force on its last day.
    next_year = nonzero_figures(_table(world["admin"], "T01", dt.date(2026, 1, 31)))
    assert next_year == {"total": 6, "under_discipline": 1}


def test_a_removed_record_is_not_counted(world):
    AwardRecord.objects.filter(form="Lao động tiên tiến").update(
        deleted_at=dt.datetime(2025, 5, 1, tzinfo=dt.UTC)
    )
    assert "award_advanced" not in nonzero_figures(_table(world["admin"], "T01"))


def test_a_provincial_user_sees_only_their_province(world):
    officer = make_user("hr_a", Role.HR_OFFICER, world["a"])
    # The report opens on the officer's province, broken into its units: nothing of tỉnh B shows.
    nation = own_province_table(officer, world["admin"], KEY, "T01", "T02", DAY)
    assert nonzero_figures(nation)["awarded"] == 3


def test_the_drill_down_lists_the_persons_of_a_form(world):
    client = Client()
    client.force_login(world["admin"])
    url = reverse("reports:statistic_persons", args=[KEY])
    awarded = client.get(url, {"as_of": "30/06/2025", "organization": "T01", "figure": "awarded"})
    text = awarded.content.decode()
    assert awarded.status_code == 200
    assert "Nguyễn Thị Lan" in text and "Trần Văn Bình" in text and "Lê Thị Cúc" in text
    assert "Đỗ Văn Hải" not in text and "Ngô Văn Khoa" not in text and "Phạm Văn Dũng" not in text
    answer = client.get(
        f"/api/v1/statistics/{KEY}/persons",
        {"as_of": "2025-06-30", "organization": "T01", "figure": "under_discipline"},
    ).json()
    assert [item["values"]["full_name"] for item in answer["items"]] == ["Phạm Văn Dũng"]
