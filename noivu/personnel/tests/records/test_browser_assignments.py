"""Correcting a period of the career in a real browser: the unit chosen by typing its name, dates
dd/mm/yyyy, the record page showing the corrected period."""

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_person, make_user
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.tests.axe import axe_violations


@pytest.mark.browser
def test_an_officer_corrects_the_unit_and_position_of_a_period_from_the_record(page: Page, live_server):
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    department = make_org(
        province, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    make_org(department, "T01-SNV-VP", "Văn phòng Sở", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE)
    person = make_person(department, "Nguyễn Văn An")
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + f"/persons/{person.pk}/")
    page.fill("#id_username", "hr_a")
    page.fill("#id_password", "Mat-khau-123")
    page.click("#login-form button[type=submit]")
    page.locator("#assignments").get_by_role("link", name=re.compile("^Sửa")).click()
    expect(page.locator("h1.title")).to_have_text("Sửa quá trình công tác")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    unit = page.get_by_role("combobox", name="Đơn vị")
    expect(unit).to_have_value("Sở Nội vụ tỉnh A")
    unit.fill("")
    unit.press_sequentially("van phong")
    page.get_by_role("listbox", name="Đơn vị").get_by_role("option", name=re.compile("Văn phòng Sở")).click()
    page.fill("#id_position_title", "Chánh Văn phòng")
    page.fill("#id_effective_from", "01/03/2021")
    page.get_by_role("button", name="Lưu").click()

    expect(page.locator("#assignments")).to_contain_text("Chánh Văn phòng — Văn phòng Sở")
    expect(page.locator("#assignments")).to_contain_text("01/03/2021")
    page.goto(live_server.url + f"/persons/{person.pk}/history/")
    expect(page.locator("main")).to_contain_text("Chánh Văn phòng")
