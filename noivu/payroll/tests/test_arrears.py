"""Arrears of a step raise for payroll months already locked (truy lĩnh): hand-computed on the A1 scale of
Nghị định 204/2004/NĐ-CP (bậc 3 = 3,00 → bậc 4 = 3,33) across the base salary change of 1/7/2024
(1.800.000 → 2.340.000 đồng, Nghị định 73/2024/NĐ-CP). The person is a civil servant: the public-duty
allowance of 25 % of the salary (Nghị định 34/2012/NĐ-CP Điều 3) rises with the step, and social (8 %) and
health (1,5 %) insurance are deducted on the difference (Luật BHXH 58/2014/QH13 Điều 85, Nghị định
146/2018/NĐ-CP Điều 7; no unemployment insurance for a civil servant)."""

import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from docx import Document
from python_calamine import CalamineWorkbook

from noivu.payroll import actions
from noivu.payroll.arrears import arrears
from noivu.payroll.engine import SalaryLaw
from noivu.payroll.models import Allowance, ArrearsLine, PayrollRun, RaiseProposalItem
from noivu.payroll.proposals import Selection
from noivu.payroll.tests.test_proposals import lock_month, propose, salaried_person, steps_of
from noivu.payroll.views import notice_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def raised(tree, hr_a, approver_a):
    # Bậc 3 since 1/5/2021: the regular raise to bậc 4 is due on 1/5/2024. April to August 2024 are
    # locked before the decision; April comes before the raise.
    person = salaried_person(tree["dept_a"], "Trần Văn Truy", "A1", 3, "3.00", dt.date(2021, 5, 1))
    for month in (4, 5, 6, 7, 8):
        lock_month(tree, hr_a, approver_a, dt.date(2024, month, 1))
    proposal = propose(tree, hr_a, Selection(person.pk), year=2024)
    actions.do_approve_raise_proposal(
        proposal=proposal, decision_number="40/QĐ", decision_date=dt.date(2024, 9, 10), acting_user=approver_a
    )
    return person, proposal


def test_each_locked_month_owes_the_difference_on_its_own_base_salary(raised):
    person, proposal = raised
    # The locked payrolls stay; the new step still runs from the due date.
    assert steps_of(person)[-1][:4] == (4, Decimal("3.33"), 0, dt.date(2024, 5, 1))
    owed = arrears(proposal.items.all(), SalaryLaw.load())[person.pk]
    # May, June: salary 3,33 × 1.800.000 − 3,00 × 1.800.000 = 5.994.000 − 5.400.000 = 594.000; public duty
    # 25 % of it: 1.498.500 − 1.350.000 = 148.500; owed 742.500.
    # July, August: 3,33 × 2.340.000 − 3,00 × 2.340.000 = 7.792.200 − 7.020.000 = 772.200; public duty
    # 1.948.050 − 1.755.000 = 193.050; owed 965.250.
    assert [(m.month, m.base_salary, m.amount) for m in owed] == [
        (dt.date(2024, 5, 1), 1_800_000, 742_500),
        (dt.date(2024, 6, 1), 1_800_000, 742_500),
        (dt.date(2024, 7, 1), 2_340_000, 965_250),
        (dt.date(2024, 8, 1), 2_340_000, 965_250),
    ]
    assert sum(m.amount for m in owed) == 3_415_500
    may, july = owed[0], owed[2]
    assert [(p.code, p.new, p.old, p.amount) for p in may.components] == [
        ("salary", 5_994_000, 5_400_000, 594_000),
        ("public_duty", 1_498_500, 1_350_000, 148_500),
    ]
    assert "204/2004/NĐ-CP" in may.components[0].basis
    assert may.components[1].basis == "34/2012/NĐ-CP, Điều 3"
    # Social insurance 8 % of 594.000 = 47.520, health 1,5 % = 8.910 (the insurance base excludes the
    # public-duty allowance); net 742.500 − 56.430 = 686.070.
    assert [(p.code, p.amount, p.basis) for p in may.contributions] == [
        ("social_insurance", 47_520, "58/2014/QH13, Điều 85, Điều 86"),
        ("health_insurance", 8_910, "146/2018/NĐ-CP, Điều 7"),
    ]
    assert (may.deductions, may.net) == (56_430, 686_070)
    # Employer: 17,5 % + 3 % of 594.000 = 103.950 + 17.820.
    assert may.employer_contributions == 121_770
    # July: 8 % of 772.200 = 61.776, 1,5 % = 11.583.
    assert [p.amount for p in july.contributions] == [61_776, 11_583]
    assert july.net == 965_250 - 73_359


