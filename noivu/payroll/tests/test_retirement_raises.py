"""The early step raise on a retirement notice (Thông tư 08/2013/TT-BNV Điều 3 khoản 2, outside the quota of
Thông tư 03/2021/TT-BNV Điều 1 khoản 6): hand-computed cases at its boundaries on the A1 scale of Nghị
định 204/2004/NĐ-CP (36 months a step; bậc 3 = 3,00, bậc 4 = 3,33, bậc 9 = 4,98 the last)."""

import datetime as dt
from decimal import Decimal

import pytest

from noivu.payroll import actions
from noivu.payroll.models import RaiseKind
from noivu.payroll.proposals import ProposalRefused, Selection
from noivu.payroll.tests.test_proposals import propose, salaried_person, steps_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("read_in_december_2026")]

RETIRES = dt.date(2026, 7, 1)
NOTICE = "Thông báo 15/TB-SNV ngày 02/01/2026"


def retiring(person_id, retires_on=RETIRES, notice=NOTICE):
    return Selection(person_id, retires_on=retires_on, notice=notice)


def refused_rules(tree, hr_a, *selections):
    with pytest.raises(ProposalRefused) as refused:
        propose(tree, hr_a, *selections)
    return {problem.person_id: (problem.rule, problem.message) for problem in refused.value.problems}


def test_exactly_twelve_months_lacking_raises_a_step_twelve_months_early_outside_the_quota(
    tree, hr_a, approver_a
):
    # Bậc 3 since 1/7/2024: the regular raise is due on 1/7/2027; retiring on 1/7/2026 leaves exactly 12
    # months lacking → bậc 4 (3,33) from 1/7/2027 − 12 months = 1/7/2026.
    person = salaried_person(tree["dept_a"], "Trần Văn Hưu", "A1", 3, "3.00", dt.date(2024, 7, 1))
    # Three persons on province A's list: no place for an early raise for achievement (floor(3/10) = 0).
    other = salaried_person(tree["dept_a"], "Lê Thị Khác", "A1", 2, "2.67", dt.date(2024, 9, 1))
    salaried_person(tree["dept_a"], "Ngô Văn Ba", "A1", 1, "2.34", dt.date(2025, 6, 1))
    with pytest.raises(ProposalRefused, match="chỉ tiêu 0 người"):
        propose(tree, hr_a, Selection(other.pk, 12, "Bằng khen"))
    proposal = propose(tree, hr_a, retiring(person.pk))
    item = proposal.items.get()
    assert (item.kind, item.months_early, item.regular_due, item.effective_from) == (
        RaiseKind.RETIREMENT,
        12,
        dt.date(2027, 7, 1),
        dt.date(2026, 7, 1),
    )
    assert (item.new_step, item.new_coefficient, item.notice, item.retires_on) == (
        4,
        Decimal("3.33"),
        NOTICE,
        RETIRES,
    )
    actions.do_approve_raise_proposal(proposal=proposal, decision_number="30/QĐ", acting_user=approver_a)
    assert steps_of(person)[-1] == (4, Decimal("3.33"), 0, dt.date(2026, 7, 1), None)
    assert steps_of(person)[-2][4] == dt.date(2026, 6, 30)


def test_thirteen_months_lacking_the_last_step_or_a_discipline_refuse_the_raise(tree, hr_a):
    from noivu.awards.models import DisciplineRecord

    # Bậc 3 since 1/8/2024: due 1/8/2027, 13 months after retiring on 1/7/2026.
    late = salaried_person(tree["dept_a"], "Phan Văn Muộn", "A1", 3, "3.00", dt.date(2024, 8, 1))
    # Bậc 9, the last of A1, since 1/3/2024: only seniority beyond the frame, never a step early.
    top = salaried_person(tree["dept_a"], "Đỗ Văn Cuối", "A1", 9, "4.98", dt.date(2024, 3, 1))
    # Bậc 3 since 1/7/2024 (due 1/7/2027) but reprimanded on 1/3/2025, within the holding period.
    punished = salaried_person(tree["dept_a"], "Vũ Văn Phạt", "A1", 3, "3.00", dt.date(2024, 7, 1))
    DisciplineRecord.objects.create(
        person=punished,
        form="reprimand",
        decision_date=dt.date(2025, 3, 1),
        effective_from=dt.date(2025, 3, 1),
    )
    found = refused_rules(tree, hr_a, retiring(late.pk), retiring(top.pk), retiring(punished.pk))
    assert found[late.pk][0] == "months_lacking"
    assert "01/07/2026" in found[late.pk][1] and "01/08/2027" in found[late.pk][1]
    assert "08/2013/TT-BNV" in found[late.pk][1]
    assert found[top.pk][0] == "last_step"
    assert found[punished.pk][0] == "standards" and "khiển trách" in found[punished.pk][1]


def test_a_regular_raise_due_before_retirement_or_a_missing_notice_is_refused(tree, hr_a):
    # Bậc 3 since 1/1/2023: due 1/1/2026, before retiring on 1/7/2026: a regular raise, nothing early.
    due = salaried_person(tree["dept_a"], "Hoàng Văn Đúng", "A1", 3, "3.00", dt.date(2023, 1, 1))
    unnoticed = salaried_person(tree["dept_a"], "Bùi Văn Chưa", "A1", 3, "3.00", dt.date(2024, 7, 1))
    found = refused_rules(tree, hr_a, retiring(due.pk), retiring(unnoticed.pk, notice=" "))
    assert found[due.pk][0] == "due_before_retirement"
    assert found[unnoticed.pk][0] == "notice"
    # One month lacking (due 1/8/2026, retiring 1/7/2026): 12 months early → 1/8/2025, before the year.
    soon = salaried_person(tree["dept_a"], "Mai Văn Sớm", "A1", 3, "3.00", dt.date(2023, 8, 1))
    item = propose(tree, hr_a, retiring(soon.pk)).items.get()
    assert (item.regular_due, item.effective_from) == (dt.date(2026, 8, 1), dt.date(2025, 8, 1))
