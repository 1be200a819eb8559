"""The analysis, plan and map pages and the API, as a province's officers use them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_org, make_user
from noivu.admin_units.arrangement.models import ArrangementPlan, PlanStatus
from noivu.admin_units.models import AdminUnit, Level, Regime, UnitFigure
from noivu.core.models import AuditEvent
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel

pytestmark = pytest.mark.django_db

DAN_PHUONG = "273"
QUERY = {"parent": DAN_PHUONG, "as_of": "01/05/2025"}


@pytest.fixture
def province():
    root = make_org(None, "VN", "Chính phủ", OrganizationKind.GOVERNMENT, OrganizationLevel.CENTRAL)
    province = make_org(
        root, "T01", "UBND Hà Nội", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    province.admin_unit_code = "01"
    province.save()
    for i, unit in enumerate(
        AdminUnit.objects.filter(regime=Regime.LEGACY, level=Level.COMMUNE, parent_code=DAN_PHUONG)
    ):
        UnitFigure.objects.create(
            unit=unit, effective_from=dt.date(2019, 4, 1), area_km2=Decimal(4 + i), population=6000 + 500 * i
        )
    return province


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_analysis_lists_each_unit_with_its_shares_and_verdict_and_sorts(province):
    client = _client(make_user("hr", Role.HR_OFFICER, province))
    page = client.get(reverse("admin_units:analysis"), {**QUERY, "sort": "-population"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Sắp xếp năm 2025" in text and "76/2025/UBTVQH15" in text
    assert "Thuộc diện phải sắp xếp" in text and "Thị trấn Phùng" in text
    rows = page.context["page"].rows
    assert [r["population"] for r in rows] == sorted((r["population"] for r in rows), reverse=True)
    only_must = client.get(reverse("admin_units:analysis"), {**QUERY, "verdict": "must_arrange"})
    assert {r["verdict"] for r in only_must.context["page"].rows} == {"must_arrange"}


def test_the_analysis_exports_to_excel_and_logs_the_export(province):
    client = _client(make_user("hr", Role.HR_OFFICER, province))
    response = client.get(reverse("admin_units:analysis_export"), QUERY)
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert AuditEvent.objects.filter(event_type="data.exported").exists()


def test_an_unknown_period_is_a_field_error(province):
    client = _client(make_user("hr", Role.HR_OFFICER, province))
    page = client.get(reverse("admin_units:analysis"), {**QUERY, "period": "1990"})
    assert "period" in page.context["form"].errors
    api = client.get(
        "/api/v1/admin-units/analysis", {"parent": DAN_PHUONG, "as_of": "2025-05-01", "period": "1990"}
    )
    assert api.status_code == 422


def test_the_api_gives_the_same_rows(province):
    client = _client(make_user("hr", Role.HR_OFFICER, province))
    response = client.get(
        "/api/v1/admin-units/analysis", {"parent": DAN_PHUONG, "as_of": "2025-05-01", "page_size": 500}
    )
    body = response.json()
    assert response.status_code == 200 and body["count"] == len(body["items"]) > 10
    assert {"verdict", "area_pct", "population_pct", "citation"} <= set(body["items"][0])


def test_a_plan_is_proposed_drawn_by_name_evaluated_and_submitted(province):
    officer = make_user("hr", Role.HR_OFFICER, province)
    client = _client(officer)
    response = client.post(
        reverse("admin_units:plans"),
        {
            "organization": province.pk,
            "name": "Phương án huyện Đan Phượng",
            "parent_code": DAN_PHUONG,
            "as_of": "01/05/2025",
            "period": "",
            "objective": "fewest_units",
            "solve": "on",
            "time_limit": 5,
        },
    )
    plan = ArrangementPlan.objects.get()
    assert response.status_code == 302 and plan.groups.exists(), plan.solver_report
    page = client.get(reverse("admin_units:plan", args=[plan.pk]))
    assert "Tổng hợp trước và sau sắp xếp" in page.content.decode()
    bad = client.post(reverse("admin_units:plan", args=[plan.pk]), {"groups": "Xã Không Có, Thị trấn Phùng"})
    assert "không có đơn vị tên “Xã Không Có”" in bad.content.decode()
    geo = client.get(reverse("admin_units:map_data"), {"plan": plan.pk}).json()
    assert geo["features"] and geo["approximate"] and any(f["properties"]["group"] for f in geo["features"])
    evaluate = client.post(
        f"/api/v1/admin-units/plans/{plan.pk}/evaluate",
        {"groups": [["09784", "09787"], ["09787", "09790"]]},
        content_type="application/json",
    )
    assert evaluate.status_code == 422 and "hai nhóm" in evaluate.json()["errors"][0]["message"]
    client.post(reverse("admin_units:plan_step", args=[plan.pk]), {"step": "submit"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_an_appraiser_cannot_approve_and_an_approver_can(province):
    plan = ArrangementPlan.objects.create(
        organization=province,
        name="PA",
        regime=Regime.LEGACY,
        parent_code=DAN_PHUONG,
        as_of=dt.date(2025, 5, 1),
        period="2025",
        status=PlanStatus.SUBMITTED,
    )
    appraiser = _client(make_user("td", Role.APPRAISER, province))
    appraiser.post(reverse("admin_units:plan_step", args=[plan.pk]), {"step": "approve"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    _client(make_user("pd", Role.APPROVER, province)).post(
        reverse("admin_units:plan_step", args=[plan.pk]), {"step": "approve"}
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_adjacency_is_derived_corrected_by_hand_and_a_bad_boundary_file_is_refused(province):
    import json

    from noivu.admin_units.arrangement.models import UnitAdjacency

    client = _client(make_user("hr", Role.HR_OFFICER, province))
    url = f"{reverse('admin_units:adjacency')}?parent={DAN_PHUONG}&as_of=01/05/2025"
    client.post(url, {"step": "derive"})
    pairs = UnitAdjacency.objects.filter(code_a__startswith="09")
    assert pairs.exists() and all(p.approximate for p in pairs)
    first = pairs.order_by("code_a", "code_b").first()
    client.post(url, {"step": "edit", "remove": [f"{first.code_a}-{first.code_b}"]})
    first.refresh_from_db()
    assert first.removed
    page = client.get(url)
    assert page.status_code == 200 and "đã loại bỏ" in page.content.decode()
    bad = json.dumps(
        {
            "type": "FeatureCollection",
            "crs": {"type": "name", "properties": {"name": "EPSG:3405"}},
            "features": [],
        }
    ).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        url, {"step": "import", "boundaries": SimpleUploadedFile("r.geojson", bad)}, follow=True
    )
    assert "WGS 84" in response.content.decode()
    assert AuditEvent.objects.filter(event_type="arrangement.adjacency_edited").exists()


def test_figures_are_imported_from_a_census_file_and_unmatched_rows_listed(province):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _client(make_user("hr", Role.HR_OFFICER, province))
    content = (
        "ward_id,city,district,ward,city_title,dist_title,ward_title,area_sqm,total,urban,rural,pop_density\n"
        "a,HàNội,ĐanPhượng,TânHội,ThànhPhố,Huyện,Xã,6100000,12000,,12000,1\n"
        "b,HàNội,ĐanPhượng,KhôngCó,ThànhPhố,Huyện,Xã,6100000,12000,,12000,1\n"
    ).encode()
    page = client.post(
        reverse("admin_units:figures_import"),
        {
            "effective_from": "01/01/2024",
            "source": "Số liệu 2024",
            "figures": SimpleUploadedFile("p.csv", content),
        },
    )
    text = page.content.decode()
    assert page.context["imported"] == 1 and "KhôngCó" in text
    assert UnitFigure.objects.filter(source="Số liệu 2024", population=12000).count() == 1


def test_a_recorded_exemption_ground_makes_a_unit_exemptible(province):
    client = _client(make_user("hr", Role.HR_OFFICER, province))
    unit = AdminUnit.objects.get(regime=Regime.LEGACY, level=Level.COMMUNE, code="09784")
    url = reverse("admin_units:unit_figures", args=["legacy", "09784"])
    response = client.post(
        url,
        {
            "effective_from": "01/01/2025",
            "area_km2": "4",
            "population": "6000",
            "exemption_grounds": ["isolated"],
        },
    )
    assert response.status_code == 302
    assert UnitFigure.objects.filter(unit=unit).count() == 2
    page = client.get(reverse("admin_units:analysis"), {**QUERY, "q": "Phùng"})
    assert [row["verdict"] for row in page.context["page"].rows] == ["exemptible"]
    assert "Vị trí biệt lập" in client.get(url).content.decode()


def test_an_officer_of_another_province_cannot_record_figures(province):
    other = make_org(
        province.get_root(),
        "T02",
        "UBND khác",
        OrganizationKind.PROVINCE_COMMITTEE,
        OrganizationLevel.PROVINCE,
    )
    client = _client(make_user("other", Role.HR_OFFICER, other))
    url = reverse("admin_units:unit_figures", args=["legacy", "09784"])
    assert client.post(url, {"effective_from": "01/01/2025", "population": "1"}).status_code == 403