def test_a_raise_from_the_middle_of_a_locked_month_owes_the_days_from_it(raised):
    person, _proposal = raised
    # From 16/6/2024: June owes its 15 days from 16/6 to 30/6: salary 594.000 × 15/30 = 297.000, public
    # duty 148.500 × 15/30 = 74.250, total 371.250; July in full.
    item = SimpleNamespace(
        person_id=person.pk,
        scale="bang_2_cong_chuc.A1",
        coefficient=Decimal("3.00"),
        seniority_percent=0,
        new_coefficient=RaiseProposalItem.objects.get(person=person).new_coefficient,
        new_seniority_percent=0,
        effective_from=dt.date(2024, 6, 16),
    )
    owed = arrears([item], SalaryLaw.load())[person.pk]
    assert owed[0].formula == "(7.492.500 − 6.750.000) × 15/30"
    assert [(m.month, m.days, m.month_days, m.amount) for m in owed[:2]] == [
        (dt.date(2024, 6, 1), 15, 30, 371_250),
        (dt.date(2024, 7, 1), 31, 31, 965_250),
    ]
    # The contributions for the 15 days: 47.520 × 15/30 = 23.760 and 8.910 × 15/30 = 4.455.
    assert [p.amount for p in owed[0].contributions] == [23_760, 4_455]


def test_the_proposal_page_the_api_and_the_notice_show_the_arrears(raised, client, approver_a):
    person, proposal = raised
    client.force_login(approver_a)
    page = client.get(f"/payroll/raises/proposals/{proposal.pk}/").content.decode()
    assert "3.415.500" in page and "965.250" in page and "686.070" in page
    assert "08/2013/TT-BNV, Điều 3" in page and "34/2012/NĐ-CP, Điều 3" in page
    answer = client.get(f"/api/v1/payroll/raise-proposals/{proposal.pk}").json()["items"][0]
    assert answer["arrears_total"] == 3_415_500
    assert [m["amount"] for m in answer["arrears"]] == [742_500, 742_500, 965_250, 965_250]
    assert answer["arrears"][0]["net"] == 686_070
    assert [c["amount"] for c in answer["arrears"][0]["contributions"]] == [47_520, 8_910]
    item = RaiseProposalItem.objects.select_related("proposal__organization", "person").get(person=person)
    text = "\n".join(p.text for p in Document(io.BytesIO(notice_response(item).content)).paragraphs)
    assert "tổng 3.415.500 đồng" in text
    assert (
        "Tháng 07/2024: lương cơ sở 2.340.000 đồng, chênh lệch 9.740.250 − 8.775.000 = 965.250 đồng "
        "(Lương theo ngạch, bậc 772.200; Phụ cấp công vụ 193.050; Bảo hiểm xã hội 61.776; "
        "Bảo hiểm y tế 11.583); trích nộp 73.359 đồng, thực lĩnh 891.891 đồng." in text
    )


