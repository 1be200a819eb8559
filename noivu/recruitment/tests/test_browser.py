"""A recruitment round in a real browser: the plan from the vacancies of the gap analysis, its approval,
two applications, double-entered scores, an appeal that changes the winner, and the decision creating the
new person's record."""

import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_user
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.recruitment.tests import factories
from noivu.tests.axe import axe_violations


def apply(page: Page, name: str, cccd: str) -> None:
    page.select_option("#id_position", index=1)
    page.fill("#id_full_name", name)
    page.fill("#id_birth_date", "04/03/1998")
    page.select_option("#id_gender", "M")
    page.fill("#id_cccd_number", cccd)
    page.select_option("#id_qualification", "university")
    page.check("#id_documents_0")
    page.click("#candidate-form button[type=submit]")
    expect(page.locator(".notification.is-success")).to_contain_text(f"Đã nhận hồ sơ của {name}")


def score_twice(page: Page, value: str) -> None:
    for entry in ("1", "2"):
        page.select_option("#id_part", "professional")
        page.select_option("#id_entry", entry)
        page.fill("#id_value", value)
        page.click("#score-form button[type=submit]")
        expect(page.locator(".notification.is-success")).to_be_visible()


@pytest.mark.browser
def test_a_round_from_the_plan_through_scores_and_an_appeal_to_the_decision(page: Page, live_server, log_in):
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    agency = make_org(
        province, "T01-STC", "Sở Tài chính tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    factories.approved_project(agency, {"budget": 2})
    make_user("hr_a", Role.HR_OFFICER, province)
    make_user("approver_a", Role.APPROVER, province)
    base = live_server.url

    log_in("hr_a")
    page.goto(f"{base}/recruitment/plans/new/")
    page.fill("#id_unit", "T01-STC")
    page.click("#unit-form button[type=submit]")
    expect(page.locator("#vacancy-table")).to_contain_text("Quản lý ngân sách")
    page.fill("#quota_TD01", "1")
    page.fill("#id_title", "Xét tuyển công chức Sở Tài chính 2026")
    page.select_option("#id_staff_kind", "civil_servant")
    page.select_option("#id_method", "selection")
    page.fill("#id_applications_open", "01/03/2026")
    page.fill("#id_applications_close", "31/03/2026")
    page.fill("#id_exam_date", "10/05/2026")
    page.click("#plan-form button[type=submit]")
    expect(page.locator("#plan-status")).to_have_text("Dự thảo")
    plan_url = page.url

    log_in("approver_a")
    page.goto(plan_url)
    page.fill("#id_approval_number", "12/QĐ-STC")
    page.fill("#id_approval_date", "20/02/2026")
    page.click("#approve-form button[type=submit]")
    expect(page.locator("#plan-status")).to_have_text("Đã phê duyệt")

    log_in("hr_a")
    page.goto(plan_url)
    apply(page, "Nguyễn Văn Một", "001098000001")
    apply(page, "Trần Văn Hai", "001098000002")
    assert axe_violations(page) == []

    page.click("text=Nguyễn Văn Một")
    score_twice(page, "70")
    expect(page.locator("#score-professional .score-value")).to_have_text("70,00")
    page.goto(plan_url)
    page.click("text=Trần Văn Hai")
    page.select_option("#id_part", "professional")
    page.fill("#id_value", "68")
    page.click("#score-form button[type=submit]")
    page.select_option("#id_entry", "2")
    page.fill("#id_value", "86")
    page.click("#score-form button[type=submit]")
    expect(page.locator(".form-errors, #score-form .help.is-danger").first).to_contain_text("khác lần nhập 1")
    page.select_option("#id_part", "professional")
    page.select_option("#id_entry", "2")
    page.fill("#id_value", "68")
    page.click("#score-form button[type=submit]")
    expect(page.locator("#score-professional .score-value")).to_have_text("68,00")
    # The appeal re-marks the paper: 68 → 75 puts this candidate first.
    page.select_option("#id_appeal-part", "professional")
    page.click("#appeal-form button[type=submit]")
    page.fill("#id_result-new_value", "75")
    page.click("#appeal-result-form button[type=submit]")
    expect(page.locator("#score-professional .score-value")).to_have_text("75,00")

    page.goto(plan_url)
    page.click("#results-link")
    expect(page.locator("#result-table tbody tr").first).to_contain_text("Trần Văn Hai")
    expect(page.locator("#result-table tbody tr").first).to_contain_text("Trúng tuyển")
    expect(page.locator("#recognition-form")).to_have_count(0)  # the approver's, not the HR officer's
    results_url = page.url

    log_in("approver_a")
    page.goto(results_url)
    page.fill("#id_result_number", "28/QĐ-STC")
    page.fill("#id_result_date", "15/05/2026")
    page.click("#recognition-form button[type=submit]")
    expect(page.locator("#recognition")).to_contain_text("28/QĐ-STC")
    expect(page.locator("#decision-form")).to_have_count(0)

    log_in("hr_a")
    page.goto(results_url)
    page.fill("#id_decision_number", "30/QĐ-STC")
    page.fill("#id_decision_date", "20/05/2026")
    page.fill("#id_start_date", "01/06/2026")
    page.click("#decision-form button[type=submit]")
    expect(page.locator("#recruited")).to_contain_text("Trần Văn Hai")
    page.click("#recruited a")
    expect(page.locator("h1.title")).to_contain_text("Trần Văn Hai")
