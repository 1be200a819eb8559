"""The national administrator's journey in a real browser: a province's file uploaded, its import
followed to the end, the conflict it found opened and decided."""

import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_person, make_user
from noivu.core.permissions import Role
from noivu.edossier import initial_export
from noivu.exchange.models import Conflict, ConflictStatus
from noivu.exchange.tests.helpers import as_other, exported, ndjson
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.models import Gender


@pytest.mark.browser
def test_a_province_file_is_imported_and_its_conflict_decided(page: Page, live_server, log_in, tmp_path):
    root = make_org(None, "VN", "Chính phủ", OrganizationKind.GOVERNMENT, OrganizationLevel.CENTRAL)
    province = make_org(
        root, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    make_person(province, "Nguyễn Văn An", cccd_number="001085012345")
    make_person(province, "Trần Thị Bình", gender=Gender.FEMALE, cccd_number="001185054321")
    make_user("sysadmin", Role.SYSTEM_ADMIN, root)
    an, binh = exported(province.path)
    assert initial_export.FORMAT_VERSION == "1"
    sent = tmp_path / "t01.ndjson.gz"
    # An comes with a number of his own; Bình with the number her record here holds: a conflict.
    sent.write_bytes(ndjson([as_other(an, "001085077771"), as_other(binh, binh["identifier"])]))

    log_in("sysadmin")
    page.goto(live_server.url + "/exchange/")
    page.fill("#exchange-source", "T01")
    page.set_input_files("#exchange-file", str(sent))
    page.click("#exchange-import-form button[type=submit]")
    expect(page.locator("main")).to_contain_text("1 xung đột số định danh mới")

    page.goto(live_server.url + "/exchange/")
    page.click("text=1 xung đột số định danh chờ quyết định")
    page.click("#exchange-conflicts a")
    expect(page.locator("#incoming")).to_contain_text("Trần Thị Bình")
    page.fill("#decision-reason", "Hồ sơ tại Bộ là bản gốc")
    page.click("#exchange-decision button[value=keep]")
    expect(page.locator("main")).to_contain_text("Đã ghi quyết định.")
    assert Conflict.objects.get().status == ConflictStatus.KEPT
