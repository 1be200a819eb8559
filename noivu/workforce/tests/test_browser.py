"""An officer's journey in a real browser: the forecast of their province as of a day, the charts' data
and the Excel export."""

import pytest
from playwright.sync_api import Page, expect

from conftest import make_user
from noivu.core.permissions import Role
from noivu.tests.axe import axe_violations


@pytest.mark.browser
def test_forecast_of_a_province_with_charts_drill_down_and_export(
    page: Page, live_server, log_in, world, tree
):
    make_user("officer_a", Role.HR_OFFICER, tree["province_a"])
    log_in("officer_a")
    page.goto(live_server.url + "/workforce/")
    page.fill("#filter_as_of", "30/06/2026")
    page.click("#forecast-filter button[type=submit]")
    row = page.locator('#forecast-table tr[data-unit="T01-STC"]')
    expect(row.locator("td.headcount")).to_have_text(["3", "4", "3", "3", "3"])
    expect(page.locator("#vacancy-table tbody tr")).to_have_count(2)
    expect(page.locator("#vacancy-table")).not_to_contain_text("Võ Văn Bê")
    # The charts' data: at the end of year 3 no woman of today is left; the projected line.
    charts = page.evaluate("() => JSON.parse(document.getElementById('workforce-charts').textContent)")
    assert sum(charts["ages"]["women"][3]) == 0 and sum(charts["ages"]["women"][0]) == 1
    assert charts["headcount"]["datasets"][0]["values"] == [4, 3, 4, 3, 3, 3]
    expect(page.locator("canvas#age-chart")).to_have_count(1)
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.click("#export-link")
    assert download.value.suggested_filename == "du-bao-nhan-luc-20260630.xlsx"
    # A bad day is refused with a message and no figures.
    page.fill("#filter_as_of", "31/02/2026")
    page.click("#forecast-filter button[type=submit]")
    expect(page.locator("#forecast-errors")).to_be_visible()
    expect(page.locator("#forecast-table")).to_have_count(0)
