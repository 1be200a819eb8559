"""The arrangement journey in a real browser: an officer analyses a district and draws a plan, an
approver approves it, an administrator adopts it, and the commune committees, the person working there
and their address follow."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_person, make_user
from noivu.admin_units.arrangement.engine import plan_scope
from noivu.admin_units.loader import load_admin_units
from noivu.admin_units.models import AdminUnit, Level, Regime, UnitFigure
from noivu.core.permissions import Role
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel
from noivu.personnel.models import Person, PersonAddress

DAN_PHUONG = "273"
DAY = dt.date(2025, 5, 1)


@pytest.mark.browser
def test_analysis_then_plan_then_adoption_updates_organisations_and_addresses(
    page: Page, live_server, log_in
):
    load_admin_units()  # a flush by an earlier transactional test empties the catalogue
    communes = list(
        AdminUnit.objects.filter(regime=Regime.LEGACY, level=Level.COMMUNE, parent_code=DAN_PHUONG)
    )
    for unit in communes:
        UnitFigure.objects.create(
            unit=unit, effective_from=dt.date(2019, 4, 1), area_km2=Decimal(6), population=7000
        )
    root = make_org(None, "VN", "Chính phủ", OrganizationKind.GOVERNMENT, OrganizationLevel.CENTRAL)
    province = make_org(
        root, "T01", "UBND Hà Nội", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    province.admin_unit_code = "01"
    province.save()
    a, b = sorted(plan_scope(DAN_PHUONG, DAY).edges)[0]
    names = {}
    for unit in communes:
        if unit.code in (a, b):
            committee = make_org(
                province,
                f"X{unit.code}",
                f"UBND {unit.name}",
                OrganizationKind.COMMUNE_COMMITTEE,
                OrganizationLevel.COMMUNE,
            )
            committee.admin_unit_code = unit.code
            committee.save()
            names[unit.code] = unit.name
    person = make_person(Organization.objects.get(code=f"X{b}"), "Đỗ Thị Xã")
    PersonAddress.objects.create(person=person, kind="permanent", province_code="01", commune_code=b)
    make_user("hr", Role.HR_OFFICER, province)
    make_user("approver", Role.APPROVER, province)
    make_user("admin", Role.SYSTEM_ADMIN, province)

    log_in("hr")
    page.click("nav.navbar >> text=Đơn vị hành chính")
    page.click("nav.navbar >> text=Phân tích theo tiêu chuẩn")
    page.select_option("select[name=parent]", DAN_PHUONG)
    page.fill("input[name=as_of]", "01/05/2025")
    page.click("#analysis-filter button[type=submit]")
    expect(page.locator("#criteria")).to_contain_text("76/2025/UBTVQH15")
    expect(page.locator("#analysis-table tbody tr")).to_have_count(len(communes))
    expect(page.locator("#verdict-summary")).to_contain_text("Thuộc diện phải sắp xếp")

    page.click("text=Phương án sắp xếp >> nth=-1")
    page.fill("#id_name", "Phương án thử Đan Phượng")
    page.select_option("#id_parent_code", DAN_PHUONG)
    page.fill("#id_as_of", "01/05/2025")
    page.uncheck("#id_solve")
    page.click("#propose")
    expect(page.locator("h1.title")).to_have_text("Phương án thử Đan Phượng")
    page.fill("#id_groups", f"{names[a]}, {names[b]}")
    page.click("#save-groups")
    expect(page.locator("#units-after")).to_have_text(str(len(communes) - 1))
    page.click("#step-submit")
    expect(page.locator("#plan-status")).to_have_text("Đã trình")

    plan_url = page.url
    log_in("approver")
    page.goto(plan_url)
    page.click("#step-approve")
    expect(page.locator("#plan-status")).to_have_text("Đã phê duyệt")

    log_in("admin")
    page.goto(plan_url)
    page.fill("#id_resolution_number", "1234/NQ-UBTVQH15")
    page.fill("#id_resolution_date", "20/05/2025")
    page.fill("#id_effective_on", "01/06/2025")
    page.locator("#adopt-form input[name^=name_]").fill("Đan Hòa")
    page.click("#step-adopt")
    expect(page.locator("#plan-status")).to_have_text("Đã thi hành")
    expect(page.locator("#adoption")).to_contain_text("1234/NQ-UBTVQH15")

    new = AdminUnit.objects.get(regime=Regime.LEGACY, name="Xã Đan Hòa")
    committee = Organization.objects.get(admin_unit_code=new.code)
    page.goto(f"{live_server.url}/organizations/{committee.pk}/")
    expect(page.locator("h1.title")).to_contain_text("UBND xã Đan Hòa")
    person = Person.objects.get(pk=person.pk)
    assert person.organization_id == committee.pk
    assert PersonAddress.objects.get(person=person).commune_code == new.code
