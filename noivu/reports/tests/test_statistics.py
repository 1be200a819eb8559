"""The statistical report of the quantity and quality of cadres, civil servants and public employees, counted
by hand on a few persons: the figures of each sub-unit and the total, the roll-up to the nation, the as-of
date, the scope, the drill-down, the Excel and PDF exports and the API."""

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import make_org, make_person, make_user
from noivu.core.extensions import statistical_reports
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.dossier.models import Education, PartyMembership, RankHistory
from noivu.personnel.models import Assignment, Category, Gender
from noivu.personnel.records.actions import do_transfer_person
from noivu.reports import tables

KEY = "personnel-quality"
DAY = dt.date(2025, 6, 30)
DAY_TEXT = "30/06/2025"


def _rank(person, code, name, start=dt.date(2020, 1, 1)):
    RankHistory.objects.create(person=person, rank_code=code, rank_name=name, effective_from=start)


def _education(person, kind, level, year):
    Education.objects.create(person=person, kind=kind, level=level, graduation_year=year)


@pytest.fixture
def world(db):
    """Chính phủ → {tỉnh A → {xã X, Sở Y}, tỉnh B}, the persons of the module docstring's hand count."""
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
    admin = make_user("admin", Role.SYSTEM_ADMIN, root)

    lan = make_person(
        department,
        "Nguyễn Thị Lan",
        gender=Gender.FEMALE,
        birth_date=dt.date(1990, 7, 1),
        ethnic_group="02",
        religion="buddhism",
    )
    PartyMembership.objects.create(person=lan, admitted_on=dt.date(2015, 5, 19))
    _education(lan, "professional", "university", 2012)
    _education(lan, "professional", "master", 2018)
    _education(lan, "political_theory", "intermediate", 2019)
    _education(lan, "state_management", "specialist", 2016)
    _rank(lan, "01.003", "Chuyên viên")

    binh = make_person(
        commune,
        "Trần Văn Bình",
        category=Category.COMMUNE_CIVIL_SERVANT,
        birth_date=dt.date(1960, 3, 1),
        ethnic_group="01",
        religion="none",
    )
    _education(binh, "professional", "university", 1985)
    _rank(binh, "01.004", "Cán sự")

    cuc = make_person(
        commune,
        "Lê Thị Cúc",
        category=Category.PUBLIC_EMPLOYEE,
        gender=Gender.FEMALE,
        birth_date=dt.date(1999, 12, 31),
    )
    PartyMembership.objects.create(person=cuc, admitted_on=dt.date(2020, 3, 1), left_on=dt.date(2024, 12, 1))
    _education(cuc, "professional", "college", 2026)  # not yet reached on the day
    _rank(cuc, "V.07.03.28", "Giáo viên tiểu học hạng II")

    dung = make_person(province_a, "Phạm Văn Dũng", category=Category.CADRE, birth_date=dt.date(1975, 1, 1))
    PartyMembership.objects.create(person=dung, admitted_on=dt.date(2000, 1, 1))

    make_person(department, "Hoàng Văn Em", category=Category.CONTRACT)  # not a cadre: not counted
    make_person(province_b, "Vũ Văn Giang")

    late = make_person(department, "Đỗ Văn Hải")  # recruited after the day
    Assignment.objects.filter(person=late).update(effective_from=dt.date(2025, 7, 1))

    moved = make_person(commune, "Ngô Văn Khoa")  # in the commune until 31/12/2024, then the department
    do_transfer_person(
        person=moved,
        to_organization=department,
        category=Category.CIVIL_SERVANT,
        effective_from=dt.date(2025, 1, 1),
        acting_user=admin,
    )
    return {
        "root": root,
        "a": province_a,
        "b": province_b,
        "commune": commune,
        "department": department,
        "admin": admin,
        "lan": lan,
        "binh": binh,
        "cuc": cuc,
        "dung": dung,
        "moved": moved,
        "late": late,
    }


def _table(user, code="", day=DAY):
    report = statistical_reports[KEY]
    return tables.build(report, user, tables.scope_of(user, code), day)


def _figures(table, row):
    return dict(zip([figure.key for figure in table.report.figures], row.values, strict=True))


def _row(table, code):
    return next(row for row in table.rows if row.code == code)


def _nonzero(values):
    return {key: value for key, value in values.items() if value}


