"""An officer's and an approver's journey in a real browser: a streamlining case from its proposal to the
person leaving their assignment, and the bad input the rules refuse with a message naming the rule."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_person, make_user
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.models import Gender
from noivu.tests.axe import axe_violations


@pytest.mark.browser
def test_streamlining_case_from_proposal_to_leaving_the_assignment(page: Page, live_server, log_in):
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    department = make_org(
        province, "T01-STC", "Sở Tài chính tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    division = make_org(
        department, "T01-STC-01", "Phòng Ngân sách", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    make_person(division, "Lê Thị Hoa", gender=Gender.FEMALE, birth_date=dt.date(1971, 2, 2))
    make_person(division, "Trần Văn Trẻ", birth_date=dt.date(1990, 6, 1))
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")
    make_user("approver_a", Role.APPROVER, province, full_name="Lãnh đạo phê duyệt")
    base = live_server.url

    log_in("hr_a")
    # A quota below the persons already working there is refused, naming the rule.
    page.goto(base + "/staffing/quotas/")
    page.fill("#id_organization", "T01-STC-01")
    page.select_option("#id_category", "civil_servant")
    page.fill("#id_year", "2026")
    page.fill("#id_quantity", "1")
    page.click("#propose-quota button[type=submit]")
    expect(page.locator("#propose-quota")).to_contain_text(
        "Quy tắc không giao thấp hơn số người đang làm việc"
    )
    # A quota that keeps the rules is proposed; a second one for the same year overlaps it.
    page.fill("#id_quantity", "3")
    page.click("#propose-quota button[type=submit]")
    expect(page.locator("#quota-status")).to_have_text("Đề xuất")
    page.goto(base + "/staffing/quotas/")
    page.fill("#id_organization", "T01-STC-01")
    page.fill("#id_year", "2026")
    page.fill("#id_quantity", "4")
    page.click("#propose-quota button[type=submit]")
    expect(page.locator("#propose-quota")).to_contain_text("Quy tắc không trùng thời gian")

    # From the persons of the division, propose to streamline Hoa; resignation is refused by Điều 8.
    page.goto(base + f"/staffing/units/{division.pk}/assigned/?as_of=01/10/2025")
    row = page.locator("#assigned-table tbody tr", has_text="Lê Thị Hoa")
    row.get_by_role("link", name="Đề xuất tinh giản").click()
    page.select_option("#id_policy", "resignation")
    page.select_option("#id_ground", "job_position")
    page.fill("#id_case_date", "01/10/2025")
    page.fill("#id_leave_date", "01/12/2025")
    page.fill("#id_salary_current", "10000000")
    page.fill("#id_si_years", "25")
    page.click("#propose-case button[type=submit]")
    expect(page.locator("#propose-case")).to_contain_text("154/2025/NĐ-CP, Điều 8 khoản 1")
    expect(page.locator("#propose-case")).to_contain_text("154/2025/NĐ-CP, Điều 6")
    assert axe_violations(page) == []
    page.select_option("#id_policy", "early_retirement")
    page.click("#propose-case button[type=submit]")
    expect(page.locator("#case-status")).to_have_text("Đề xuất")
    expect(page.locator("#benefit-total")).to_have_text("225.000.000 đ")
    expect(page.locator("#benefit")).to_contain_text("154/2025/NĐ-CP, Điều 6")
    case_url = page.url
    assert axe_violations(page) == []

    # The approver approves it with the decision.
    log_in("approver_a")
    page.goto(case_url)
    page.select_option("#decide-form select[name=approve]", "1")
    page.fill("#decide-form input[name=decision_number]", "88/QĐ-UBND")
    page.fill("#decide-form input[name=decision_date]", "01/11/2025")
    page.click("#decide-form button[type=submit]")
    expect(page.locator("#case-status")).to_have_text("Đã phê duyệt")
    expect(page.locator("#execute-form")).to_have_count(0)

    # The officer carries it out: the person leaves the assignment on the leave date.
    log_in("hr_a")
    page.goto(case_url)
    page.click("#execute-form button[type=submit]")
    expect(page.locator("#case-status")).to_have_text("Đã thực hiện")
    expect(page.locator("#case-assignment")).to_contain_text("đến 30/11/2025")
    page.goto(base + f"/staffing/units/{division.pk}/assigned/?as_of=30/11/2025")
    expect(page.locator("#assigned-table")).to_contain_text("Lê Thị Hoa")
    page.goto(base + f"/staffing/units/{division.pk}/assigned/?as_of=01/12/2025")
    expect(page.locator("#assigned-table")).not_to_contain_text("Lê Thị Hoa")
    expect(page.locator("#assigned-table")).to_contain_text("Trần Văn Trẻ")
