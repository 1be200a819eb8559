"""The salary history carries how each step was reached (regular, early, seniority, on a retirement notice),
and the rule "no two consecutive early raises for achievement in the same rank" (Thông tư 08/2013/TT-BNV
Điều 3 khoản 1 điểm b as re-issued by Thông tư 03/2021/TT-BNV Điều 1 khoản 6) reads it: an early raise
decided before the system, recorded in the history, counts as one approved through a proposal does."""

import datetime as dt
from decimal import Decimal

import pytest

from noivu.payroll import actions
from noivu.payroll.models import RaiseKind, SalaryHistory
from noivu.payroll.proposals import ProposalRefused, Selection
from noivu.payroll.tests.test_proposals import propose, salaried_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("read_in_december_2026")]


@pytest.fixture
def ten(salaried, tree):
    # Ten persons on province A's list: one early place a year.
    for number in range(7):
        salaried_person(tree["dept_a"], f"Người thứ {number}", "A1", 1, "2.34", dt.date(2025, 6, 1))
    return tree


def cuong_raised(tree, hr_a, raise_kind):
    # Cường: A1 bậc 2 from 1/6/2021, then bậc 3 (3,00) from 1/12/2023 by a decision of 2023 recorded now;
    # the regular raise to bậc 4 is due on 1/12/2026, one month lacking on 31/12/2026.
    cuong = salaried_person(tree["dept_a"], "Phạm Văn Cường", "A1", 2, "2.67", dt.date(2021, 6, 1))
    actions.do_record_salary_step(
        person=cuong,
        step=3,
        coefficient=Decimal("3.00"),
        effective_from=dt.date(2023, 12, 1),
        salary_group="A1",
        decision_number="45/QĐ-UBND",
        raise_kind=raise_kind,
        acting_user=hr_a,
    )
    return cuong


def test_an_early_raise_recorded_in_the_history_forbids_the_next_early_raise_in_the_rank(ten, hr_a):
    cuong = cuong_raised(ten, hr_a, RaiseKind.EARLY)
    assert SalaryHistory.objects.get(person=cuong, step=3).raise_kind == "early"
    with pytest.raises(ProposalRefused) as refused:
        propose(ten, hr_a, Selection(cuong.pk, 1, "Chiến sĩ thi đua cơ sở 2026"))
    (problem,) = refused.value.problems
    assert problem.rule == "early_in_a_row"
    assert problem.message == (
        "bậc 3 đang hưởng là do nâng bậc lương trước thời hạn từ 01/12/2023 (quá trình lương, quyết định "
        "số 45/QĐ-UBND): không nâng bậc lương trước thời hạn hai lần liên tiếp trong cùng ngạch "
        "(03/2021/TT-BNV, Điều 1 khoản 6 (Thông tư 08/2013/TT-BNV Điều 3 khoản 1 điểm b))"
    )


def test_a_regular_or_unknown_kind_does_not(ten, hr_a):
    cuong = cuong_raised(ten, hr_a, RaiseKind.REGULAR)
    proposal = propose(ten, hr_a, Selection(cuong.pk, 1, "Chiến sĩ thi đua cơ sở 2026"))
    assert proposal.items.get().kind == RaiseKind.EARLY


def test_an_early_raise_in_another_rank_does_not(ten, hr_a):
    cuong = cuong_raised(ten, hr_a, RaiseKind.EARLY)
    # Moved to A2.1 (bậc 1, 4,40) from 1/1/2024 while keeping nothing of the early raise's rank.
    actions.do_record_salary_step(
        person=cuong,
        step=1,
        coefficient=Decimal("4.40"),
        effective_from=dt.date(2024, 1, 1),
        salary_group="A2.1",
        raise_kind="",
        acting_user=hr_a,
    )
    # A2.1 bậc 1 from 1/1/2024: due on 1/1/2027, 12 months lacking on 31/12/2026: 12 months early.
    proposal = propose(ten, hr_a, Selection(cuong.pk, 12, "Bằng khen"))
    item = proposal.items.get()
    assert (item.kind, item.effective_from) == (RaiseKind.EARLY, dt.date(2026, 1, 1))


def test_an_approval_records_the_kind_of_each_raise(salaried, tree, hr_a, approver_a):
    an = salaried["an"]
    proposal = propose(tree, hr_a, Selection(an.pk))
    actions.do_approve_raise_proposal(proposal=proposal, decision_number="12/QĐ", acting_user=approver_a)
    assert SalaryHistory.objects.get(person=an, step=4).raise_kind == RaiseKind.REGULAR


def test_an_unknown_kind_is_refused_naming_the_field(salaried, hr_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        actions.do_record_salary_step(
            person=salaried["an"],
            step=4,
            coefficient=Decimal("3.33"),
            effective_from=dt.date(2026, 1, 1),
            salary_group="A1",
            raise_kind="sideways",
            acting_user=hr_a,
        )
    assert "raise_kind" in refused.value.message_dict
    assert SalaryHistory.objects.filter(person=salaried["an"], step=4).count() == 0
