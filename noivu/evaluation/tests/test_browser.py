"""A person's evaluation in a real browser, from the self-assessment to the decision, and the cap on
"hoàn thành xuất sắc" refusing an excess with the rule and the counts."""

import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_person, make_user
from noivu.core.permissions import Role
from noivu.evaluation.models import Evaluation
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.tests.axe import axe_violations


def self_assess(page: Page, base: str, person_id: int, rating: str) -> None:
    page.goto(f"{base}/evaluation/persons/{person_id}/")
    page.fill("#id_year", "2025")
    page.select_option("#id_period_kind", "year")
    page.fill("#id_period_number", "0")
    page.select_option("#id_rating", rating)
    page.fill("#id_comment", "Hoàn thành kế hoạch năm")
    page.click("#self-assessment-form button[type=submit]")
    expect(page.locator("#evaluation-status")).to_have_text("Đã tự đánh giá")


@pytest.mark.browser
def test_an_evaluation_from_self_assessment_to_decision_and_the_cap_refusing_an_excess(
    page: Page, live_server, log_in
):
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    division = make_org(
        province, "T01-01", "Phòng Công chức", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    staff = [
        make_person(division, name)
        for name in ("Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường", "Phạm Văn Dũng", "Hoàng Văn Em")
    ]
    make_user("hr_a", Role.HR_OFFICER, province)
    make_user("appraiser_a", Role.APPRAISER, province)
    make_user("approver_a", Role.APPROVER, province)
    base = live_server.url
    for person in staff[:4]:
        Evaluation.objects.create(
            person=person,
            organization=division,
            year=2025,
            period_kind="year",
            category="civil_servant",
            regime="ND90_2020",
            status="decided",
            rating="HTT",
        )
    Evaluation.objects.create(
        person=staff[3],
        organization=division,
        year=2024,
        period_kind="year",
        category="civil_servant",
        regime="ND90_2020",
        status="decided",
        rating="HT",
    )

    log_in("hr_a")
    self_assess(page, base, staff[4].pk, "HTXS")
    evaluation_url = page.url

    log_in("approver_a")
    page.goto(evaluation_url)
    expect(page.locator("#decide-form")).to_have_count(0)  # the manager has not assessed yet

    log_in("appraiser_a")
    page.goto(evaluation_url)
    page.select_option("#id_rating", "HTXS")
    page.fill("#id_comment", "Vượt nhiều chỉ tiêu")
    page.click("#assess-form button[type=submit]")
    expect(page.locator("#evaluation-status")).to_have_text("Người quản lý đã đánh giá")

    log_in("approver_a")
    page.goto(evaluation_url)
    page.click("#decide-form button[type=submit]")
    # One "xuất sắc" against four "tốt": 20 % of 4 rounds down to 0.
    expect(page.locator("#decide-form")).to_contain_text("Vượt tỷ lệ")
    expect(page.locator("#decide-form")).to_contain_text(
        "1 người xếp loại hoàn thành xuất sắc trong khi 4 người"
    )
    assert axe_violations(page) == []
    page.select_option("#id_rating", "HTT")
    page.fill("#id_decision_number", "25/QĐ-SNV")
    page.click("#decide-form button[type=submit]")
    expect(page.locator("#evaluation-status")).to_have_text("Đã quyết định xếp loại")
    expect(page.locator("#evaluation-rating")).to_have_text("Hoàn thành tốt nhiệm vụ")

    page.goto(f"{base}/evaluation/results/?under=T01&year=2025")
    expect(page.locator("#results-table")).to_contain_text("Phòng Công chức")
    expect(page.locator("#results-summary")).to_contain_text("5")
    page.goto(f"{base}/persons/{staff[4].pk}/cv/")
    expect(page.locator("body")).to_contain_text("Hoàn thành tốt nhiệm vụ")


@pytest.mark.browser
def test_a_unit_gives_a_task_to_the_unit_below_which_records_progress_on_a_phone(
    page: Page, live_server, log_in
):
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    department = make_org(
        province, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    division = make_org(
        department, "T01-SNV-01", "Phòng Công chức", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    an = make_person(division, "Nguyễn Văn An")
    make_user("hr_a", Role.HR_OFFICER, province)
    base = live_server.url
    log_in("hr_a")

    page.goto(f"{base}/evaluation/units/{department.pk}/tasks/")
    page.fill("#id_title", "Rà soát vị trí việc làm")
    page.select_option("#id_receiver", f"o{division.pk}")
    page.fill("#id_target_quantity", "10")
    page.fill("#id_measure", "hồ sơ")
    page.fill("#id_deadline", "31/12/2026")
    page.click("#task-form button[type=submit]")
    expect(page.locator("#given-task-table")).to_contain_text("Phòng Công chức")
    expect(page.locator("#unit-summary")).to_contain_text("Phòng Công chức")

    page.set_viewport_size({"width": 390, "height": 844})
    page.click("#unit-summary a:has-text('Phòng Công chức')")
    expect(page.locator("h1.title")).to_contain_text("Phòng Công chức")
    page.click("#unit-task-table a:has-text('Rà soát vị trí việc làm')")
    expect(page.locator("#task-origin")).to_contain_text("Sở Nội vụ tỉnh A")
    page.fill("#id_part-title", "Rà soát hồ sơ phòng")
    page.select_option("#id_part-receiver", f"p{an.pk}")
    page.fill("#id_part-target_quantity", "4")
    page.fill("#id_part-measure", "hồ sơ")
    page.fill("#id_part-deadline", "30/12/2026")
    page.click("#split-form button[type=submit]")
    expect(page.locator("#part-table")).to_contain_text("Nguyễn Văn An")
    page.fill("#id_quantity", "6")
    page.fill("#id_quality_quantity", "5")
    page.click("#progress-form button[type=submit]")
    expect(page.locator("#task-progress")).to_contain_text("6/10 hồ sơ (60%)")
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
