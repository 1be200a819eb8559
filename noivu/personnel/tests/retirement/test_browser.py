"""The retirement list in a real browser: any unit of the officer's tree chosen by typing its name."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import make_org, make_person, make_user
from noivu.core.dates import add_months
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.models import Gender
from noivu.personnel.tests.retirement.test_views import _born_retiring_from
from noivu.tests.axe import axe_violations


@pytest.mark.browser
def test_the_retirement_list_is_narrowed_to_a_unit_chosen_in_the_tree_select(page: Page, live_server):
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    department = make_org(
        province, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    office = make_org(
        department, "T01-SNV-VP", "Văn phòng Sở", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    today = timezone.localdate()
    make_person(office, "Hoàng Văn Sớm", birth_date=_born_retiring_from(Gender.MALE, add_months(today, 1)))
    make_person(province, "Vũ Văn Gần", birth_date=_born_retiring_from(Gender.MALE, add_months(today, 2)))
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")

    page.goto(live_server.url + "/persons/retirements/")
    page.fill("#id_username", "hr_a")
    page.fill("#id_password", "Mat-khau-123")
    page.click("#login-form button[type=submit]")
    rows = page.locator("#retirement-table tbody tr")
    expect(rows).to_have_count(2)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(live_server.url + "/persons/retirements/")
        unit = page.get_by_role("combobox", name="Đơn vị")
        unit.press_sequentially("van phong")
        option = page.get_by_role("listbox", name="Đơn vị").get_by_role(
            "option", name=re.compile("Văn phòng Sở")
        )
        expect(option).to_contain_text("Sở Nội vụ tỉnh A › UBND tỉnh A")
        assert axe_violations(page) == []
        option.click()
        page.get_by_role("button", name="Xem").click()
        expect(page).to_have_url(re.compile("organization=T01-SNV-VP"))
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("Hoàng Văn Sớm")
        expect(unit).to_have_value("Văn phòng Sở")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
