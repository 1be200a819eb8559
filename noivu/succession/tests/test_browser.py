"""An HR officer's journey in a real browser: a pool opened for a division's head, candidates added until
the limit refuses one naming the rule, a candidate's readiness and the training still needed; a course
opened, a candidate sent and the completion counted in the yearly training periods."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from conftest import make_user
from noivu.core.dates import today
from noivu.core.permissions import Role
from noivu.succession.tests.conftest import ranked, rated
from noivu.tests.axe import axe_violations


@pytest.mark.browser
def test_a_pool_to_its_limit_and_a_course_counted_in_the_training_periods(
    page: Page, live_server, log_in, tree, division
):
    from conftest import make_person

    staff = [
        rated(ranked(make_person(division, name, birth_date=dt.date(1982, 3, 4))), "HTT", "HTXS")
        for name in ("Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường", "Phạm Văn Dũng")
    ]
    make_user("hr_a", Role.HR_OFFICER, tree["province_a"], full_name="Cán bộ tỉnh A")
    base = live_server.url
    log_in("hr_a")

    page.goto(base + "/succession/")
    page.select_option("#id_organization", label="Phòng Công chức")
    page.fill("#id_position_title", "Trưởng phòng")
    page.select_option("#id_level", "division_head")
    page.fill("#id_term_start", "2026")
    page.fill("#id_term_end", "2031")
    page.click("#pool-form button[type=submit]")
    expect(page.locator("h1.title")).to_contain_text("Trưởng phòng")
    pool_url = page.url
    for person in staff[:3]:
        page.select_option("#candidate-form select[name=person]", str(person.pk))
        page.click("#candidate-form button[type=submit]")
        expect(page.locator("#candidate-table")).to_contain_text(person.full_name)
    page.select_option("#candidate-form select[name=person]", str(staff[3].pk))
    page.click("#candidate-form button[type=submit]")
    expect(page.locator("#candidate-form .is-danger")).to_contain_text("tối đa 3 người (377-QĐ/TW)")
    expect(page.locator("#candidate-table tbody tr")).to_have_count(3)
    expect(page.locator("#candidate-table")).to_contain_text("Cần bồi dưỡng thêm")
    expect(page.locator("#candidate-table")).to_contain_text("Bồi dưỡng lãnh đạo, quản lý cấp phòng")
    assert axe_violations(page) == []

    page.goto(base + "/succession/courses/")
    page.select_option("#id_organization", label="Sở Nội vụ tỉnh A")
    page.fill("#id_name", "Bồi dưỡng lãnh đạo, quản lý cấp phòng")
    page.select_option("#id_programme", "leadership_division")
    page.fill("#id_start_date", (today() - dt.timedelta(days=30)).isoformat())
    page.fill("#id_end_date", (today() - dt.timedelta(days=3)).isoformat())
    page.fill("#id_periods", "160")
    page.click("#course-form button[type=submit]")
    page.select_option("#enrol-form select[name=person]", str(staff[0].pk))
    page.click("#enrol-form button[type=submit]")
    expect(page.locator("#enrolment-table")).to_contain_text("Đang học")
    page.fill("#enrolment-table input[name=certificate]", "CC-2026-01")
    page.click("#enrolment-table button.is-success")
    expect(page.locator("#enrolment-table")).to_contain_text("Đã hoàn thành")

    page.goto(pool_url)
    first = page.locator("#candidate-table tbody tr", has_text="Nguyễn Văn An")
    expect(first).not_to_contain_text("Bồi dưỡng lãnh đạo, quản lý cấp phòng")
    page.goto(base + f"/succession/training/?year={today().year}&missing=on")
    expect(page.locator("#training-table")).not_to_contain_text("Nguyễn Văn An")
    expect(page.locator("#training-table")).to_contain_text("Trần Văn Bình")
