"""A payroll officer and an approver lock a month's payroll in a real browser; the officer then computes a
salary-plan scenario, watches its progress and reads its chart; and proposes the step raise due, which the
approver approves, the new step showing on the person's record."""

import datetime as dt
import threading
from dataclasses import replace
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_person, make_user
from noivu.core import jobs
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.payroll.actions import SCENARIO_JOB
from noivu.payroll.models import Allowance, SalaryHistory


def login(page: Page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Mat-khau-123")
    page.click("form:has(input[name=password]) button[type=submit]")


@pytest.mark.browser
def test_a_month_is_locked_and_a_scenario_runs_to_its_chart(page: Page, live_server, settings, monkeypatch):
    settings.JOBS_ON_THREAD = True
    # The scenario's job reports its first step and waits until the officer has seen the progress bar: a
    # scenario of two persons would otherwise end before the page shows.
    release = threading.Event()
    kind = jobs.kind_of(SCENARIO_JOB)
    assert kind is not None

    def held(record, progress):
        progress(40, "Đang đọc quá trình lương")
        release.wait(30)
        return kind.function(record, progress)

    monkeypatch.setitem(jobs._job_kinds, SCENARIO_JOB, replace(kind, function=held))
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    department = make_org(
        province, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    an = make_person(department, "Nguyễn Văn An")
    binh = make_person(province, "Trần Thị Bình")
    # An: A1 step 3 since 1/8/2023, due for step 4 (3,33) on 1/8/2026, after the month locked below (a
    # raise may not start in a locked month); Bình's raise fell due in 2023.
    for person, step, coefficient, since in (
        (an, 3, "3.00", dt.date(2023, 8, 1)),
        (binh, 2, "4.74", dt.date(2020, 1, 1)),
    ):
        SalaryHistory.objects.create(
            person=person,
            step=step,
            coefficient=Decimal(coefficient),
            effective_from=since,
            salary_table="bang_2_cong_chuc",
            salary_group="A1" if step == 3 else "A2.1",
        )
    Allowance.objects.create(
        person=an, kind="leadership", coefficient=Decimal("0.30"), effective_from=dt.date(2021, 1, 1)
    )
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")
    make_user("approver_a", Role.APPROVER, province, full_name="Lãnh đạo duyệt")

    login(page, live_server.url, "hr_a")
    page.goto(live_server.url + "/payroll/")
    page.select_option("#id_organization", label="UBND tỉnh A")
    page.fill("#id_month", "01/07/2026")
    page.click("#compute-payroll button[type=submit]")
    expect(page.locator("#lines-table tbody tr")).to_have_count(2)
    expect(page.locator("#run-totals")).to_contain_text("2.530.000 đ")
    page.click("#review-run")
    expect(page.locator("#run-status")).to_have_text("Đã kiểm tra")
    run_url = page.url

    login(page, live_server.url, "approver_a")
    page.goto(run_url)
    page.click("#lock-run")
    expect(page.locator("#run-status")).to_have_text("Đã khóa")

    login(page, live_server.url, "hr_a")
    page.goto(live_server.url + "/payroll/")
    page.select_option("#id_organization", label="UBND tỉnh A")
    page.fill("#id_month", "15/07/2026")
    page.click("#compute-payroll button[type=submit]")
    expect(page.locator("#compute-errors")).to_contain_text("đã khóa")

    page.goto(live_server.url + "/payroll/scenarios/")
    page.select_option("#id_organization", label="UBND tỉnh A")
    page.fill("#id_name", "Lương cơ sở 2.800.000 đồng")
    page.fill("#id_starts_on", "01/07/2026")
    page.fill("#id_base_salary", "2800000")
    page.fill("#id_change_leadership", "10")
    page.click("#start-scenario button[type=submit]")
    expect(page.locator("#scenario-progress progress")).to_have_attribute("value", "40")
    expect(page.locator("#scenario-progress")).to_contain_text("Đang đọc quá trình lương")
    release.set()
    expect(page.locator("#scenario-progress")).to_have_count(0, timeout=30_000)
    expect(page.locator("#scenario-chart")).to_be_visible()
    expect(page.locator("#scenario-totals")).to_contain_text("2")
    expect(page.locator("#by-unit")).to_contain_text("Sở Nội vụ tỉnh A")

    page.goto(f"{live_server.url}/payroll/raises/?organization={province.pk}&year=2026")
    expect(page.locator("#raises-table tbody tr")).to_have_count(1)
    expect(page.locator("#raises-table")).to_contain_text("01/08/2026")
    page.click("#propose-button")
    expect(page.locator("#proposal-status")).to_have_text("Đã trình")
    proposal_url = page.url

    login(page, live_server.url, "approver_a")
    page.goto(proposal_url)
    page.fill("#decision-number", "12/QĐ-UBND")
    page.click("#approve-button")
    expect(page.locator("#proposal-status")).to_have_text("Đã phê duyệt")
    expect(page.locator("#proposal-sheet")).to_be_visible()
    page.goto(f"{live_server.url}/persons/{an.pk}/")
    expect(page.locator("body")).to_contain_text("12/QĐ-UBND")
    expect(page.locator("body")).to_contain_text("3,33")
