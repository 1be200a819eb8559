"""The statistical report of quota use and streamlining, counted by hand. Its rows are quotas: each reported
by its own share, the quotas and persons under a nearer holder of its kind taken out.

Tỉnh A → {Sở Y → Phòng 1, xã X}; tỉnh B. Approved quotas of 2025: tỉnh A 10 civil servants, Sở Y 6 (of
which Phòng 1 holds 2) and 2 public employees, xã X 3 commune servants, tỉnh B 4 civil servants; a quota
of xã X only proposed; tỉnh A's quota of 2024 was 8. Persons on 30/06/2025: Dũng (cadre) at tỉnh A,
Hùng (civil servant) at xã X, Lan and Bình at Sở Y, Cúc (public employee) at Sở Y, Em, Hải and Khoa at
Phòng 1, Giao (commune servant) at xã X, a labour contract at Sở Y, Giang at tỉnh B.

| quota | own share | persons in its share | vacant | over |
| --- | --- | --- | --- | --- |
| tỉnh A civil 10 | 10 − 6 = 4 | Dũng, Hùng (xã X holds no civil quota) = 2 | 2 | 0 |
| Sở Y civil 6 | 6 − 2 = 4 | Lan, Bình = 2 | 2 | 0 |
| Phòng 1 civil 2 | 2 | Em, Hải, Khoa = 3 | 0 | 1 |
| Sở Y public 2 | 2 | Cúc = 1 | 1 | 0 |
| xã X commune 3 | 3 | Giao = 1 | 2 | 0 |
| tỉnh B civil 4 | 4 | Giang = 1 | 3 | 0 |

Bình leaves under streamlining on 01/09/2025 (approved); Em's case was returned; Lan's left in 2024.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_org, make_person, make_user, nonzero_figures, own_province_table, statistics_table
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.models import Category
from noivu.staffing.models import StaffingQuota, StreamliningCase, Workflow

KEY = "staffing-quotas"
DAY = dt.date(2025, 6, 30)
YEAR_2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def _quota(org, category, quantity, period=YEAR_2025, status=Workflow.APPROVED):
    return StaffingQuota.objects.create(
        organization=org,
        category=category,
        quantity=quantity,
        year=period[0].year,
        status=status,
        effective_from=period[0],
        effective_to=period[1],
    )


def _case(person, leave_date, status):
    StreamliningCase.objects.create(
        person=person,
        organization=person.organization,
        category="civil_servant",
        ground="job_position",
        policy="resignation",
        case_date=leave_date - dt.timedelta(days=60),
        leave_date=leave_date,
        regime="nd154_2025",
        salary_current=10_000_000,
        si_years=20,
        months_to_retirement=120,
        benefit_total=100_000_000,
        status=status,
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
    department = make_org(province_a, "S01", "Sở Y", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE)
    division = make_org(department, "P01", "Phòng 1", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE)
    commune = make_org(
        province_a, "X01", "UBND xã X", OrganizationKind.COMMUNE_COMMITTEE, OrganizationLevel.COMMUNE
    )
    _quota(province_a, "civil_servant", 10)
    _quota(province_a, "civil_servant", 8, (dt.date(2024, 1, 1), dt.date(2024, 12, 31)))
    _quota(department, "civil_servant", 6)
    over = _quota(division, "civil_servant", 2)
    _quota(department, "public_employee", 2)
    _quota(commune, "commune", 3)
    _quota(commune, "civil_servant", 5, status=Workflow.PROPOSED)
    _quota(province_b, "civil_servant", 4)

    make_person(province_a, "Phạm Văn Dũng", category=Category.CADRE)
    make_person(commune, "Lò Văn Hùng")
    lan = make_person(department, "Nguyễn Thị Lan")
    binh = make_person(department, "Trần Văn Bình")
    make_person(department, "Lê Thị Cúc", category=Category.PUBLIC_EMPLOYEE)
    em = make_person(division, "Hoàng Văn Em")
    make_person(division, "Đỗ Văn Hải")
    make_person(division, "Ngô Văn Khoa")
    make_person(commune, "Mai Văn Giao", category=Category.COMMUNE_CIVIL_SERVANT)
    make_person(department, "Vi Văn Phúc", category=Category.CONTRACT)
    make_person(province_b, "Vũ Văn Giang")
    _case(binh, dt.date(2025, 9, 1), Workflow.APPROVED)
    _case(em, dt.date(2025, 10, 1), Workflow.RETURNED)
    _case(lan, dt.date(2024, 9, 1), Workflow.DONE)
    return {"admin": make_user("admin", Role.SYSTEM_ADMIN, root), "a": province_a, "over": over}


def _table(user, code="", day=DAY):
    return statistics_table(user, KEY, code, day)


def test_each_quota_counts_its_own_share_and_the_province_rolls_them_up(world):
    table = _table(world["admin"], "T01")
    assert [(row.code, row.own) for row in table.rows] == [("T01", True), ("S01", False), ("X01", False)]
    assert nonzero_figures(table, "T01") == {
        "quota_all": 4,
        "quota_civil_servant": 4,
        "headcount_all": 2,
        "headcount_civil_servant": 2,
        "vacant": 2,
    }
    assert nonzero_figures(table, "S01") == {
        "quota_all": 8,
        "quota_civil_servant": 6,
        "quota_public_employee": 2,
        "headcount_all": 6,
        "headcount_civil_servant": 5,
        "headcount_public_employee": 1,
        "vacant": 3,
        "over": 1,
        "streamlined": 1,
    }
    assert nonzero_figures(table, "X01") == {
        "quota_all": 3,
        "quota_commune": 3,
        "headcount_all": 1,
        "headcount_commune": 1,
        "vacant": 2,
    }
    # The province's quotas as decided: 10 civil servants, 2 public employees, 3 commune servants.
    total = nonzero_figures(table)
    assert (total["quota_all"], total["quota_civil_servant"], total["headcount_all"]) == (15, 10, 9)
    assert (total["vacant"], total["over"], total["streamlined"]) == (7, 1, 1)


def test_the_nation_rolls_up_the_provinces(world):
    nation = _table(world["admin"])
    assert [row.code for row in nation.rows] == ["T01", "T02"]
    assert nonzero_figures(nation, "T02") == {
        "quota_all": 4,
        "quota_civil_servant": 4,
        "headcount_all": 1,
        "headcount_civil_servant": 1,
        "vacant": 3,
    }
    assert nonzero_figures(nation)["quota_all"] == 19 and nonzero_figures(nation)["headcount_all"] == 10


def test_as_of_an_earlier_year_the_quota_then_in_force_holds_everybody(world):
    # 2024: only tỉnh A's quota of 8 civil servants; its share holds the seven civil servants and cadres.
    earlier = _table(world["admin"], "T01", dt.date(2024, 6, 30))
    assert nonzero_figures(earlier) == {
        "quota_all": 8,
        "quota_civil_servant": 8,
        "headcount_all": 7,
        "headcount_civil_servant": 7,
        "vacant": 1,
        "streamlined": 1,
    }


def test_a_provincial_user_sees_only_their_province(world):
    officer = make_user("hr_a", Role.HR_OFFICER, world["a"])
    # The report opens on the officer's province, broken into its units: nothing of tỉnh B shows.
    nation = own_province_table(officer, world["admin"], KEY, "T01", "T02", DAY)
    assert nonzero_figures(nation)["quota_all"] == 15


def test_the_drill_down_lists_the_quotas_of_the_cell(world):
    client = Client()
    client.force_login(world["admin"])
    url = reverse("reports:statistic_persons", args=[KEY])
    page = client.get(url, {"as_of": "30/06/2025", "organization": "T01", "figure": "over"})
    text = page.content.decode()
    assert page.status_code == 200 and "Danh sách biên chế được giao được tính" in text
    assert "Phòng 1" in text and "Sở Y" not in text
    assert reverse("staffing:quota", args=[world["over"].pk]) in text
    answer = client.get(
        f"/api/v1/statistics/{KEY}/persons",
        {"as_of": "2025-06-30", "organization": "T01", "unit": "S01", "figure": "quota_all"},
    ).json()
    shares = [(item["values"]["organization"], item["values"]["own_quota"]) for item in answer["items"]]
    assert sorted(shares) == [("Phòng 1", "2"), ("Sở Y", "2"), ("Sở Y", "4")]