def test_a_seniority_raise_owes_the_percentage_allowances_and_the_contributions_on_the_difference(
    tree, hr_a, approver_a
):
    # A public employee at the last step of Bảng 3 A1 (bậc 9 = 4,98) with 5 % beyond the frame, a
    # leadership allowance of 0,30 and a concurrent-post allowance of 10 % (Thông tư 78/2005/TT-BNV: a
    # percentage of salary + leadership + seniority beyond the frame); May 2024 (1.800.000 đ) locked, then
    # the seniority rises to 6 % from 1/5/2024.
    person = salaried_person(
        tree["dept_a"],
        "Lê Thị Vượt",
        "A1",
        9,
        "4.98",
        dt.date(2020, 5, 1),
        percent=5,
        category="public_employee",
    )
    person.assignments.update(category="public_employee")
    Allowance.objects.create(
        person=person, kind="leadership", coefficient=Decimal("0.30"), effective_from=dt.date(2020, 5, 1)
    )
    Allowance.objects.create(
        person=person, kind="concurrent", percent=Decimal("10"), effective_from=dt.date(2020, 5, 1)
    )
    lock_month(tree, hr_a, approver_a, dt.date(2024, 5, 1))
    item = SimpleNamespace(
        person_id=person.pk,
        scale="bang_3_vien_chuc.A1",
        coefficient=Decimal("4.98"),
        seniority_percent=5,
        new_coefficient=Decimal("4.98"),
        new_seniority_percent=6,
        effective_from=dt.date(2024, 5, 1),
    )
    (may,) = arrears([item], SalaryLaw.load())[person.pk]
    # Seniority: 4,98 × 6 % × 1.800.000 = 537.840 against 4,98 × 5 % × 1.800.000 = 448.200: 89.640.
    # Concurrent post: 10 % × (4,98 + 0,30 + 0,2988) × 1.800.000 = 1.004.184 against
    # 10 % × (4,98 + 0,30 + 0,249) × 1.800.000 = 995.220: 8.964. The salary and leadership do not change.
    assert [(p.code, p.amount) for p in may.components] == [
        ("seniority_beyond_frame", 89_640),
        ("concurrent", 8_964),
    ]
    assert may.amount == 98_604
    # Insurance base (salary + leadership + seniority): 10.041.840 against 9.952.200. Social 8 %:
    # 803.347 − 796.176 = 7.171; health 1,5 %: 150.628 − 149.283 = 1.345; unemployment 1 % (a public
    # employee pays it, Luật Việc làm 38/2013/QH13 Điều 57): 100.418 − 99.522 = 896.
    assert [(p.code, p.amount) for p in may.contributions] == [
        ("social_insurance", 7_171),
        ("health_insurance", 1_345),
        ("unemployment_insurance", 896),
    ]
    assert may.net == 98_604 - 9_412


def test_the_next_run_pays_the_arrears_once(raised, tree, hr_a, approver_a):
    person, proposal = raised
    september = actions.do_compute_payroll(
        organization=tree["province_a"], month=dt.date(2024, 9, 1), acting_user=hr_a
    )
    carried = list(
        september.arrears_lines.order_by("month").values_list("person_id", "month", "gross", "net")
    )
    assert carried == [
        (person.pk, dt.date(2024, 5, 1), 742_500, 686_070),
        (person.pk, dt.date(2024, 6, 1), 742_500, 686_070),
        (person.pk, dt.date(2024, 7, 1), 965_250, 891_891),
        (person.pk, dt.date(2024, 8, 1), 965_250, 891_891),
    ]
    line = september.lines.get(person=person)
    assert september.arrears == 3_415_500
    assert september.gross == line.gross + 3_415_500
    assert september.net == line.net + 2 * 686_070 + 2 * 891_891
    details = september.arrears_lines.get(month=dt.date(2024, 7, 1)).details
    assert [(p["code"], p["amount"]) for p in details["components"]] == [
        ("salary", 772_200),
        ("public_duty", 193_050),
    ]
    # The run pays September on the new step: nothing is owed for it.
    assert line.coefficient == Decimal("3.33")
    # A draft recomputed replaces its arrears; locked, they are paid.
    september = actions.do_compute_payroll(
        organization=tree["province_a"], month=dt.date(2024, 9, 1), acting_user=hr_a
    )
    assert ArrearsLine.objects.count() == 4
    actions.do_review_payroll(run=september, acting_user=hr_a)
    actions.do_lock_payroll(run=september, acting_user=approver_a)
    october = actions.do_compute_payroll(
        organization=tree["province_a"], month=dt.date(2024, 10, 1), acting_user=hr_a
    )
    assert october.arrears == 0 and not october.arrears_lines.exists()
    assert october.gross == sum(october.lines.values_list("gross", flat=True))
    # The proposal's workbook lists the arrears, itemised, with the month that paid them.
    item = proposal.items.get()
    client = Client()
    client.force_login(approver_a)
    sheet = client.get(reverse("payroll:proposal_sheet", args=[proposal.pk]))
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(sheet.content)).get_sheet_by_name("Truy lĩnh").to_python()
    )
    assert rows[1][:10] == [
        1,
        person.full_name,
        "05/2024",
        1_800_000,
        "31/31",
        "Lương theo ngạch, bậc",
        5_994_000,
        5_400_000,
        594_000,
        "",
    ]
    assert rows[1][11] == "09/2024"
    assert ["Bảo hiểm xã hội", 47_520] == [rows[3][5], rows[3][9]]
    assert rows[-1][1] == "Tổng cộng" and rows[-1][8] == 3_415_500
    assert rows[-1][9] == 3_415_500 - (2 * 686_070 + 2 * 891_891)
    assert item.arrears_lines.get(month=dt.date(2024, 5, 1)).run == september
    page = client.get(reverse("payroll:proposal", args=[proposal.pk])).content.decode()
    assert "đã trả kèm bảng lương tháng 09/2024" in page


