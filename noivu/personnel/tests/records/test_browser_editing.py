"""An officer's journey in a real browser: a new record from the form, a 2C item and a salary row
corrected with dd/mm/yyyy dates, a training row deleted, and all of it in the change history; every page
on the way without a WCAG 2.1 AA violation (axe-core), on a desktop and on a phone."""

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from conftest import make_org, make_user
from noivu.core.permissions import Role
from noivu.core.rules import load_rule_files
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.tests.axe import axe_violations

PHONE = ViewportSize(width=390, height=844)
DESKTOP = ViewportSize(width=1366, height=900)


def checked(page: Page, found: dict) -> None:
    """Run axe-core on the page as it is, on a desktop and on a phone (where it must also fit)."""
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        if violations := axe_violations(page):
            found[(page.url, viewport["width"])] = violations
        if viewport is PHONE:
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    page.set_viewport_size(DESKTOP)


@pytest.mark.browser
def test_officer_creates_a_record_corrects_it_and_reads_every_change_in_the_history(page: Page, live_server):
    load_rule_files()  # the rank table the rank choices come from (the live server's database is flushed)
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    make_org(province, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE)
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")
    violations: dict = {}

    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    page.fill("#id_username", "hr_a")
    page.fill("#id_password", "Mat-khau-123")
    page.click("#login-form button[type=submit]")
    page.goto(live_server.url + "/persons/")

    # A new record.
    page.click("#create-link")
    expect(page.locator("h1.title")).to_have_text("Thêm hồ sơ mới")
    checked(page, violations)
    page.fill("#id_full_name", "Phạm Thị Hoa")
    page.fill("#id_birth_date", "8/3/1990")
    page.press("#id_birth_date", "Tab")
    expect(page.locator("#id_birth_date")).to_have_value("08/03/1990")  # typed loosely, shown dd/mm/yyyy
    expect(page.get_by_role("button", name="Chọn ngày trên lịch: Ngày sinh")).to_be_visible()
    page.select_option("#id_gender", "F")
    page.fill("#id_cccd_number", "001190000001")
    page.select_option("#id_ethnic_group", label="Kinh")
    page.select_option("#id_organization", "T01-SNV")
    page.select_option("#id_category", "public_employee")
    page.fill("#id_start_date", "01/01/2015")
    page.click("#new-person-form button[type=submit]")
    expect(page.locator("#person-name")).to_have_text("Phạm Thị Hoa")
    expect(page.locator("#identity")).to_contain_text("08/03/1990")
    checked(page, violations)
    record = page.url

    # An item of the 2C form with a date.
    page.click("#edit-link")
    checked(page, violations)
    page.fill("#id_other_names", "Hoa Phạm")
    page.fill("#id_recruited_on", "15/12/2014")
    page.select_option("#id_religion", label="Không")
    page.click("#person-form button[type=submit]")
    expect(page.locator(".notification, .message").first).to_contain_text("Đã cập nhật hồ sơ")

    # A salary row entered, then corrected; a training row entered, then deleted.
    page.goto(record + "dossier/salary/add/")
    checked(page, violations)
    page.fill("#id_step", "1")
    page.fill("#id_coefficient", "2,34")
    page.fill("#id_effective_from", "01/01/2015")
    page.select_option("#id_rank_code", "01.003")
    page.select_option("#id_salary_group", "A1")
    page.click("#fact-form button[type=submit]")
    page.goto(record + "dossier/salary/")
    checked(page, violations)
    page.get_by_role("link", name="Sửa dòng 1").click()
    expect(page.locator("#id_effective_from")).to_have_value("01/01/2015")
    checked(page, violations)
    page.fill("#id_coefficient", "2,67")
    page.fill("#id_effective_from", "01/01/2018")
    page.click("#fact-form button[type=submit]")
    expect(page.locator("#facts")).to_contain_text("2,67")
    expect(page.locator("#facts")).to_contain_text("01/01/2018")

    page.goto(record + "dossier/training/add/")
    page.fill("#id_name", "Bồi dưỡng quản lý nhà nước")
    page.fill("#id_start_date", "01/03/2022")
    page.click("#fact-form button[type=submit]")
    page.goto(record + "dossier/training/")
    page.get_by_role("link", name="Xóa dòng 1").click()
    checked(page, violations)
    page.fill("#id_reason", "Nhập nhầm khóa học")
    page.click("#delete-form button[type=submit]")
    expect(page.locator("#facts")).to_have_count(0)

    # Every change in the history, with who and when.
    page.goto(record + "history/")
    history = page.locator("#history")
    expect(history).to_contain_text("Tạo hồ sơ")
    expect(history).to_contain_text("Tên gọi khác: — → Hoa Phạm")
    expect(history).to_contain_text("Ngày tuyển dụng: — → 15/12/2014")
    expect(history).to_contain_text("Hệ số lương: 2,34 → 2,67")
    expect(history).to_contain_text("Hiệu lực từ ngày: 01/01/2015 → 01/01/2018")
    expect(history).to_contain_text("Cán bộ tỉnh A")
    deleted = history.locator("tr", has=page.locator(".history-operation", has_text="Xóa"))
    expect(deleted).to_contain_text("Đào tạo, bồi dưỡng")
    expect(deleted).to_contain_text("Bồi dưỡng quản lý nhà nước")
    expect(deleted).to_contain_text("Nhập nhầm khóa học")
    checked(page, violations)
    assert violations == {}, violations
