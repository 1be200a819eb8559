"""Arrears of a step raise for payroll months already locked (truy lĩnh): hand-computed on the A1 scale of
Nghị định 204/2004/NĐ-CP (bậc 3 = 3,00 → bậc 4 = 3,33) across the base salary change of 1/7/2024
(1.800.000 → 2.340.000 đồng, Nghị định 73/2024/NĐ-CP)."""

import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from docx import Document

from noivu.payroll import actions
from noivu.payroll.arrears import arrears
from noivu.payroll.engine import SalaryLaw
from noivu.payroll.models import RaiseProposalItem
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
    # May, June: 3,33 × 1.800.000 − 3,00 × 1.800.000 = 5.994.000 − 5.400.000 = 594.000.
    # July, August: 3,33 × 2.340.000 − 3,00 × 2.340.000 = 7.792.200 − 7.020.000 = 772.200.
    assert [(m.month, m.base_salary, m.amount) for m in owed] == [
        (dt.date(2024, 5, 1), 1_800_000, 594_000),
        (dt.date(2024, 6, 1), 1_800_000, 594_000),
        (dt.date(2024, 7, 1), 2_340_000, 772_200),
        (dt.date(2024, 8, 1), 2_340_000, 772_200),
    ]
    assert sum(m.amount for m in owed) == 2_732_400


def test_a_raise_from_the_middle_of_a_locked_month_owes_the_days_from_it(raised):
    person, _proposal = raised
    # From 16/6/2024: June owes its 15 days from 16/6 to 30/6: 594.000 × 15/30 = 297.000; July in full.
    item = SimpleNamespace(
        person_id=person.pk,
        coefficient=Decimal("3.00"),
        seniority_percent=0,
        new_coefficient=RaiseProposalItem.objects.get(person=person).new_coefficient,
        new_seniority_percent=0,
        effective_from=dt.date(2024, 6, 16),
    )
    owed = arrears([item], SalaryLaw.load())[person.pk]
    assert owed[0].formula == "(5.994.000 − 5.400.000) × 15/30"
    assert [(m.month, m.days, m.month_days, m.amount) for m in owed[:2]] == [
        (dt.date(2024, 6, 1), 15, 30, 297_000),
        (dt.date(2024, 7, 1), 31, 31, 772_200),
    ]


def test_the_proposal_page_the_api_and_the_notice_show_the_arrears(raised, client, approver_a):
    person, proposal = raised
    client.force_login(approver_a)
    page = client.get(f"/payroll/raises/proposals/{proposal.pk}/").content.decode()
    assert "2.732.400" in page and "772.200" in page
    assert "08/2013/TT-BNV, Điều 3" in page
    answer = client.get(f"/api/v1/payroll/raise-proposals/{proposal.pk}").json()["items"][0]
    assert answer["arrears_total"] == 2_732_400
    assert [m["amount"] for m in answer["arrears"]] == [594_000, 594_000, 772_200, 772_200]
    item = RaiseProposalItem.objects.select_related("proposal__organization", "person").get(person=person)
    text = "\n".join(p.text for p in Document(io.BytesIO(notice_response(item).content)).paragraphs)
    assert "tổng 2.732.400 đồng" in text
    assert (
        "Tháng 07/2024: lương cơ sở 2.340.000 đồng, chênh lệch 7.792.200 − 7.020.000 = 772.200 đồng." in text
    )
