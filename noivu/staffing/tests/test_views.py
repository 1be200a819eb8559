"""The staffing pages and endpoints: figures within scope, refusals naming the rule, the workflow."""

import datetime as dt

import pytest
from django.test import Client

from noivu.staffing import actions
from noivu.staffing.models import StaffingQuota, StreamliningCase

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_overview_shows_quota_against_persons_and_drills_down(province, staff, hr_a, appraiser_a, approver_a):
    quota = actions.do_propose_quota(
        organization=province["finance"], category="civil_servant", year=2026, quantity=5, acting_user=hr_a
    )
    actions.do_appraise_quota(quota=quota, agree=True, acting_user=appraiser_a)
    actions.do_decide_quota(
        quota=quota,
        approve=True,
        decision_number="1/QĐ-UBND",
        decision_date=dt.date(2025, 12, 1),
        acting_user=approver_a,
    )
    page = client_for(hr_a).get("/staffing/", {"as_of": "01/03/2026"}).content.decode()
    assert "Sở Tài chính tỉnh A" in page and "Biên chế công chức" in page
    drill = client_for(hr_a).get(
        f"/staffing/units/{province['finance'].pk}/assigned/",
        {"category": "civil_servant", "as_of": "01/03/2026"},
    )
    text = drill.content.decode()
    assert "Nguyễn Văn Lão" in text and "Phạm Văn Giáo" not in text
    export = client_for(hr_a).get("/staffing/export.xlsx", {"as_of": "01/03/2026"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")


def test_quota_form_refuses_a_quota_below_the_headcount_naming_the_rule(province, staff, hr_a):
    response = client_for(hr_a).post(
        "/staffing/quotas/",
        {"organization": "T01-STC-01", "category": "civil_servant", "year": 2026, "quantity": 1},
    )
    assert response.status_code == 200
    assert "Quy tắc không giao thấp hơn số người đang làm việc" in response.content.decode()
    assert not StaffingQuota.objects.exists()


def test_case_form_refuses_a_person_not_meeting_the_legal_ground(province, staff, hr_a):
    response = client_for(hr_a).post(
        "/staffing/cases/",
        {
            "person": staff["young"].pk,
            "policy": "early_retirement",
            "ground": "job_position",
            "case_date": "01/10/2025",
            "leave_date": "01/12/2025",
            "salary_current": 9000000,
            "si_years": 10,
        },
    )
    assert response.status_code == 200
    assert "154/2025/NĐ-CP, Điều 6" in response.content.decode()
    assert not StreamliningCase.objects.exists()


def test_api_case_workflow_and_refusal(province, staff, hr_a, approver_a):
    hr, approver = client_for(hr_a), client_for(approver_a)
    bad = hr.post(
        "/api/v1/staffing/cases",
        {
            "person_id": staff["young"].pk,
            "policy": "early_retirement",
            "ground": "job_position",
            "case_date": "2025-10-01",
            "leave_date": "2025-12-01",
            "salary_current": 9000000,
            "si_years": 10,
        },
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "months_to_retirement"
    created = hr.post(
        "/api/v1/staffing/cases",
        {
            "person_id": staff["woman"].pk,
            "policy": "early_retirement",
            "ground": "job_position",
            "case_date": "2025-10-01",
            "leave_date": "2025-12-01",
            "salary_current": 10000000,
            "si_years": 25,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    case = created.json()
    assert case["benefit_total"] == 225_000_000 and case["regime"] == "nd154_2025"
    assert [item["citation"] for item in case["items"]] == ["154/2025/NĐ-CP, Điều 6"] * 2
    decided = approver.post(
        f"/api/v1/staffing/cases/{case['id']}/decide",
        {
            "approve": True,
            "decision_number": "7/QĐ-UBND",
            "decision_date": "2025-11-01",
        },
        content_type="application/json",
    )
    assert decided.json()["status"] == "approved"
    done = hr.post(f"/api/v1/staffing/cases/{case['id']}/execute", content_type="application/json")
    assert done.json()["status"] == "done"
    persons = hr.get(
        f"/api/v1/staffing/headcount/{province['budget_division'].code}/persons", {"as_of": "2025-12-01"}
    ).json()
    assert staff["woman"].full_name not in {row["full_name"] for row in persons["items"]}


@pytest.mark.parametrize(
    "page",
    ["/staffing/", "/staffing/quotas/", "/staffing/restructuring/", "/staffing/cases/", "/staffing/targets/"],
)
def test_the_unit_filter_of_every_staffing_list_is_the_tree_select(page, province, hr_a):
    html = client_for(hr_a).get(page, {"under": province["finance"].code}).content.decode()
    assert 'data-tree-select data-url="/choices/organization/"' in html
    assert (
        '<input type="hidden" name="under" value="T01-STC"' in html and 'value="Sở Tài chính tỉnh A"' in html
    )
    assert "Thuộc đơn vị (mã)" not in html