def test_each_sub_unit_and_the_total_of_a_province(world):
    table = _table(world["admin"], "T01")
    assert [(row.code, row.own) for row in table.rows] == [("T01", True), ("X01", False), ("S01", False)]
    assert _nonzero(_figures(table, _row(table, "S01"))) == {
        "total": 2,
        "civil_servants": 2,
        "women": 1,
        "ethnic_minority": 1,
        "religion": 1,
        "party": 1,
        "age_30_40": 2,
        "edu_master": 1,
        "theory_intermediate": 1,
        "management_specialist": 1,
        "rank_specialist": 1,
    }
    assert _nonzero(_figures(table, _row(table, "X01"))) == {
        "total": 2,
        "civil_servants": 1,
        "public_employees": 1,
        "women": 1,
        "age_under_30": 1,
        "age_over_60": 1,
        "edu_university": 1,
        "rank_principal": 1,
        "rank_clerk": 1,
    }
    assert _nonzero(_figures(table, _row(table, "T01"))) == {
        "total": 1,
        "cadres": 1,
        "party": 1,
        "age_41_50": 1,
    }
    total = _figures(table, table.total)
    assert total["total"] == 5 and total["party"] == 2 and total["women"] == 2


def test_the_province_total_is_the_sum_of_its_rows_and_the_nation_row_of_the_province(world):
    province = _table(world["admin"], "T01")
    nation = _table(world["admin"])
    # Nobody is placed at the Government itself: no row of its own.
    assert [row.code for row in nation.rows] == ["T01", "T02"]
    sums = [sum(column) for column in zip(*(row.values for row in province.rows), strict=True)]
    assert province.total.values == sums == _row(nation, "T01").values
    assert _figures(nation, nation.total)["total"] == 6


def test_as_of_an_earlier_day_the_transferred_person_counts_in_the_unit_of_that_day(world):
    before = _table(world["admin"], "T01", dt.date(2024, 6, 30))
    assert _figures(before, _row(before, "X01"))["total"] == 3
    assert _figures(before, _row(before, "S01"))["total"] == 1
    # Cúc was still a Party member then; the one recruited on 01/07/2025 counts in neither day.
    assert _figures(before, _row(before, "X01"))["party"] == 1
    after = _table(world["admin"], "T01", DAY)
    assert _figures(after, _row(after, "S01"))["total"] == 2
    assert _figures(after, _row(after, "X01"))["party"] == 0
    later = _table(world["admin"], "T01", dt.date(2025, 7, 1))
    assert _figures(later, _row(later, "S01"))["total"] == 3


def test_a_provincial_user_sees_only_their_province(world):
    officer = make_user("hr_a", Role.HR_OFFICER, world["a"])
    # With no unit chosen the report opens on the officer's province, broken into its units.
    own = _table(officer)
    assert own.scope.code == "T01"
    assert [(row.code, row.own) for row in own.rows] == [("T01", True), ("X01", False), ("S01", False)]
    assert own.total.values == _table(world["admin"], "T01").total.values
    assert _figures(own, own.total)["total"] == 5
    client = Client()
    client.force_login(officer)
    url = reverse("reports:statistic", args=[KEY])
    assert client.get(url, {"organization": "T02"}).status_code == 404
    page = client.get(url)
    assert page.status_code == 200 and "UBND tỉnh B" not in page.content.decode()


def _persons(client, **query):
    response = client.get(reverse("reports:statistic_persons", args=[KEY]), {"as_of": DAY_TEXT, **query})
    assert response.status_code == 200
    return response


def test_the_drill_down_lists_exactly_the_persons_of_the_cell(world):
    client = Client()
    client.force_login(world["admin"])
    women = _persons(client, organization="T01", unit="X01", figure="women").content.decode()
    assert "Lê Thị Cúc" in women and "Nguyễn Thị Lan" not in women and "Trần Văn Bình" not in women
    party = _persons(client, organization="T01", figure="party").content.decode()
    assert "Nguyễn Thị Lan" in party and "Phạm Văn Dũng" in party and "Lê Thị Cúc" not in party
    own = _persons(client, organization="T01", unit="T01").content.decode()
    assert "Phạm Văn Dũng" in own and "Nguyễn Thị Lan" not in own
    table = _table(world["admin"], "T01")
    report = table.report
    cell = report.cell(
        world["admin"],
        DAY,
        table.scope.path,
        table.scope.prefix_length,
        world["department"].path,
        "age_30_40",
    )
    assert set(cell.values_list("person_id", flat=True)) == {world["lan"].pk, world["moved"].pk}
    assert client.get(reverse("reports:statistic_persons", args=[KEY]), {"figure": "nope"}).status_code == 404
    assert (
        client.get(
            reverse("reports:statistic_persons", args=[KEY]), {"organization": "T01", "unit": "T02"}
        ).status_code
        == 404
    )


