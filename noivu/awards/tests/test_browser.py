"""The council's nomination in a real browser, on a phone-sized screen: the candidates of a long list found
by typing part of a name, with or without diacritics, chosen and sent with the keyboard alone."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_person, make_rating, make_user
from noivu.awards import actions
from noivu.awards.models import Nominee
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.tests.axe import axe_violations


@pytest.mark.browser
def test_the_nominee_is_found_by_part_of_a_name_and_nominated_with_the_keyboard(
    page: Page, live_server, log_in
):
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    division = make_org(
        province, "T01-01", "Phòng Công chức", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    names = ("Nguyễn Văn Đức", "Trần Thị Đào", "Lê Văn An", "Phạm Thị Bích", "Đỗ Minh Dũng")
    staff = {name: make_person(division, name) for name in names}
    for person in staff.values():
        make_rating(person, 2025, "HTT")
    hr_a = make_user("hr_a", Role.HR_OFFICER, province)
    session = actions.do_open_council(
        organization=province, year=2025, held_on=dt.date(2026, 1, 15), members=9, acting_user=hr_a
    )

    page.set_viewport_size({"width": 390, "height": 844})
    log_in("hr_a")
    page.goto(f"{live_server.url}/awards/councils/{session.pk}/")
    search = page.locator("#id_candidate-search")
    options = page.locator("#id_candidate option")
    expect(options).to_have_count(len(names))

    search.fill("duc")  # no diacritics: đ is d
    expect(options).to_have_text(["Nguyễn Văn Đức"])
    expect(page.locator("#id_candidate-status")).to_have_text("1 lựa chọn phù hợp")
    search.fill("dao tran")  # every word, in any order
    expect(options).to_have_text(["Trần Thị Đào"])
    search.fill("xuân")
    expect(options).to_have_count(0)
    expect(page.locator("#id_candidate-status")).to_have_text("Không có lựa chọn nào phù hợp.")
    search.fill("D")
    expect(options).to_have_text(["Đỗ Minh Dũng", "Nguyễn Văn Đức", "Trần Thị Đào"])
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Enter in the search box moves to the list instead of sending the form.
    search.press("Enter")
    expect(page.locator("#id_candidate")).to_be_focused()
    assert not Nominee.objects.exists()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_candidate")).to_have_value(f"{staff['Nguyễn Văn Đức'].pk}:LDTT")
    page.keyboard.press("Tab")
    expect(page.locator("#nominate-form button[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#nominee-table")).to_contain_text("Nguyễn Văn Đức")
    assert list(Nominee.objects.values_list("person__full_name", "title")) == [("Nguyễn Văn Đức", "LDTT")]
    # The one nominated is no longer offered; the others still are.
    expect(options).to_have_count(len(names) - 1)


@pytest.mark.browser
def test_from_registration_through_the_council_vote_to_the_decision(page: Page, live_server, log_in):
    from noivu.evaluation.models import UnitEvaluation
    from noivu.personnel.models import Gender

    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    division = make_org(
        province, "T01-01", "Phòng Công chức", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    hoa = make_person(division, "Lê Thị Hoa", gender=Gender.FEMALE)
    nam = make_person(division, "Trần Văn Nam")
    for person in (hoa, nam):
        make_rating(person, 2025, "HTXS")
    UnitEvaluation.objects.create(
        organization=division, year=2025, rating="HTXS", decided_on=dt.date(2026, 1, 5)
    )
    hr_a = make_user("hr_a", Role.HR_OFFICER, province)
    make_user("approver_a", Role.APPROVER, province)
    movement = actions.do_launch_movement(
        organization=province,
        name="Thi đua thực hiện nhiệm vụ năm 2025",
        year=2025,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        units=[division],
        acting_user=hr_a,
    )
    base = live_server.url

    log_in("hr_a")
    # Registration: Hoa for Chiến sĩ thi đua cơ sở, the division for Tập thể lao động xuất sắc.
    page.goto(f"{base}/awards/movements/{movement.pk}/")
    page.select_option("#id_individual-person", str(hoa.pk))
    page.select_option("#id_individual-title", "CSTDCS")
    page.fill("#id_individual-registered_on", "15/02/2025")
    page.click("#register-person-form button[type=submit]")
    page.select_option("#id_collective-unit", str(division.pk))
    page.select_option("#id_collective-title", "TTLDXS")
    page.fill("#id_collective-registered_on", "15/02/2025")
    page.click("#register-unit-form button[type=submit]")
    expect(page.locator("#registration-table")).to_contain_text("Lê Thị Hoa")
    expect(page.locator("#registration-table")).to_contain_text("Phòng Công chức")

    # The council session of three members.
    page.goto(f"{base}/awards/units/{province.pk}/councils/")
    page.fill("#council-form input[name=year]", "2025")
    page.fill("#council-form input[name=held_on]", "15/01/2026")
    page.fill("#council-form input[name=members]", "3")
    page.click("#council-form button[type=submit]")
    expect(page.locator("h1.title")).to_contain_text("Phiên họp Hội đồng ngày 15/01/2026")
    council_url = page.url
    for name, role in (("Nguyễn Văn Hùng", "chair"), ("Trần Thị Mai", "member"), ("Võ Thị Năm", "secretary")):
        page.fill("#id_member-name", name)
        page.select_option("#id_member-role", role)
        page.click("#member-form button[type=submit]")
    expect(page.locator("#council-members")).to_contain_text("Đã ghi 3/3 thành viên")

    # Nominees of the screening: the person and the collective.
    page.select_option("#id_candidate", f"{hoa.pk}:CSTDCS")
    page.click("#nominate-form button[type=submit]")
    page.select_option("#id_candidate", f"u{division.pk}:TTLDXS")
    page.click("#nominate-form button[type=submit]")
    rows = page.locator("#nominee-table tbody tr")
    expect(rows).to_have_count(2)

    # The ballot: 80 % of 3 members is 3 for the fighter, so 2 yes votes fall short; more than half (2)
    # is enough for the collective title. The field allows no more yes votes than voters.
    person_row = rows.filter(has_text="Lê Thị Hoa")
    expect(person_row.locator("input[name=yes_votes]")).to_have_attribute("max", "3")
    person_row.locator("input[name=yes_votes]").fill("2")
    person_row.locator("button[type=submit]").click()
    expect(rows.filter(has_text="Lê Thị Hoa").locator(".tag.is-danger")).to_have_text("không đạt")
    rows.filter(has_text="Lê Thị Hoa").locator("input[name=yes_votes]").fill("3")
    rows.filter(has_text="Lê Thị Hoa").locator("button[type=submit]").click()
    expect(rows.filter(has_text="Lê Thị Hoa").locator(".tag.is-success")).to_have_text("đạt")
    rows.filter(has_text="Phòng Công chức").locator("input[name=yes_votes]").fill("2")
    rows.filter(has_text="Phòng Công chức").locator("button[type=submit]").click()
    expect(rows.filter(has_text="Phòng Công chức").locator(".tag.is-success")).to_have_text("đạt")
    assert axe_violations(page) == []

    # The approver signs: the person's award on the record, the collective's on the unit's history, each
    # with the money of its recipient on the base salary of 20/01/2026 (2,340,000 đ).
    log_in("approver_a")
    page.goto(council_url)
    page.fill("#id_decision_number", "9/QĐ-UBND")
    page.fill("#id_decided_on", "20/01/2026")
    page.fill("#id_signer", "Chủ tịch UBND tỉnh A")
    page.click("#decision-form button[type=submit]")
    expect(page.locator("#council-decision")).to_contain_text("Quyết định số 9/QĐ-UBND ngày 20/01/2026")
    expect(rows.filter(has_text="Lê Thị Hoa")).to_contain_text("2.340.000 đ")  # 1.0 ×
    expect(rows.filter(has_text="Phòng Công chức")).to_contain_text("3.510.000 đ")  # 1.5 ×
    page.goto(f"{base}/organizations/{division.pk}/")
    expect(page.locator("#unit-awards-panel")).to_contain_text("Tập thể lao động xuất sắc")
    expect(page.locator("#unit-awards-panel")).to_contain_text("9/QĐ-UBND")
