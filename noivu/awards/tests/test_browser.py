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
