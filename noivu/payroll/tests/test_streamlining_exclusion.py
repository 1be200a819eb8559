"""No early step raise for a person leaving under the restructuring regime of Nghị định 178/2024/NĐ-CP (as
amended by Nghị định 67/2025/NĐ-CP): the staffing app publishes the streamlining leaves as dated facts
(``staffing.streamlining_leave``), payroll reads them through core's ``person_facts`` and refuses the
proposal or the approval naming the rule (``step_raise_rules``, row ``streamlining_exclusion.early``)."""

import datetime as dt

import pytest

from noivu.payroll import actions
from noivu.payroll.models import RaiseProposal
from noivu.payroll.proposals import ProposalRefused, Selection
from noivu.payroll.tests.test_proposals import propose, salaried_person, steps_of
from noivu.staffing.models import StreamliningCase, Workflow

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("read_in_december_2026")]


def streamlining(person, org, regime="nd178_2024", status=Workflow.PROPOSED):
    return StreamliningCase.objects.create(
        person=person,
        organization=org,
        category="civil_servant",
        ground="restructuring",
        policy="early_retirement",
        case_date=dt.date(2026, 3, 2),
        leave_date=dt.date(2026, 9, 1),
        regime=regime,
        status=status,
        salary_current=10_000_000,
        si_years=30,
        months_to_retirement=40,
        benefit_total=900_000_000,
    )


@pytest.fixture
def cuong(salaried, tree):
    # Ten persons in province A (the quota gives one early raise); Cường, A1 bậc 2 since 1/6/2024, is
    # regularly due on 1/6/2027: five months lacking on 31/12/2026, so six months early is within the rule.
    for number in range(8):
        salaried_person(tree["dept_a"], f"Người thứ {number}", "A1", 1, "2.34", dt.date(2025, 6, 1))
    return salaried_person(tree["dept_a"], "Phạm Văn Cường", "A1", 2, "2.67", dt.date(2024, 6, 1))


def test_a_person_leaving_under_decree_178_is_not_proposed_for_an_early_raise(cuong, tree, hr_a):
    streamlining(cuong, tree["dept_a"])
    with pytest.raises(ProposalRefused) as refused:
        propose(tree, hr_a, Selection(cuong.pk, 6, "Chiến sĩ thi đua cơ sở 2025"))
    (problem,) = refused.value.problems
    assert problem.rule == "streamlining"
    assert problem.text() == (
        "Phạm Văn Cường: đã có hồ sơ nghỉ theo chính sách khi sắp xếp tổ chức bộ máy (hồ sơ tinh giản lập "
        "ngày 02/03/2026, đề xuất, nghỉ từ 01/09/2026): không đề nghị nâng bậc lương trước thời hạn "
        "(178/2024/NĐ-CP, sửa đổi bởi Nghị định 67/2025/NĐ-CP (điều khoản chưa đối chiếu), chưa kiểm chứng)"
    )
    assert not RaiseProposal.objects.exists()


def test_another_regime_or_a_returned_case_does_not_exclude(cuong, tree, hr_a):
    streamlining(cuong, tree["dept_a"], regime="nd154_2025")
    streamlining(cuong, tree["dept_a"], status=Workflow.RETURNED)
    proposal = propose(tree, hr_a, Selection(cuong.pk, 6, "Chiến sĩ thi đua cơ sở 2025"))
    assert proposal.items.get().months_early == 6


def test_the_approval_refuses_an_early_raise_once_the_person_has_applied(cuong, tree, hr_a, approver_a):
    proposal = propose(tree, hr_a, Selection(cuong.pk, 6, "Chiến sĩ thi đua cơ sở 2025"))
    streamlining(cuong, tree["dept_a"], status=Workflow.APPROVED)
    before = steps_of(cuong)
    with pytest.raises(ProposalRefused) as refused:
        actions.do_approve_raise_proposal(proposal=proposal, decision_number="5/QĐ", acting_user=approver_a)
    assert [problem.rule for problem in refused.value.problems] == ["streamlining"]
    assert "đã phê duyệt" in str(refused.value) and "178/2024/NĐ-CP" in str(refused.value)
    assert steps_of(cuong) == before


def test_a_regular_raise_is_not_affected(salaried, tree, hr_a):
    an = salaried["an"]
    streamlining(an, tree["dept_a"])
    proposal = propose(tree, hr_a, Selection(an.pk))
    assert proposal.items.get().kind == "regular"


def test_no_early_raise_on_a_retirement_notice_for_an_early_retirement_under_decree_178(tree, hr_a):
    # Bậc 3 since 1/7/2024, regular raise due 1/7/2027: retiring on 1/7/2026 would bring it 12 months
    # forward (test_retirement_raises), but the person leaves early under Nghị định 178/2024/NĐ-CP.
    person = salaried_person(tree["dept_a"], "Trần Văn Hưu", "A1", 3, "3.00", dt.date(2024, 7, 1))
    streamlining(person, tree["dept_a"])
    with pytest.raises(ProposalRefused) as refused:
        propose(
            tree, hr_a, Selection(person.pk, retires_on=dt.date(2026, 7, 1), notice="Thông báo 15/TB-SNV")
        )
    (problem,) = refused.value.problems
    assert problem.rule == "streamlining"
    assert problem.message.endswith(
        "không đề nghị nâng bậc lương trước thời hạn khi có thông báo nghỉ hưu (1814/BNV-TCBC)"
    )
