"""The project page, its document and annexes, the campaign dashboard and the gap page as the roles see
them; refusals come back to the page naming the rule."""

import datetime as dt

import pytest

from noivu.positions import actions
from noivu.positions.models import StaffKind

pytestmark = pytest.mark.django_db


def test_the_officer_drafts_and_sees_the_checks_with_their_citation(
    client, hr_a, agency, catalogue, staff, quota
):
    client.force_login(hr_a)
    response = client.post("/positions/", {"organization": "T01-STC", "staff_kind": "civil_servant"})
    project_url = response.url
    pk = int(project_url.rstrip("/").split("/")[-1])
    client.post(
        f"/positions/projects/{pk}/positions/",
        {"catalog": catalogue["budget"].pk, "headcount": "9", "rank_code": "01.003"},
    )
    page = client.get(project_url).content.decode()
    assert "vượt biên chế được giao 6" in page and "361/2025/NĐ-CP" in page
    assert "Thiếu vị trí bắt buộc HT01" in page
    refused = client.post(f"/positions/projects/{pk}/submit/", follow=True).content.decode()
    assert "Chưa gửi được" in refused
    workbook = client.get(f"/positions/projects/{pk}/document/")
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")
    assert workbook.content[:2] == b"PK"


def test_the_document_prints_as_pdf(client, hr_a, agency, catalogue, staff, quota):
    project = actions.do_create_project(
        organization=agency["finance"], staff_kind=StaffKind.CIVIL_SERVANT, acting_user=hr_a
    )
    actions.do_set_position(project=project, catalog=catalogue["head"], headcount=1, acting_user=hr_a)
    client.force_login(hr_a)
    response = client.get(f"/positions/projects/{project.pk}/document/?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_campaign_dashboard_and_gaps_pages(client, hr_a, agency, catalogue, staff, quota):
    campaign = actions.do_open_campaign(
        organization=agency["province_a"],
        title="Đợt 2026",
        staff_kind=StaffKind.CIVIL_SERVANT,
        opened_on=dt.date(2026, 1, 1),
        deadline=dt.date(2026, 3, 31),
        agencies=[agency["finance"]],
        acting_user=hr_a,
    )
    client.force_login(hr_a)
    page = client.get(f"/positions/campaigns/{campaign.pk}/").content.decode()
    assert "Sở Tài chính tỉnh A" in page and "Chưa lập đề án" in page
    assert client.get("/positions/gaps/").status_code == 200
    assert client.get("/positions/catalogue/").status_code == 200
