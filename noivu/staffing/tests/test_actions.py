"""The staffing actions: rules a quota keeps, restructuring moving persons with their history, the
streamlining workflow ending an assignment, each audited."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from noivu.core.models import AuditEvent
from noivu.organizations.models import Organization
from noivu.personnel.models import Assignment, Person
from noivu.staffing import actions
from noivu.staffing.headcount import headcount
from noivu.staffing.models import (
    OrganizationProfile,
    RestructuringKind,
    StaffingQuota,
    StreamliningCase,
    Workflow,
)
from noivu.staffing.progress import progress

pytestmark = pytest.mark.django_db
YEAR = 2026


def approved_quota(unit, quantity, user, appraiser, approver, category="civil_servant") -> StaffingQuota:
    quota = actions.do_propose_quota(
        organization=unit, category=category, year=YEAR, quantity=quantity, acting_user=user
    )
    actions.do_appraise_quota(quota=quota, agree=True, acting_user=appraiser)
    return actions.do_decide_quota(
        quota=quota,
        approve=True,
        decision_number="12/QĐ-UBND",
        decision_date=dt.date(2025, 12, 20),
        acting_user=approver,
    )


def test_quota_goes_from_proposal_through_appraisal_to_approval_with_its_decision(
    province, staff, hr_a, appraiser_a, approver_a
):
    quota = approved_quota(province["finance"], 5, hr_a, appraiser_a, approver_a)
    assert quota.status == Workflow.APPROVED
    assert quota.decision_label == "12/QĐ-UBND ngày 20/12/2025"
    types = list(AuditEvent.objects.filter(target_id=str(quota.pk)).values_list("event_type", flat=True))
    assert sorted(types) == ["staffing.quota_appraised", "staffing.quota_decided", "staffing.quota_proposed"]


def test_only_the_appraiser_appraises_and_only_the_approver_approves(province, hr_a, appraiser_a):
    quota = actions.do_propose_quota(
        organization=province["finance"], category="civil_servant", year=YEAR, quantity=9, acting_user=hr_a
    )
    with pytest.raises(PermissionDenied):
        actions.do_appraise_quota(quota=quota, agree=True, acting_user=hr_a)
    actions.do_appraise_quota(quota=quota, agree=True, acting_user=appraiser_a)
    with pytest.raises(PermissionDenied):
        actions.do_decide_quota(
            quota=quota,
            approve=True,
            decision_number="1/QĐ",
            decision_date=dt.date(2025, 12, 1),
            acting_user=appraiser_a,
        )


def test_quota_below_the_persons_already_working_is_refused_naming_the_rule(province, staff, hr_a):
    with pytest.raises(ValidationError, match="không giao thấp hơn số người đang làm việc") as error:
        actions.do_propose_quota(
            organization=province["budget_division"],
            category="civil_servant",
            year=YEAR,
            quantity=2,
            acting_user=hr_a,
        )
    assert "3 người" in str(error.value)
    assert not StaffingQuota.objects.exists()


def test_children_quotas_may_not_exceed_the_parents(province, staff, hr_a, appraiser_a, approver_a):
    approved_quota(province["finance"], 5, hr_a, appraiser_a, approver_a)
    approved_quota(province["budget_division"], 4, hr_a, appraiser_a, approver_a)
    with pytest.raises(ValidationError, match="Quy tắc biên chế cấp trên"):
        actions.do_propose_quota(
            organization=province["investment_division"],
            category="civil_servant",
            year=YEAR,
            quantity=2,
            acting_user=hr_a,
        )
    with pytest.raises(ValidationError, match="thấp hơn tổng biên chế đã giao cho các đơn vị trực thuộc"):
        actions.do_propose_quota(
            organization=province["province_a"],
            category="civil_servant",
            year=YEAR,
            quantity=3,
            acting_user=hr_a,
        )


def test_overlapping_periods_of_one_kind_are_refused(province, staff, hr_a):
    actions.do_propose_quota(
        organization=province["finance"], category="civil_servant", year=YEAR, quantity=5, acting_user=hr_a
    )
    with pytest.raises(ValidationError, match="Quy tắc không trùng thời gian"):
        actions.do_propose_quota(
            organization=province["finance"],
            category="civil_servant",
            year=YEAR,
            quantity=6,
            effective_from=dt.date(YEAR, 7, 1),
            acting_user=hr_a,
        )


def test_headcount_against_quota_by_subtree_and_kind(province, staff, hr_a, appraiser_a, approver_a):
    approved_quota(province["finance"], 5, hr_a, appraiser_a, approver_a)
    approved_quota(province["finance"], 0 + 1, hr_a, appraiser_a, approver_a, category="public_employee")
    approved_quota(province["budget_division"], 3, hr_a, appraiser_a, approver_a)
    rows = headcount(
        StaffingQuota.objects.restrict(hr_a), Assignment.objects.restrict(hr_a), dt.date(YEAR, 3, 1)
    )
    figures = {(row.code, row.category): (row.quota, row.assigned, row.vacant, row.over) for row in rows}
    assert figures == {
        ("T01-STC", "civil_servant"): (5, 3, 2, 0),
        ("T01-STC", "public_employee"): (1, 1, 0, 0),
        ("T01-STC-01", "civil_servant"): (3, 3, 0, 0),
    }
    before = headcount(
        StaffingQuota.objects.restrict(hr_a), Assignment.objects.restrict(hr_a), dt.date(YEAR - 1, 3, 1)
    )
    assert before == []


def test_merge_moves_the_persons_with_their_history_and_closes_the_unit(province, staff, hr_a, approver_a):
    day = dt.date(2025, 9, 1)
    event = actions.do_propose_restructuring(
        kind=RestructuringKind.MERGE,
        organization=province["budget_division"],
        successor=province["investment_division"],
        effective_date=day,
        acting_user=hr_a,
    )
    with pytest.raises(ValidationError, match="phê duyệt"):
        actions.do_apply_restructuring(event=event, acting_user=hr_a)
    actions.do_decide_restructuring(
        event=event,
        approve=True,
        decision_number="55/QĐ-UBND",
        decision_date=dt.date(2025, 8, 20),
        acting_user=approver_a,
    )
    done = actions.do_apply_restructuring(event=event, acting_user=hr_a)
    assert done.status == Workflow.DONE and done.persons_moved == 3
    old = Person.objects.get(pk=staff["old"].pk)
    history = list(
        old.assignments.order_by("effective_from").values_list("organization__code", "effective_to")
    )
    assert history == [("T01-STC-01", dt.date(2025, 8, 31)), ("T01-STC-02", None)]
    assert old.organization.code == "T01-STC-02"
    assert Organization.objects.get(pk=province["budget_division"].pk).effective_to == dt.date(2025, 8, 31)
    assert AuditEvent.objects.filter(event_type="person.transferred").count() == 3
    assert AuditEvent.objects.filter(event_type="staffing.restructuring_applied").count() == 1


def test_rename_and_transfer_under_another_parent(province, staff, hr_a, approver_a):
    rename = actions.do_propose_restructuring(
        kind=RestructuringKind.RENAME,
        organization=province["budget_division"],
        new_name="Phòng Ngân sách và Kho bạc",
        effective_date=dt.date(2025, 9, 1),
        acting_user=hr_a,
    )
    move = actions.do_propose_restructuring(
        kind=RestructuringKind.TRANSFER,
        organization=province["investment_division"],
        successor=province["dept_a"],
        effective_date=dt.date(2025, 9, 1),
        acting_user=hr_a,
    )
    for event in (rename, move):
        actions.do_decide_restructuring(
            event=event,
            approve=True,
            decision_number="56/QĐ-UBND",
            decision_date=dt.date(2025, 8, 20),
            acting_user=approver_a,
        )
        actions.do_apply_restructuring(event=event, acting_user=hr_a)
    assert Organization.objects.get(pk=province["budget_division"].pk).name == "Phòng Ngân sách và Kho bạc"
    moved = Organization.objects.get(pk=province["investment_division"].pk)
    assert moved.get_parent().code == "T01-SNV"


def test_transfer_under_its_own_subtree_is_refused(province, hr_a):
    with pytest.raises(ValidationError, match="chính nó"):
        actions.do_propose_restructuring(
            kind=RestructuringKind.TRANSFER,
            organization=province["finance"],
            successor=province["budget_division"],
            effective_date=dt.date(2025, 9, 1),
            acting_user=hr_a,
        )


def test_streamlining_case_from_proposal_to_leaving_the_assignment(province, staff, hr_a, approver_a):
    # Born 10/03/1965, man: 61 years 6 months reached in 09/2026 (the 2026 row) → pension from 01/10/2026.
    case = actions.do_propose_streamlining_case(
        person=staff["old"],
        policy="early_retirement",
        ground="job_position",
        case_date=dt.date(2025, 10, 1),
        leave_date=dt.date(2025, 12, 1),
        salary_current=12_000_000,
        si_years=30,
        acting_user=hr_a,
    )
    assert case.regime == "nd154_2025"
    assert (
        case.months_to_retirement == 10
    )  # under 2 years: pension not reduced, no cash item found in the text
    case.delete()
    case = actions.do_propose_streamlining_case(
        person=staff["woman"],
        policy="early_retirement",
        ground="job_position",
        case_date=dt.date(2025, 10, 1),
        leave_date=dt.date(2025, 12, 1),
        salary_current=10_000_000,
        si_years=25,
        acting_user=hr_a,
    )
    # Born 02/02/1971, woman: 57 years 8 months reached in 10/2028 (the 2028 row) → pension from 01/11/2028:
    # 35 months early, 2 years 11 months counted as 3 years; 5 × 10 M × 3 + (5 + 0.5 × 5) × 10 M.
    assert case.months_to_retirement == 35
    assert case.benefit_total == 225_000_000
    assert [item["citation"] for item in case.benefit["items"]] == ["154/2025/NĐ-CP, Điều 6"] * 2
    with pytest.raises(ValidationError, match="phê duyệt"):
        actions.do_execute_streamlining_case(case=case, acting_user=hr_a)
    actions.do_decide_streamlining_case(
        case=case,
        approve=True,
        decision_number="88/QĐ-UBND",
        decision_date=dt.date(2025, 11, 1),
        acting_user=approver_a,
    )
    actions.do_execute_streamlining_case(case=case, acting_user=hr_a)
    case.refresh_from_db()
    assert case.status == Workflow.DONE
    assignment = Assignment.objects.get(person=staff["woman"])
    assert assignment.effective_to == dt.date(2025, 11, 30)
    assert AuditEvent.objects.filter(
        event_type="person.assignment_ended", target_id=str(staff["woman"].pk)
    ).exists()


def test_a_person_not_meeting_the_legal_ground_is_refused_naming_the_article(province, staff, hr_a):
    with pytest.raises(ValidationError, match="154/2025/NĐ-CP, Điều 6") as error:
        actions.do_propose_streamlining_case(
            person=staff["young"],
            policy="early_retirement",
            ground="job_position",
            case_date=dt.date(2025, 10, 1),
            leave_date=dt.date(2025, 12, 1),
            salary_current=10_000_000,
            si_years=10,
            acting_user=hr_a,
        )
    assert "months_to_retirement" in error.value.message_dict
    assert not StreamliningCase.objects.exists()


def test_restructuring_case_in_2025_falls_under_decree_178(province, staff, hr_a):
    case = actions.do_propose_streamlining_case(
        person=staff["woman"],
        policy="early_retirement",
        ground="restructuring",
        case_date=dt.date(2025, 4, 1),
        leave_date=dt.date(2025, 6, 1),
        restructuring_decision_date=dt.date(2025, 3, 1),
        salary_current=10_000_000,
        si_years=25,
        acting_user=hr_a,
    )
    assert case.regime == "nd178_2024"
    assert {item["code"] for item in case.benefit["items"]} == {"lump_sum", "per_year_early", "si_service"}


def test_out_of_scope_person_cannot_be_proposed(province, people, hr_a):
    with pytest.raises(PermissionDenied):
        actions.do_propose_streamlining_case(
            person=people["duc"],
            policy="resignation",
            ground="job_position",
            case_date=dt.date(2025, 10, 1),
            leave_date=dt.date(2025, 12, 1),
            salary_current=10_000_000,
            si_years=10,
            acting_user=hr_a,
        )


def test_target_defaults_to_the_law_and_counts_progress(province, staff, hr_a, approver_a):
    target = actions.do_set_streamlining_target(
        organization=province["province_a"],
        category="civil_servant",
        effective_from=dt.date(2022, 1, 1),
        effective_to=dt.date(2026, 12, 31),
        baseline_year=2021,
        baseline=40,
        acting_user=hr_a,
    )
    assert target.min_cut == Decimal("0.05") and target.required == 2
    assert target.legal_basis.citation == "40-KL/TW, mục 2"
    with pytest.raises(ValidationError, match="Quy tắc chỉ tiêu tối thiểu"):
        actions.do_set_streamlining_target(
            organization=province["finance"],
            category="civil_servant",
            effective_from=dt.date(2022, 1, 1),
            effective_to=dt.date(2026, 12, 31),
            baseline_year=2021,
            baseline=10,
            min_cut=Decimal("0.01"),
            acting_user=hr_a,
        )
    with pytest.raises(ValidationError, match="trùng"):
        actions.do_set_streamlining_target(
            organization=province["province_a"],
            category="civil_servant",
            effective_from=dt.date(2026, 1, 1),
            effective_to=dt.date(2027, 12, 31),
            baseline_year=2025,
            baseline=40,
            acting_user=hr_a,
        )
    case = actions.do_propose_streamlining_case(
        person=staff["woman"],
        policy="early_retirement",
        ground="job_position",
        case_date=dt.date(2025, 10, 1),
        leave_date=dt.date(2025, 12, 1),
        salary_current=10_000_000,
        si_years=25,
        acting_user=hr_a,
    )
    assert progress(target, dt.date(2026, 1, 1))["planned"] == 1
    actions.do_decide_streamlining_case(
        case=case,
        approve=True,
        decision_number="9/QĐ",
        decision_date=dt.date(2025, 11, 1),
        acting_user=approver_a,
    )
    actions.do_execute_streamlining_case(case=case, acting_user=hr_a)
    figures = progress(target, dt.date(2026, 1, 1))
    assert (figures["achieved"], figures["planned"], figures["headcount"]) == (1, 0, 2)


def test_organization_profile_with_its_establishment_document(province, hr_a, leader_a):
    profile = actions.do_save_organization_profile(
        organization=province["finance"],
        organization_type="administrative",
        functions="Tham mưu về tài chính",
        basis_number="1234/QĐ-UBND",
        basis_title="Thành lập Sở Tài chính",
        basis_issued_on=dt.date(2025, 6, 30),
        acting_user=hr_a,
    )
    assert profile.establishment_basis.citation == "1234/QĐ-UBND"
    with pytest.raises(PermissionDenied):
        actions.do_save_organization_profile(
            organization=province["finance"], organization_type="administrative", acting_user=leader_a
        )
    assert OrganizationProfile.objects.count() == 1
