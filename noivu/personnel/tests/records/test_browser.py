"""An officer's journey in a real browser: log in, read the dashboard, find a person, open the record."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_person, make_user
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.tests.axe import axe_violations


@pytest.mark.browser
def test_officer_finds_a_person_without_diacritics_and_opens_the_record(page: Page, live_server):
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    department = make_org(
        province, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    make_person(department, "Nguyễn Văn An", cccd_number="001085012345")
    make_person(department, "Trần Thị Bình")
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")

    page.goto(live_server.url + "/")
    page.fill("#id_username", "hr_a")
    page.fill("#id_password", "Mat-khau-123")
    page.click("#login-form button[type=submit]")

    expect(page.locator("h1.title")).to_have_text("Tổng quan")
    expect(page.locator("#person-count")).to_have_text("2")
    expect(page.locator("#persons-chart")).to_be_visible()

    page.get_by_role("button", name="Cán bộ", exact=True).click()
    page.click("nav.navbar >> text=Hồ sơ cán bộ")
    rows = page.locator("#person-table tbody tr")
    expect(rows).to_have_count(2)
    page.locator("input[name=q]").press_sequentially("nguyen van an")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Nguyễn Văn An")

    rows.first.locator("a").click()
    expect(page.locator("#person-name")).to_have_text("Nguyễn Văn An")
    expect(page.locator("#cccd")).to_have_text("001085012345")
    expect(page.locator("#identity")).to_contain_text("17/05/1985")
    expect(page.locator("#assignments")).to_contain_text("Sở Nội vụ tỉnh A")


@pytest.mark.browser
def test_officer_filters_sorts_selects_two_rows_and_exports_them(page: Page, live_server):
    from openpyxl import load_workbook

    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    department = make_org(
        province, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    make_person(department, "Nguyễn Văn An", birth_date=dt.date(1980, 1, 1))
    make_person(department, "Trần Thị Bình", gender="F", birth_date=dt.date(1990, 1, 1))
    make_person(department, "Lê Thị Cúc", gender="F", birth_date=dt.date(1985, 1, 1))
    make_person(province, "Phạm Thị Dung", gender="F", birth_date=dt.date(1970, 1, 1))
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")

    page.goto(live_server.url + "/")
    page.fill("#id_username", "hr_a")
    page.fill("#id_password", "Mat-khau-123")
    page.click("#login-form button[type=submit]")
    page.goto(live_server.url + "/persons/")
    rows = page.locator("#person-table tbody tr")
    expect(rows).to_have_count(4)

    page.select_option("select[name=gender]", "F")
    expect(rows).to_have_count(3)
    page.get_by_role("combobox", name="Đơn vị").press_sequentially("so noi vu")
    page.get_by_role("listbox", name="Đơn vị").get_by_role("option", name="Sở Nội vụ tỉnh A").click()
    expect(rows).to_have_count(2)
    expect(page.locator("#result-count")).to_contain_text("1–2 trong số 2")

    page.locator("#person-table thead a", has_text="Ngày sinh").click()
    expect(rows.first).to_contain_text("Lê Thị Cúc")
    page.locator("#person-table thead a", has_text="Ngày sinh").click()
    expect(rows.first).to_contain_text("Trần Thị Bình")

    page.locator("#person-table tbody input[name=selected]").nth(0).check()
    page.locator("#person-table tbody input[name=selected]").nth(1).check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Kết xuất Excel").click()
    workbook = io.BytesIO(Path(download_info.value.path()).read_bytes())
    sheet = load_workbook(workbook, read_only=True).active
    assert sheet is not None
    names = sorted(str(row[1]) for row in sheet.iter_rows(min_row=2, values_only=True) if row[1])
    assert names == ["Lê Thị Cúc", "Trần Thị Bình"]


@pytest.mark.browser
def test_any_unit_of_the_tree_is_chosen_by_typing_its_name_and_the_list_shows_each_units_place(
    page: Page, live_server
):
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    department = make_org(
        province, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    office = make_org(
        department, "T01-SNV-VP", "Văn phòng Sở", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    team = make_org(
        office, "T01-SNV-VP-VT", "Tổ văn thư", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    make_person(team, "Vũ Thị Hạnh")
    make_person(department, "Nguyễn Văn An")
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")

    page.goto(live_server.url + "/persons/")
    page.fill("#id_username", "hr_a")
    page.fill("#id_password", "Mat-khau-123")
    page.click("#login-form button[type=submit]")
    rows = page.locator("#person-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Vũ Thị Hạnh")).to_contain_text(
        "Văn phòng Sở › Sở Nội vụ tỉnh A › UBND tỉnh A"
    )

    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(live_server.url + "/persons/")
        unit = page.get_by_role("combobox", name="Đơn vị")
        unit.focus()
        unit.press_sequentially("to van thu")  # without diacritics, by the beginnings of its words
        options = page.get_by_role("listbox", name="Đơn vị").get_by_role("option")
        expect(options).to_have_count(1)
        expect(options.first).to_contain_text("Tổ văn thư")
        expect(options.first).to_contain_text("Văn phòng Sở › Sở Nội vụ tỉnh A › UBND tỉnh A")
        expect(unit).to_have_attribute("aria-expanded", "true")
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.keyboard.press("Enter")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("Vũ Thị Hạnh")
        expect(unit).to_have_value("Tổ văn thư")
        expect(page).to_have_url(re.compile("organization=T01-SNV-VP-VT"))
        # Escape closes the suggestions and keeps the choice; clearing the box lists every unit again.
        unit.press_sequentially(" x")
        page.keyboard.press("Escape")
        expect(unit).to_have_value("Tổ văn thư")
        unit.fill("")
        unit.blur()
        expect(rows).to_have_count(2)
