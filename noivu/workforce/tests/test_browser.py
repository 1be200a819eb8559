"""An officer's journey in a real browser: the forecast of their province as of a day, the charts, the
drill-down to a unit and the Excel export."""

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
    page.fill("#id_as_of", "30/06/2026")
    page.click("#forecast-filter button[type=submit]")
    row = page.locator('#forecast-table tr[data-unit="T01-STC"]')
    expect(row.locator("td.headcount")).to_have_text(["3", "4", "3", "3", "3"])
    expect(page.locator("#vacancy-table tbody tr")).to_have_count(2)
    expect(page.locator("#vacancy-table")).not_to_contain_text("Võ Văn Bê")
    # The charts are drawn, and the age pyramid follows the year chosen.
    page.wait_for_function(
        "() => window.Chart && Chart.getChart('age-chart') && Chart.getChart('headcount-chart')"
    )
    page.select_option('select.pyramid-year[data-chart="ages"]', "3")
    assert (
        page.evaluate("() => Chart.getChart('age-chart').data.datasets[1].data.reduce((a, b) => a + b, 0)")
        == 0
    )
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.click("#export-link")
    assert download.value.suggested_filename == "du-bao-nhan-luc-20260630.xlsx"
    # A bad day is refused with a message and no figures.
    page.fill("#id_as_of", "31/02/2026")
    page.click("#forecast-filter button[type=submit]")
    expect(page.locator("#forecast-errors")).to_be_visible()
    expect(page.locator("#forecast-table")).to_have_count(0)
