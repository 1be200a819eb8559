"""A person's change to their own dossier in a real browser: the HR officer creates the accounts, the
person sets a password through the first-login link, proposes a new phone number, the officer approves it,
and the change reaches the local stand-in of the national database."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from python_calamine import CalamineWorkbook

from conftest import make_org, make_person, make_user
from noivu.core.permissions import Role
from noivu.edossier import sync
from noivu.edossier.models import SyncReceipt
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.models import Gender


@pytest.mark.browser
def test_a_proposal_goes_from_the_person_through_approval_to_the_national_database(
    page: Page, live_server, log_in, settings
):
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    department = make_org(
        province, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    person = make_person(department, "Trần Thị Lan", gender=Gender.FEMALE, cccd_number="001185054321")
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")
    base = live_server.url

    log_in("hr_a")
    page.goto(base + "/edossier/accounts/")
    with page.expect_download() as download:
        page.click("#create-accounts button[type=submit]")
    sheet = CalamineWorkbook.from_path(download.value.path()).get_sheet_by_index(0).to_python()
    username, link = str(sheet[1][2]), str(sheet[1][3])
    assert username == "001185054321"

    page.context.clear_cookies()
    page.goto(link)
    page.fill("#id_new_password1", "Hoa-sen-2026!")
    page.fill("#id_new_password2", "Hoa-sen-2026!")
    page.click("#activate-form button[type=submit]")
    page.fill("#id_username", username)
    page.fill("#id_password", "Hoa-sen-2026!")
    page.click("#login-form button[type=submit]")
    expect(page.locator("h1.title")).to_have_text("Hồ sơ của tôi")

    page.get_by_role("link", name="Đề nghị sửa").first.click()
    page.fill("#id_phone", "0912 abc")
    page.click("#proposal-form button[type=submit]")
    expect(page.locator("#proposal-form")).to_contain_text("Số điện thoại")
    page.fill("#id_phone", "0912345678")
    page.click("#proposal-form button[type=submit]")
    expect(page.locator("#my-proposals")).to_contain_text("Chờ duyệt")

    log_in("hr_a")
    page.goto(base + reverse("edossier:proposals"))
    page.get_by_role("link", name="Trần Thị Lan").click()
    expect(page.locator("#proposal-values")).to_contain_text("0912345678")
    page.click("#approve")
    expect(page.locator(".notification").first).to_contain_text("Đã duyệt")

    settings.EDOSSIER_SYNC_TOKEN = "thu-nghiem"
    transport = sync.http_transport(base + reverse("edossier:receiver"), "thu-nghiem")
    assert sync.deliver(transport)["acknowledged"] >= 1
    received = [receipt.body for receipt in SyncReceipt.objects.all()]
    assert any(
        body["person"]["identifier"] == "001185054321" and body["data"].get("phone") == "0912345678"
        for body in received
    ), received
    page.goto(base + reverse("edossier:sync"))
    expect(page.locator("#sync-counts")).to_contain_text("Đã được tiếp nhận")
    person.refresh_from_db()
    assert person.phone == "0912345678"
