"""The dashboard in a real browser: the as-of date replays the figures of another day."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_person, make_user
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.models import Category
from noivu.personnel.records.actions import do_transfer_person


@pytest.mark.browser
def test_officer_replays_the_dashboard_before_a_transfer(page: Page, live_server):
    root = make_org(None, "VN", "Chính phủ", OrganizationKind.GOVERNMENT, OrganizationLevel.CENTRAL)
    province_a = make_org(
        root, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    province_b = make_org(
        root, "T02", "UBND tỉnh B", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    an = make_person(province_a, "Nguyễn Văn An")
    make_person(province_a, "Trần Thị Bình")
    do_transfer_person(
        person=an,
        to_organization=province_b,
        category=Category.CIVIL_SERVANT,
        effective_from=dt.date(2024, 7, 1),
        acting_user=make_user("admin", Role.SYSTEM_ADMIN, root),
    )
    make_user("hr_a", Role.HR_OFFICER, province_a, full_name="Cán bộ tỉnh A")

    page.goto(live_server.url + "/")
    page.fill("#id_username", "hr_a")
    page.fill("#id_password", "Mat-khau-123")
    page.click("#login-form button[type=submit]")
    expect(page.locator("h1.title")).to_have_text("Tổng quan")
    expect(page.locator("#person-count")).to_have_text("1")

    page.fill("#as-of", "30/06/2024")
    page.click("#as-of-form button[type=submit]")
    expect(page.locator("#person-count")).to_have_text("2")
    expect(page.locator("#as-of")).to_have_value("30/06/2024")
    expect(page.locator("#persons-chart")).to_be_visible()


@pytest.mark.browser
def test_officer_opens_a_statistical_report_and_the_persons_behind_a_figure(page: Page, live_server, log_in):
    root = make_org(None, "VN", "Chính phủ", OrganizationKind.GOVERNMENT, OrganizationLevel.CENTRAL)
    province = make_org(
        root, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    commune = make_org(
        province, "X01", "UBND xã X", OrganizationKind.COMMUNE_COMMITTEE, OrganizationLevel.COMMUNE
    )
    make_person(commune, "Lê Thị Cúc", gender="F")
    make_person(commune, "Trần Văn Bình")
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")

    log_in("hr_a")
    page.goto(live_server.url + "/statistics/")
    page.click("#statistics-list a")
    expect(page.locator("h1.title")).to_have_text("Số lượng, chất lượng cán bộ, công chức, viên chức")
    expect(page.locator("#statistic-total th").first).to_have_text("Tổng cộng")
    expect(page.locator("#statistic-chart")).to_be_visible()
    expect(page.locator("#statistic-unverified")).to_be_visible()
    # The officer's report opens on their province, broken into its units.
    expect(page.locator("#statistic-scope")).to_contain_text("UBND tỉnh A")
    row = page.locator("tr[data-unit='X01']")
    expect(row.locator("td").first).to_have_text("2")
    row.locator("a[href*='figure=women']").click()
    expect(page.locator("h1.title")).to_have_text("Danh sách người được tính")
    expect(page.locator("#statistic-persons-table")).to_contain_text("Lê Thị Cúc")
    expect(page.locator("#statistic-persons-table")).not_to_contain_text("Trần Văn Bình")
