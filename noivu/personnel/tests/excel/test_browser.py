"""The HR officer's import journey in a real browser: a refused file, its error workbook, the fix, success."""

import io

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_user
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.models import Person
from noivu.personnel.tests.excel.helpers import valid_row, workbook


@pytest.mark.browser
def test_a_refused_import_is_fixed_from_its_error_workbook_and_then_succeeds(
    page: Page, live_server, tmp_path
):
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    make_org(province, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE)
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")
    rows = [valid_row(0), valid_row(1, **{"Ngày sinh": "31/02/1985"}), valid_row(2)]
    first_file = tmp_path / "ho-so.xlsx"
    first_file.write_bytes(workbook(rows))

    page.goto(live_server.url + "/persons/import/")
    page.fill("#id_username", "hr_a")
    page.fill("#id_password", "Mat-khau-123")
    page.click("#login-form button[type=submit]")
    expect(page.locator("h1.title")).to_have_text("Nhập hồ sơ từ Excel")
    expect(page.locator("#column-list")).to_contain_text("Ngày bắt đầu công tác tại đơn vị")

    page.set_input_files("#id_file", str(first_file))
    page.click("#import-form button[type=submit]")
    expect(page.locator("#import-refused")).to_contain_text("Không hồ sơ nào được ghi")
    error_row = page.locator("#import-errors tbody tr")
    expect(error_row).to_have_count(1)
    expect(error_row).to_contain_text("Ngày sinh")
    expect(error_row).to_contain_text("ngay_thang")
    assert Person.objects.count() == 0

    with page.expect_download() as download_info:
        page.click("#error-workbook-link")
    error_file = tmp_path / "loi.xlsx"
    download_info.value.save_as(error_file)
    book = openpyxl.load_workbook(error_file)
    data = book.worksheets[0]
    assert data["D3"].value == "31/02/1985"
    data["D3"] = "28/02/1985"
    fixed_file = tmp_path / "ho-so-da-sua.xlsx"
    output = io.BytesIO()
    book.save(output)
    fixed_file.write_bytes(output.getvalue())

    page.click("text=Nhập tệp khác")
    page.set_input_files("#id_file", str(fixed_file))
    page.click("#import-form button[type=submit]")
    expect(page.locator("#import-done")).to_contain_text("Đã nhập 3 hồ sơ")
    assert Person.objects.count() == 3

    page.click("#import-done a")
    expect(page.locator("#person-table tbody tr")).to_have_count(3)
