"""The steps of an evaluation (self-assessment → the manager's assessment → the decision), the cap on
"hoàn thành xuất sắc" at decision time, unit ratings and tasks: the refusals name the rule, nothing is
partly saved, every step is audited."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_org, make_person
from noivu.core.models import AuditEvent
from noivu.evaluation.actions import (
    do_assess,
    do_assign_task,
    do_decide,
    do_rate_unit,
    do_report_progress,
    do_self_assess,
)
from noivu.evaluation.models import Evaluation, Level, Status, TaskStatus, UnitEvaluation

pytestmark = pytest.mark.django_db


def decide(person, rating, hr, appraiser, approver, year=2025, **period):
    row = do_self_assess(person=person, year=year, rating=rating, acting_user=hr, **period)
    do_assess(evaluation=row, rating=rating, acting_user=appraiser)
    return do_decide(evaluation=row, acting_user=approver)


def test_the_three_steps_lead_to_a_decision_each_audited(staff, hr_a, appraiser_a, approver_a):
    an = staff[0]
    row = do_self_assess(
        person=an, year=2025, rating=Level.EXCELLENT, comment="Vượt kế hoạch", acting_user=hr_a
    )
    assert (row.status, row.regime, row.self_rating) == (Status.SELF_ASSESSED, "ND90_2020", "HTXS")
    do_assess(evaluation=row, rating=Level.GOOD, comment="Đạt", acting_user=appraiser_a)
    decided = do_decide(evaluation=row, decision_number="12/QĐ", acting_user=approver_a)
    assert (decided.status, decided.rating, decided.decided_by) == (Status.DECIDED, "HTT", approver_a)
    events = list(AuditEvent.objects.order_by("pk").values_list("event_type", flat=True))
    assert events[-3:] == ["evaluation.self_assessed", "evaluation.assessed", "evaluation.decided"]


def test_a_decision_before_the_self_assessment_or_the_assessment_is_refused(staff, hr_a, approver_a):
    row = do_self_assess(person=staff[0], year=2025, rating=Level.GOOD, acting_user=hr_a)
    with pytest.raises(ValidationError, match="người quản lý trực tiếp chưa đánh giá"):
        do_decide(evaluation=row, acting_user=approver_a)
    assert Evaluation.objects.get().status == Status.SELF_ASSESSED


def test_the_cap_refuses_the_excellent_rating_beyond_a_fifth_of_the_good_ones(
    staff, hr_a, appraiser_a, approver_a
):
    for person in staff[:5]:
        decide(person, Level.GOOD, hr_a, appraiser_a, approver_a)
    decide(staff[5], Level.EXCELLENT, hr_a, appraiser_a, approver_a)  # 1 ≤ 20 % of 5
    extra = make_person(staff[0].organization, "Đỗ Văn Hải")
    row = do_self_assess(person=extra, year=2025, rating=Level.EXCELLENT, acting_user=hr_a)
    do_assess(evaluation=row, rating=Level.EXCELLENT, acting_user=appraiser_a)
    with pytest.raises(ValidationError) as refused:
        do_decide(evaluation=row, acting_user=approver_a)
    message = refused.value.message_dict["rating"][0]
    assert "124-QĐ/TW" in message and "Phòng Công chức" in message
    assert "2 người xếp loại hoàn thành xuất sắc" in message and "5 người hoàn thành tốt" in message
    assert "tối đa 1" in message
    assert Evaluation.objects.get(pk=row.pk).status == Status.ASSESSED


def test_the_cap_counts_within_each_group_of_similar_tasks(staff, hr_a, appraiser_a, approver_a):
    for person in staff[:5]:
        decide(person, Level.GOOD, hr_a, appraiser_a, approver_a)
    row = do_self_assess(
        person=staff[5], year=2025, rating=Level.EXCELLENT, task_group="Lái xe", acting_user=hr_a
    )
    do_assess(evaluation=row, acting_user=appraiser_a, rating=Level.EXCELLENT)
    with pytest.raises(ValidationError, match='nhóm "Lái xe"'):
        do_decide(evaluation=row, acting_user=approver_a)


def test_an_outstanding_unit_may_rate_a_quarter_of_its_good_ones_excellent_from_2026(
    staff, hr_a, appraiser_a, approver_a, tree
):
    division = staff[0].organization
    for number in range(5):
        sibling = make_org(tree["dept_a"], f"T01-SNV-S{number}", f"Phòng {number}", "division", "province")
        do_rate_unit(organization=sibling, year=2026, rating=Level.GOOD, acting_user=approver_a)
    do_rate_unit(
        organization=division, year=2026, rating=Level.EXCELLENT, outstanding=True, acting_user=approver_a
    )
    for person in staff[:4]:
        decide(
            person,
            Level.GOOD,
            hr_a,
            appraiser_a,
            approver_a,
            year=2026,
            period_kind="quarter",
            period_number=1,
        )
    decided = decide(
        staff[4],
        Level.EXCELLENT,
        hr_a,
        appraiser_a,
        approver_a,
        year=2026,
        period_kind="quarter",
        period_number=1,
    )
    assert decided.regime == "ND335_2025" and decided.rating == "HTXS"  # 25 % of 4 = 1; 20 % would be 0


def test_a_person_outside_the_scope_is_refused_and_nothing_is_written(tree, hr_a):
    stranger = make_person(tree["dept_b"], "Lê Văn Xa")
    with pytest.raises(PermissionDenied):
        do_self_assess(person=stranger, year=2025, rating=Level.GOOD, acting_user=hr_a)
    assert not Evaluation.objects.exists()


def test_a_score_outside_the_scale_is_refused(staff, hr_a):
    with pytest.raises(ValidationError) as refused:
        do_self_assess(
            person=staff[0],
            year=2026,
            period_kind="quarter",
            period_number=1,
            rating=Level.GOOD,
            score=Decimal("101"),
            acting_user=hr_a,
        )
    assert "thang điểm 100" in refused.value.message_dict["score"][0]
    assert not Evaluation.objects.exists()


def test_the_manager_scores_a_quarter_of_2026_from_the_task_results(staff, hr_a, appraiser_a):
    an = staff[0]
    task = do_assign_task(
        organization=an.organization,
        owner=an,
        title="Thẩm định hồ sơ",
        target_quantity=10,
        start_date=dt.date(2026, 1, 5),
        deadline=dt.date(2026, 3, 20),
        acting_user=hr_a,
    )
    do_report_progress(
        task=task, quantity=8, quality_quantity=7, reported_on=dt.date(2026, 3, 15), acting_user=hr_a
    )
    do_report_progress(task=task, quantity=2, reported_on=dt.date(2026, 3, 25), acting_user=hr_a)
    task.refresh_from_db()
    assert (task.status, task.completed_on) == (TaskStatus.DONE, dt.date(2026, 3, 25))
    row = do_self_assess(
        person=an,
        year=2026,
        period_kind="quarter",
        period_number=1,
        rating=Level.GOOD,
        score=Decimal("85"),
        acting_user=hr_a,
    )
    assessed = do_assess(evaluation=row, general_points=Decimal("28"), acting_user=appraiser_a)
    # a = 100 %, b = 90 % (7 + 2 of 10), c = 80 % (8 of 10 on time): (270 / 3) × 0.70 = 63; 28 + 63 = 91.
    assert assessed.manager_score == Decimal("91.00")
    assert assessed.components["quality"] == "90.00" and assessed.components["timeliness"] == "80.00"
    assert assessed.manager_rating == Level.EXCELLENT


def test_units_rated_by_the_same_leader_are_held_to_the_cap(tree, approver_a):
    parent = tree["dept_a"]
    units = [make_org(parent, f"T01-SNV-U{i}", f"Phòng {i}", "division", "province") for i in range(6)]
    for unit in units[:5]:
        do_rate_unit(organization=unit, year=2026, rating=Level.GOOD, acting_user=approver_a)
    do_rate_unit(organization=units[5], year=2026, rating=Level.EXCELLENT, acting_user=approver_a)
    seventh = make_org(parent, "T01-SNV-U7", "Phòng 7", "division", "province")
    with pytest.raises(
        ValidationError, match="233/2026/NĐ-CP, Điều 7.*2 đơn vị xếp loại hoàn thành xuất sắc"
    ):
        do_rate_unit(organization=seventh, year=2026, rating=Level.EXCELLENT, acting_user=approver_a)
    assert not UnitEvaluation.objects.filter(organization=seventh).exists()
