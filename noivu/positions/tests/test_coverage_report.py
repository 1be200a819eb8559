"""The statistical report of job-position coverage, counted by hand. Its rows are positions, not persons: the
figures of a unit are numbers of positions and sums of their headcounts.

| project | unit | status, in force | position (headcount): persons placed |
| --- | --- | --- | --- |
| P0 | Sở Y | superseded, 2024 | CM (2): Lan |
| P1 | Sở Y | approved from 01/01/2025 | LD (1): Lan; CM (3): Bình, Cúc, Hải (from 01/07/2025); HT (1): - |
| PX | xã X | approved from 01/03/2025 | CM (2): Em |
| draft | xã X | draft | CM (5): nobody — not counted |
| PB | tỉnh B | approved from 01/01/2025 | HT (1): Giang, Khánh |

As of 30/06/2025: Sở Y has 3 positions, 2 held (LD, CM), 1 not (HT); 5 planned, 3 placed, short 0 + 1 + 1 = 2.
Xã X: 1 position, held, 2 planned, 1 placed, short 1. Tỉnh B: 1 position, 1 planned, 2 placed, over 1.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_org, make_person, make_user, nonzero_figures, own_province_table, statistics_table
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.models import Assignment
from noivu.positions.models import (
    CatalogPosition,
    PositionGroup,
    PositionHolder,
    PositionProject,
    ProjectPosition,
    ProjectStatus,
    StaffKind,
)

KEY = "positions-coverage"
DAY = dt.date(2025, 6, 30)


def _project(org, status, start, end=None, version=1):
    return PositionProject.objects.create(
        organization=org,
        staff_kind=StaffKind.CIVIL_SERVANT,
        version=version,
        title=f"Đề án vị trí việc làm {org.name}",
        status=status,
        effective_from=start,
        effective_to=end,
    )


def _position(project, catalog, headcount, *holders):
    position = ProjectPosition.objects.create(project=project, catalog=catalog, headcount=headcount)
    for person in holders:
        PositionHolder.objects.create(project=project, position=position, person=person)
    return position


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

    def catalog(code, name, group):
        return CatalogPosition.objects.create(
            code=code, name=name, group=group, staff_kind=StaffKind.CIVIL_SERVANT
        )

    lead = catalog("LD01", "Giám đốc Sở", PositionGroup.LEADERSHIP)
    budget = catalog("CM01", "Quản lý ngân sách", PositionGroup.PROFESSIONAL)
    clerk = catalog("HT01", "Văn thư", PositionGroup.SUPPORT)

    lan = make_person(department, "Nguyễn Thị Lan")
    binh = make_person(department, "Trần Văn Bình")
    cuc = make_person(department, "Lê Thị Cúc")
    hai = make_person(department, "Đỗ Văn Hải")
    Assignment.objects.filter(person=hai).update(effective_from=dt.date(2025, 7, 1))
    em = make_person(commune, "Hoàng Văn Em")
    giang = make_person(province_b, "Vũ Văn Giang")
    khanh = make_person(province_b, "Lục Văn Khánh")

    old = _project(department, ProjectStatus.SUPERSEDED, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    _position(old, budget, 2, lan)
    current = _project(department, ProjectStatus.APPROVED, dt.date(2025, 1, 1), version=2)
    _position(current, lead, 1, lan)
    _position(current, budget, 3, binh, cuc, hai)
    _position(current, clerk, 1)
    _position(_project(commune, ProjectStatus.APPROVED, dt.date(2025, 3, 1)), budget, 2, em)
    _position(_project(commune, ProjectStatus.DRAFT, None, version=2), budget, 5)
    _position(_project(province_b, ProjectStatus.APPROVED, dt.date(2025, 1, 1)), clerk, 1, giang, khanh)
    return {"admin": make_user("admin", Role.SYSTEM_ADMIN, root), "a": province_a, "current": current}


def _table(user, code="", day=DAY):
    return statistics_table(user, KEY, code, day)


def test_each_sub_unit_and_the_total_of_a_province(world):
    table = _table(world["admin"], "T01")
    assert [row.code for row in table.rows] == ["X01", "S01"]
    assert nonzero_figures(table, "S01") == {
        "positions": 3,
        "held": 2,
        "unheld": 1,
        "group_leadership": 1,
        "group_professional": 1,
        "group_support": 1,
        "planned": 5,
        "placed": 3,
        "short": 2,
    }
    assert nonzero_figures(table, "X01") == {
        "positions": 1,
        "held": 1,
        "group_professional": 1,
        "planned": 2,
        "placed": 1,
        "short": 1,
    }
    assert nonzero_figures(table) == {
        "positions": 4,
        "held": 3,
        "unheld": 1,
        "group_leadership": 1,
        "group_professional": 2,
        "group_support": 1,
        "planned": 7,
        "placed": 4,
        "short": 3,
    }


def test_the_nation_rolls_up_the_provinces_and_an_excess_is_not_netted(world):
    nation = _table(world["admin"])
    assert nonzero_figures(nation, "T02") == {
        "positions": 1,
        "held": 1,
        "group_support": 1,
        "planned": 1,
        "placed": 2,
        "over": 1,
    }
    total = nonzero_figures(nation)
    assert (total["planned"], total["placed"], total["short"], total["over"]) == (8, 6, 3, 1)


def test_the_project_and_the_persons_of_the_day_count(world):
    # 2024: the superseded version, Lan placed; xã X's project not yet approved.
    earlier = nonzero_figures(_table(world["admin"], "T01", dt.date(2024, 6, 30)))
    assert earlier == {
        "positions": 1,
        "held": 1,
        "group_professional": 1,
        "planned": 2,
        "placed": 1,
        "short": 1,
    }
    # Hải is in service from 01/07/2025.
    later = nonzero_figures(_table(world["admin"], "T01", dt.date(2025, 7, 31)), "S01")
    assert later["placed"] == 4 and later["short"] == 1


def test_a_provincial_user_sees_only_their_province(world):
    officer = make_user("hr_a", Role.HR_OFFICER, world["a"])
    # The report opens on the officer's province, broken into its units: nothing of tỉnh B shows.
    nation = own_province_table(officer, world["admin"], KEY, "T01", "T02", DAY)
    assert nonzero_figures(nation)["placed"] == 4


def test_the_drill_down_lists_the_positions_of_the_cell(world):
    client = Client()
    client.force_login(world["admin"])
    url = reverse("reports:statistic_persons", args=[KEY])
    page = client.get(url, {"as_of": "30/06/2025", "organization": "T01", "figure": "unheld"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Danh sách vị trí việc làm được tính" in text and "Văn thư" in text
    assert "Quản lý ngân sách" not in text and "Giám đốc Sở" not in text
    assert reverse("positions:project_positions", args=[world["current"].pk]) in text
    answer = client.get(
        f"/api/v1/statistics/{KEY}/persons",
        {"as_of": "2025-06-30", "organization": "T01", "unit": "S01", "figure": "short"},
    ).json()
    # The positions behind a sum are those adding to it: the two short of persons, in code order.
    assert [item["values"]["code"] for item in answer["items"]] == ["CM01", "HT01"]
    assert [item["values"]["holder_count"] for item in answer["items"]] == ["2", "0"]
    report = client.get(
        reverse("reports:statistic", args=[KEY]), {"organization": "T01", "as_of": "30/06/2025"}
    )
    assert report.status_code == 200 and "figure=planned" in report.content.decode()
