import datetime as dt

import pytest
from django.urls import reverse

from noivu.payroll import views
from noivu.payroll.models import PayrollRun, RaiseProposal, RunStatus
from noivu.payroll.tests.test_proposals import salaried_person

pytestmark = pytest.mark.django_db


def test_an_officer_computes_reviews_and_an_approver_locks_a_month_then_recomputing_is_refused(
    client, salaried, tree, hr_a, approver_a
):
    client.force_login(hr_a)
    response = client.post(
        reverse("payroll:runs"), {"organization": tree["province_a"].pk, "month": "15/07/2026"}
    )
    run = PayrollRun.objects.get()
    assert response.status_code == 302 and run.persons == 2
    page = client.get(reverse("payroll:run", args=[run.pk])).content.decode()
    assert "Nguyễn Văn An" in page and "Lê Đức Dũng" not in page and "2.530.000 đ" in page
    client.post(reverse("payroll:run_review", args=[run.pk]))
    client.force_login(approver_a)
    client.post(reverse("payroll:run_lock", args=[run.pk]))
    assert PayrollRun.objects.get().status == RunStatus.LOCKED
    client.force_login(hr_a)
    again = client.post(
        reverse("payroll:runs"), {"organization": tree["province_a"].pk, "month": "01/07/2026"}
    )
    assert "đã khóa" in again.content.decode() and PayrollRun.objects.count() == 1
    sheet = client.get(reverse("payroll:run_sheet", args=[run.pk]))
    assert sheet.status_code == 200 and sheet["Content-Type"].startswith("application/vnd.openxml")
    assert client.get(reverse("payroll:run_bank", args=[run.pk])).status_code == 200


def test_a_persons_itemised_salary_shows_each_component_with_its_legal_basis(client, salaried, hr_a):
    client.force_login(hr_a)
    page = client.get(
        reverse("payroll:person", args=[salaried["an"].pk]), {"on": "01/07/2026"}
    ).content.decode()
    assert "7.590.000 đ" in page  # 3.00 × 2,530,000
    assert "204/2004/NĐ-CP" in page and "Phụ cấp công vụ" in page


def test_the_api_computes_a_month_and_gives_a_persons_salary(client, salaried, tree, hr_a):
    client.force_login(hr_a)
    created = client.post(
        "/api/v1/payroll/runs",
        {"organization": tree["province_a"].code, "month": "2026-07-01"},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["persons"] == 2
    lines = client.get(f"/api/v1/payroll/runs/{created.json()['id']}/lines").json()
    assert {line["person_id"] for line in lines["items"]} == {salaried["an"].pk, salaried["binh"].pk}
    salary = client.get(f"/api/v1/payroll/persons/{salaried['an'].pk}/salary", {"on": "2026-07-01"}).json()
    assert salary["components"][0]["amount"] == 7590000 and salary["base_salary"] == 2530000
    refused = client.get(f"/api/v1/payroll/persons/{salaried['an'].pk}/salary", {"on": "2019-01-01"})
    assert refused.status_code == 422
    assert dt.date.fromisoformat(created.json()["month"]) == dt.date(2026, 7, 1)


def test_the_raises_due_list_a_year_for_a_unit_page_and_api(client, salaried, tree, hr_a):
    client.force_login(hr_a)
    page = client.get(reverse("payroll:raises"), {"organization": tree["province_a"].pk, "year": 2026})
    html = page.content.decode()
    assert "Nguyễn Văn An" in html and "01/01/2026" in html and "Lê Đức Dũng" not in html
    found = client.get(
        "/api/v1/payroll/raises", {"organization": tree["province_a"].code, "year": 2026}
    ).json()
    assert [(row["person_id"], row["new_step"], row["new_coefficient"]) for row in found] == [
        (salaried["an"].pk, 4, "3.33")
    ]
    assert client.get("/api/v1/payroll/raises", {"organization": tree["province_b"].code}).status_code == 404


def test_the_raises_list_is_paginated_and_a_proposal_may_take_every_page(client, tree, hr_a, monkeypatch):
    monkeypatch.setattr(views, "RAISES_PAGE", 2)
    # A1 bậc 1 for 36 months: due on 1/2, 1/3 and 1/4/2026, listed in that order.
    first, second, third = (
        salaried_person(tree["dept_a"], name, "A1", 1, "2.34", dt.date(2023, month, 1))
        for month, name in ((2, "Người thứ nhất"), (3, "Người thứ hai"), (4, "Người thứ ba"))
    )
    client.force_login(hr_a)
    query = {"organization": tree["province_a"].pk, "year": 2026}
    one = client.get(reverse("payroll:raises"), query).content.decode()
    two = client.get(reverse("payroll:raises"), {**query, "page": 2}).content.decode()
    assert "3 người đến hạn trong năm 2026. " in one and "Trang này: người thứ 1–2." in one
    assert "Người thứ nhất" in one and "Người thứ hai" in one and "Người thứ ba" not in one
    assert f'href="?organization={tree["province_a"].pk}&amp;year=2026&amp;page=2"' in one
    assert "Người thứ ba" in two and "Người thứ nhất" not in two and "Trang này: người thứ 3–3." in two
    # On page 1 the second is cleared; "every page" adds the third, whom the officer did not see.
    client.post(
        reverse("payroll:raises_propose"),
        {**query, "person": [first.pk], "shown": [first.pk, second.pk], "all_due": "1"},
    )
    proposal = RaiseProposal.objects.get()
    assert sorted(proposal.items.values_list("person_id", flat=True)) == [first.pk, third.pk]


def test_the_early_list_counts_everyone_who_may_be_raised_early_and_says_when_it_shows_fewer(
    client, tree, hr_a, monkeypatch
):
    monkeypatch.setattr(views, "ROWS_SHOWN", 1)
    # A1 bậc 1 since 1/3 and 1/4/2024: regular raises on 1/3 and 1/4/2027, under 12 months away on 31/12/2026.
    for month, name in ((3, "Người thứ nhất"), (4, "Người thứ hai")):
        salaried_person(tree["dept_a"], name, "A1", 1, "2.34", dt.date(2024, month, 1))
    client.force_login(hr_a)
    page = client.get(reverse("payroll:raises"), {"organization": tree["province_a"].pk, "year": 2026})
    html = page.content.decode()
    assert "Có thể nâng bậc lương trước thời hạn (2 người)" in html
    assert "Chỉ hiện 1 người đến hạn thường xuyên sớm nhất" in html
    assert "Người thứ nhất" in html and "Người thứ hai" not in html
