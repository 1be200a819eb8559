"""The layout in a real browser, on a desktop and a phone: keyboard use, accessibility (axe-core,
WCAG 2.1 AA), the collapsible menu, pages that fit a phone's width, the API documentation without a CDN."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect

from conftest import make_org, make_person, make_user
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.tests.axe import axe_violations

DESKTOP = ViewportSize(width=1366, height=900)
PHONE = ViewportSize(width=390, height=844)


@pytest.fixture
def officer_page(page: Page, live_server) -> Page:
    """An HR officer of a province with a department and two records, logged in."""
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    department = make_org(
        province, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    make_person(department, "Nguyễn Văn An", cccd_number="001085012345")
    make_person(department, "Trần Thị Bình", birth_date=dt.date(1966, 3, 2))
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    page.fill("#id_username", "hr_a")
    page.fill("#id_password", "Mat-khau-123")
    page.click("#login-form button[type=submit]")
    expect(page.locator("h1.title")).to_have_text("Tổng quan")
    return page


def main_pages() -> list[str]:
    from noivu.personnel.models import Person

    person = Person.objects.get(full_name="Nguyễn Văn An")
    return [
        reverse("reports:dashboard"),
        reverse("organizations:tree"),
        reverse("personnel:list"),
        reverse("personnel:detail", args=[person.pk]),
        reverse("personnel:import"),
        reverse("personnel:retirements"),
        reverse("accounts:tokens"),
    ]


def fits_width(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
def test_main_pages_have_no_wcag_21_aa_violation_on_desktop_and_phone(officer_page: Page, live_server):
    page = officer_page
    found = {}
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for path in main_pages():
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            if violations := axe_violations(page):
                found[(path, viewport["width"])] = violations
    assert found == {}, found


@pytest.mark.browser
def test_list_and_import_pages_fit_a_phone_and_the_menu_collapses(officer_page: Page, live_server):
    page = officer_page
    page.set_viewport_size(PHONE)
    for path in main_pages():
        page.goto(live_server.url + path)
        assert fits_width(page), path
    burger = page.locator(".navbar-burger")
    menu = page.locator("#main-menu")
    expect(burger).to_be_visible()
    expect(menu).to_be_hidden()
    burger.click()
    expect(burger).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="Hồ sơ cán bộ")).to_be_visible()
    burger.click()
    expect(menu).to_be_hidden()


@pytest.mark.browser
def test_menus_open_by_keyboard_and_a_skip_link_leads_to_the_content(officer_page: Page):
    page = officer_page
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Chuyển đến nội dung chính")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()

    personnel_menu = page.get_by_role("button", name="Cán bộ", exact=True)
    duplicates = page.get_by_role("link", name="Hồ sơ trùng lặp")
    expect(duplicates).to_be_hidden()
    personnel_menu.focus()
    page.keyboard.press("Enter")
    expect(personnel_menu).to_have_attribute("aria-expanded", "true")
    expect(duplicates).to_be_visible()
    page.keyboard.press("Escape")
    expect(duplicates).to_be_hidden()
    expect(personnel_menu).to_be_focused()

    user_menu = page.get_by_role("button", name="Cán bộ tỉnh A")
    user_menu.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    tokens = page.get_by_role("link", name="Khóa truy cập API")
    expect(tokens).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(reverse("accounts:tokens")) + "$"))


@pytest.mark.browser
def test_language_buttons_show_keyboard_focus(officer_page: Page):
    page = officer_page
    button = page.get_by_role("button", name="English")
    plain = button.evaluate("b => getComputedStyle(b).outlineStyle")
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    assert plain == "none"
    assert button.evaluate("b => getComputedStyle(b).outlineStyle") == "solid"


@pytest.mark.browser
def test_dashboard_chart_formats_numbers_in_the_page_language_like_its_table(page: Page, live_server):
    # A browser set to English reading the Vietnamese page: the chart must still say 1.234, as the table does.
    browser = page.context.browser
    assert browser is not None
    english = browser.new_context(locale="en-US").new_page()
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    make_person(province, "Nguyễn Văn An")
    make_user("hr_a", Role.HR_OFFICER, province)
    english.goto(live_server.url + "/")
    english.fill("#id_username", "hr_a")
    english.fill("#id_password", "Mat-khau-123")
    english.click("#login-form button[type=submit]")
    expect(english.locator("#persons-chart")).to_be_visible()
    english.wait_for_function("typeof Chart !== 'undefined' && Chart.getChart('persons-chart') !== undefined")
    assert english.evaluate("document.documentElement.lang") == "vi"
    label = english.evaluate(
        "() => { const chart = Chart.getChart('persons-chart'); const y = chart.scales.y;"
        " return Chart.Ticks.formatters.numeric.call(y, 1234, 0, [{value: 0}, {value: 1234}]); }"
    )
    assert label == "1.234"
    english.context.close()


@pytest.mark.browser
def test_api_docs_render_from_local_assets_only(officer_page: Page, live_server):
    page = officer_page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + "/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Noivu API")
    expect(page.locator(".opblock").first).to_be_visible()
    assert requested and all(url.startswith(live_server.url) for url in requested), requested


@pytest.mark.browser
def test_the_organisation_tree_collapses_a_unit_and_its_search_opens_the_tree_down_to_a_unit(
    officer_page: Page, live_server
):
    from noivu.organizations.models import Organization

    department = Organization.objects.get(code="T01-SNV")
    make_org(department, "T01-SNV-VP", "Văn phòng Sở", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE)
    page = officer_page
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        page.goto(live_server.url + reverse("organizations:tree"))
        toggle = page.get_by_role("button", name="Mở rộng hoặc thu gọn UBND tỉnh A")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(page.get_by_role("link", name="Sở Nội vụ tỉnh A")).to_be_visible()
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(page.get_by_role("link", name="Sở Nội vụ tỉnh A")).to_be_hidden()
        toggle.press("Enter")  # by keyboard too, without loading the children again
        expect(page.get_by_role("link", name="Sở Nội vụ tỉnh A")).to_be_visible()

        search = page.get_by_role("combobox", name="Tìm đơn vị trong cây")
        search.press_sequentially("van phong")
        expect(page.get_by_role("listbox").get_by_role("option")).to_have_count(1)
        assert axe_violations(page) == []
        page.keyboard.press("Enter")
        found = page.locator(".org-tree [aria-current=location]")
        expect(found).to_have_text("Văn phòng Sở")
        expect(found).to_be_in_viewport()
        expect(page.get_by_role("button", name="Mở rộng hoặc thu gọn Sở Nội vụ tỉnh A")).to_have_attribute(
            "aria-expanded", "true"
        )
        assert axe_violations(page) == []
        if viewport == PHONE:
            assert fits_width(page)


# Words of the Vietnamese interface that no English page should show: phrases of labels, buttons and
# messages, not names (of persons and units), which are data. Text marked lang="vi" (the Excel file's
# Vietnamese column headers, the language button) and values quoted «…» as typed in a file are
# Vietnamese on purpose.
VIETNAMESE_ONLY = re.compile(
    r"\b(tháng|tuổi|Tìm|Tất cả|Không|Nhập|Trang|Xem|Chọn|Lưu|trong số|Kết quả|Kết xuất|hồ sơ|Hồ sơ|"
    r"đơn vị|Đơn vị|Ngày|ngày|Giới tính|Tính đến|Lịch sử|Tác vụ|Đối tượng|Cả nam)\b|\d đ\b"
)
VISIBLE_TEXT = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('[lang="vi"], script, style, [hidden]').forEach((node) => node.remove());
  return copy.innerText;
}"""


@pytest.mark.browser
def test_the_english_interface_shows_no_vietnamese_phrase_on_the_main_pages(officer_page: Page, live_server):
    page = officer_page
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1.title")).to_have_text("Overview")
    found = {}
    for path in [*main_pages(), reverse("core:jobs"), reverse("organizations:tree") + "?unit=T01-SNV"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        text = page.evaluate(VISIBLE_TEXT)
        lines = (re.sub(r"«[^»]*»", "", line).strip() for line in text.splitlines())
        leaks = sorted({line for line in lines if VIETNAMESE_ONLY.search(line)})
        if leaks:
            found[path] = leaks
    assert found == {}, found
    # Figures are grouped as English writes them.
    page.goto(live_server.url + reverse("personnel:import"))
    expect(page.locator("#import-form .help")).to_contain_text("200,000 rows")
