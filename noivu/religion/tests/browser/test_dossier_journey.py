"""A dossier from its receipt to its decision, in a real browser: the officer receives it and asks for a
supplement, records the supplement, and the approver answers — first refused for a late answer without a
reason, then accepted with one."""

import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_user
from noivu.core.permissions import Role
from noivu.core.rules import load_rule_files
from noivu.organizations.models import OrganizationKind, OrganizationLevel


@pytest.mark.browser
def test_a_dossier_from_receipt_to_decision(page: Page, live_server, log_in):
    load_rule_files()
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    make_org(province, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE)
    make_user("officer_a", Role.HR_OFFICER, province)
    make_user("approver_a", Role.APPROVER, province)

    log_in("officer_a")
    page.goto(live_server.url + "/religion/")
    page.click("#religion-tabs >> text=Hồ sơ thủ tục")
    page.click("#receive-link")
    page.select_option("#id_organization", label="Sở Nội vụ tỉnh A")
    page.select_option("#id_procedure_code", "TG_SHTGTT")
    page.fill("#id_applicant", "Nhóm Tin lành thôn Đông")
    page.fill("#id_received_on", "03/03/2025")
    page.click("#receive-form button[type=submit]")
    expect(page.locator("#due-on")).to_have_text("24/03/2025")
    expect(page.locator("#clock-explanation")).to_contain_text("23/03/2025 là ngày nghỉ (Chủ nhật)")

    page.fill("#supplement-form #id_requested_on", "05/03/2025")
    page.fill("#supplement-form #id_content", "Giấy tờ chứng minh địa điểm hợp pháp")
    page.click("#supplement-form button[type=submit]")
    expect(page.locator("#dossier-status")).to_contain_text("Chờ bổ sung")
    page.fill("#supplement-received-form #id_received_on", "10/03/2025")
    page.click("#supplement-received-form button[type=submit]")
    expect(page.locator("#due-on")).to_have_text("28/03/2025")
    dossier_url = page.url

    log_in("approver_a")
    page.goto(dossier_url)
    page.fill("#decide-form #id_decided_on", "31/03/2025")
    page.select_option("#decide-form #id_outcome", "approved")
    page.fill("#decide-form #id_decision_number", "15/UBND-TG")
    page.click("#decide-form button[type=submit]")
    expect(page.locator(".notification.is-danger")).to_contain_text("phải ghi lý do quá hạn")
    page.fill("#decide-form #id_decided_on", "31/03/2025")
    page.select_option("#decide-form #id_outcome", "approved")
    page.fill("#decide-form #id_decision_number", "15/UBND-TG")
    page.fill("#decide-form #id_late_reason", "Chờ ý kiến Sở Xây dựng về địa điểm")
    page.click("#decide-form button[type=submit]")
    expect(page.locator("#dossier-status")).to_contain_text("Đã có kết quả")
    expect(page.locator("#dossier-outcome")).to_contain_text("15/UBND-TG")
