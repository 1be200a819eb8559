"""The HR officer's import journey in a real browser: a refused file, its error workbook, the fix, success."""

import dataclasses
import io
import threading

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_user
from noivu.core import jobs
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.excel.jobs import IMPORT_KIND
from noivu.personnel.models import Person
from noivu.personnel.tests.excel.helpers import valid_row, workbook
from noivu.tests.axe import axe_violations


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
    expect(error_row).to_contain_text("Ngày tháng hợp lệ")
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


@pytest.mark.browser
def test_an_import_shows_its_progress_while_it_runs_and_then_appears_in_the_import_history(
    page: Page, live_server, tmp_path, settings, monkeypatch
):
    # No worker: the import runs on a thread of the server, and the page polls it while it works.
    settings.JOBS_ON_THREAD = True
    started = threading.Event()
    release = threading.Event()
    real = jobs.kind_of(IMPORT_KIND)
    assert real is not None

    def held(record, progress):
        progress(5, "Đang đọc tệp…")
        started.set()
        release.wait(timeout=30)
        return real.function(record, progress)

    monkeypatch.setitem(jobs._job_kinds, IMPORT_KIND, dataclasses.replace(real, function=held))
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    make_org(province, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE)
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")
    upload = tmp_path / "ho-so-thang-5.xlsx"
    upload.write_bytes(workbook([valid_row(0), valid_row(1, **{"Ngày sinh": "31/02/1985"})]))

    page.goto(live_server.url + "/persons/import/")
    page.fill("#id_username", "hr_a")
    page.fill("#id_password", "Mat-khau-123")
    page.click("#login-form button[type=submit]")
    page.set_input_files("#id_file", str(upload))
    page.click("#import-form button[type=submit]")
    # The answer came while the import is still held: a progress bar that polls.
    bar = page.locator("#import-status progress")
    expect(bar).to_be_visible()
    assert started.wait(timeout=10)
    expect(page.locator("#import-status")).to_contain_text("Đang đọc tệp")
    assert axe_violations(page) == []
    release.set()
    expect(page.locator("#import-refused")).to_contain_text("Không hồ sơ nào được ghi")

    page.click("#import-history-link")
    expect(page.locator("h1.title")).to_contain_text("Nhập hồ sơ từ Excel")
    row = page.locator("#job-list tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("ho-so-thang-5.xlsx")
    expect(row).to_contain_text("Cán bộ tỉnh A")
    expect(row.get_by_role("link", name="Tải tệp báo lỗi")).to_be_visible()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []
