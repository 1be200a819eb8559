"""The leader's periodic report and map in a real browser: the month's figures with the commune that
reported, the workbook and PDF links, and the places of worship as points on the province's communes."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_user
from noivu.admin_units.loader import load_admin_units
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.religion.tests import factories


@pytest.mark.browser
def test_the_leader_reads_the_month_and_sees_the_places_on_the_map(page: Page, live_server, log_in):
    load_admin_units()  # a flush by an earlier transactional test empties the catalogue
    province = make_org(
        None, "T01", "UBND thành phố Hà Nội", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    make_user("leader_a", Role.LEADER, province)
    factories.place(
        province,
        "Chùa Một Cột",
        commune_code="00004",
        latitude=Decimal("21.03587"),
        longitude=Decimal("105.83360"),
    )
    factories.incident(province, "Tranh chấp đất chùa", dt.date(2026, 10, 5), severity=3)

    log_in("leader_a")
    page.goto(live_server.url + "/religion/reports/?kind=month&month=10&year=2026")
    expect(page.locator("#periodic-communes")).to_contain_text("Phường Ba Đình")
    expect(page.locator("#periodic-pdf")).to_be_visible()
    with page.expect_download() as download:
        page.click("#periodic-xlsx")
    assert download.value.suggested_filename == "bao-cao-ton-giao-2026-10.xlsx"

    page.click("#religion-tabs >> text=Bản đồ")
    page.fill("input[name=occurred_from]", "01/01/2026")
    page.click("#map-filter button[type=submit]")
    marker = page.locator("#religion-map path.leaflet-interactive[fill='#2b5797']")
    expect(marker).to_have_count(1)
    marker.click(force=True)
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Chùa Một Cột")