def test_two_runs_carrying_the_same_arrears_cannot_both_be_locked(raised, tree, hr_a, approver_a):
    person, _proposal = raised
    month = dt.date(2024, 9, 1)
    unit = actions.do_compute_payroll(organization=tree["dept_a"], month=month, acting_user=hr_a)
    province = actions.do_compute_payroll(organization=tree["province_a"], month=month, acting_user=hr_a)
    assert unit.arrears == province.arrears == 3_415_500
    for run in (unit, province):
        actions.do_review_payroll(run=run, acting_user=hr_a)
    actions.do_lock_payroll(run=unit, acting_user=approver_a)
    with pytest.raises(ValidationError) as refused:
        actions.do_lock_payroll(run=province, acting_user=approver_a)
    assert "không trả hai lần" in refused.value.messages[0] and person.full_name in refused.value.messages[0]
    # Computed again, the province's run no longer carries them.
    again = actions.do_compute_payroll(organization=tree["province_a"], month=month, acting_user=hr_a)
    assert again.arrears == 0


def test_the_run_page_and_sheets_show_the_arrears_paid(raised, tree, hr_a):
    person, _proposal = raised
    run = actions.do_compute_payroll(
        organization=tree["province_a"], month=dt.date(2024, 9, 1), acting_user=hr_a
    )
    client = Client()
    client.force_login(hr_a)
    page = client.get(reverse("payroll:run", args=[run.pk])).content.decode()
    assert 'id="arrears-table"' in page and "3.415.500" in page and "34/2012/NĐ-CP, Điều 3" in page
    sheet = client.get(reverse("payroll:run_sheet", args=[run.pk]))
    book = CalamineWorkbook.from_filelike(io.BytesIO(sheet.content))
    assert book.get_sheet_by_name("Truy lĩnh").to_python()[1][:4] == [1, person.full_name, "05/2024", 742_500]
    bank = client.get(reverse("payroll:run_bank", args=[run.pk]))
    rows = CalamineWorkbook.from_filelike(io.BytesIO(bank.content)).get_sheet_by_index(0).to_python()
    line = run.lines.get(person=person)
    mine = next(row for row in rows[1:] if row[1] == person.full_name)
    assert mine[3] == line.net + 2 * 686_070 + 2 * 891_891
    assert mine[4] == "Lương tháng 09/2024 và truy lĩnh"


def test_an_allowance_the_rules_refuse_is_named_with_its_person_and_rule_and_nothing_fails(
    raised, tree, hr_a, approver_a
):
    person, proposal = raised
    # A regional allowance of 0,25 recorded before the levels were checked: Thông tư liên tịch
    # 11/2005/TTLT-BNV-BLĐTBXH-BTC-UBDT has only 0,1–0,7 and 1,0, so no month can be computed.
    Allowance.objects.create(
        person=person, kind="regional", coefficient=Decimal("0.25"), effective_from=dt.date(2024, 1, 1)
    )
    named = (person.full_name, "Phụ cấp khu vực 0,25", "11/2005/TTLT-BNV-BLĐTBXH-BTC-UBDT")
    client = Client()
    client.force_login(approver_a)
    page = client.get(reverse("payroll:proposal", args=[proposal.pk]))
    assert page.status_code == 200
    error = page.content.decode().split('id="arrears-errors"')[1]
    assert all(part in error for part in named)
    answer = client.get(f"/api/v1/payroll/raise-proposals/{proposal.pk}")
    assert answer.status_code == 200
    item = answer.json()["items"][0]
    assert item["arrears"] == [] and all(part in item["arrears_error"] for part in named)
    runs = PayrollRun.objects.count()
    with pytest.raises(ValidationError) as refused:
        actions.do_compute_payroll(
            organization=tree["province_a"], month=dt.date(2024, 9, 1), acting_user=hr_a
        )
    assert all(part in refused.value.messages[0] for part in named)
    assert PayrollRun.objects.count() == runs
    salary = client.get(reverse("payroll:person", args=[person.pk]), {"on": "01/09/2024"})
    assert salary.status_code == 200
    assert all(part in salary.content.decode() for part in named[1:])