def test_the_drill_down_masks_personal_data_per_role(world):
    Person = type(world["lan"])
    Person.objects.filter(pk=world["lan"].pk).update(cccd_number="001190012345")
    leader = make_user("leader_a", Role.LEADER, world["a"])
    client = Client()
    client.force_login(leader)
    page = _persons(client, organization="T01", unit="S01", figure="women").content.decode()
    assert "Nguyễn Thị Lan" in page and "001190012345" not in page


def test_the_report_page_links_each_figure_to_its_persons(world):
    client = Client()
    client.force_login(world["admin"])
    page = client.get(reverse("reports:statistic", args=[KEY]), {"organization": "T01", "as_of": DAY_TEXT})
    text = page.content.decode()
    assert page.status_code == 200
    assert "unit=X01" in text and "figure=women" in text and "statistic-chart-data" in text
    assert "Thông tư 18/2025/TT-BNV" in text and 'id="statistic-unverified"' in text
    listing = client.get(reverse("reports:statistics")).content.decode()
    assert reverse("reports:statistic", args=[KEY]) in listing
    assert client.get(reverse("reports:statistic", args=["unknown"])).status_code == 404


def test_the_excel_export_holds_the_figures(world):
    client = Client()
    client.force_login(world["admin"])
    response = client.get(
        reverse("reports:statistic_excel", args=[KEY]), {"organization": "T01", "as_of": DAY_TEXT}
    )
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("Mã đơn vị", "Đơn vị", "Tổng số")
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["X01"][2] == 2 and by_code["S01"][2] == 2
    assert rows[-1][1] == "Tổng cộng" and rows[-1][2] == 5
    women = header.index("Cơ cấu: Nữ")
    assert by_code["X01"][women] == 1
    about = dict(row[:2] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert about["Tính đến ngày"] == DAY_TEXT and "chưa đối chiếu" in about["Đối chiếu biểu mẫu"]


def test_the_pdf_is_an_a4_landscape_page_with_the_table_the_chart_and_the_footer(world, monkeypatch):
    client = Client()
    client.force_login(world["admin"])
    url = reverse("reports:statistic_pdf", args=[KEY])
    response = client.get(url, {"organization": "T01", "as_of": DAY_TEXT})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")

    import weasyprint

    printed = []

    class Capture:
        def __init__(self, string):
            printed.append(string)

        def write_pdf(self):
            return b"%PDF-"

    monkeypatch.setattr(weasyprint, "HTML", Capture)
    client.get(url, {"organization": "T01", "as_of": DAY_TEXT})
    html = printed[0]
    assert "size: A4 landscape" in html and "<svg" in html and "UBND xã X" in html
    assert "Thông tư 18/2025/TT-BNV" in html
    assert "chưa đối chiếu được với biểu mẫu chính thức" in html


def test_the_api_answers_the_same_figures_and_cells(world):
    client = Client()
    client.force_login(world["admin"])
    listed = client.get("/api/v1/statistics").json()
    # Personnel's quality report comes first (its order); the other apps' reports follow.
    assert listed[0]["key"] == KEY and listed[0]["form"]["verified"] is False
    answer = client.get(f"/api/v1/statistics/{KEY}", {"organization": "T01", "as_of": "2025-06-30"}).json()
    rows = {row["code"]: row for row in answer["rows"]}
    assert rows["X01"]["values"]["women"] == 1 and answer["total"]["values"]["total"] == 5
    cell = client.get(
        f"/api/v1/statistics/{KEY}/persons",
        {"organization": "T01", "unit": "X01", "figure": "women", "as_of": "2025-06-30"},
    ).json()
    assert cell["count"] == 1 and cell["items"][0]["values"]["full_name"] == "Lê Thị Cúc"
    assert client.get(f"/api/v1/statistics/{KEY}", {"organization": "NOPE"}).status_code == 404
    assert client.get(f"/api/v1/statistics/{KEY}", {"as_of": "31/02/2025"}).status_code == 422


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout: PostgreSQL")
def test_a_report_that_runs_past_its_time_is_stopped_and_a_narrower_scope_asked_for(world, settings):
    settings.REPORT_TIMEOUT_SECONDS = 0.001
    client = Client()
    client.force_login(world["admin"])

    page = client.get(reverse("reports:statistic", args=[KEY]), {"as_of": DAY_TEXT})
    answer = client.get(f"/api/v1/statistics/{KEY}", {"as_of": "2025-06-30"})

    assert page.status_code == 503
    assert "chưa tính xong trong 0,001 giây" in page.content.decode()
    assert answer.status_code == 503 and "hãy chọn phạm vi hẹp hơn" in answer.json()["detail"]
