"""The actions: pools with their limits and conditions (a refusal names the rule and changes nothing), the
yearly review, enrolments whose completion goes on the record, mentoring and handovers; each audited."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_person
from noivu.awards.models import DisciplineRecord
from noivu.core.dates import today
from noivu.core.models import AuditEvent
from noivu.succession import actions
from noivu.succession.models import (
    Course,
    EnrolmentStatus,
    LeadershipLevel,
    PlanningPool,
    PoolCandidate,
    PoolReview,
    Programme,
    TrainingCourse,
)

pytestmark = pytest.mark.django_db


def test_a_candidate_added_is_audited(pool, staff, hr_a):
    row = actions.do_add_candidate(pool=pool, person=staff[0], acting_user=hr_a)
    assert row.removed_on is None
    assert AuditEvent.objects.filter(event_type="succession.candidate_added", target_id=row.pk).exists()


def test_a_pool_over_its_limit_is_refused_naming_the_rule_and_nothing_is_added(pool, staff, hr_a):
    for person in staff[:3]:
        actions.do_add_candidate(pool=pool, person=person, acting_user=hr_a)
    with pytest.raises(ValidationError) as refused:
        actions.do_add_candidate(pool=pool, person=staff[3], acting_user=hr_a)
    message = " ".join(refused.value.messages)
    assert "đã có 3 người trong quy hoạch: tối đa 3 người (377-QĐ/TW)" in message
    assert PoolCandidate.objects.filter(pool=pool).count() == 3


def test_an_ineligible_candidate_is_refused_with_every_reason(pool, division, hr_a):
    old = make_person(division, "Ngô Văn Lão", birth_date=dt.date(1966, 1, 1))
    DisciplineRecord.objects.create(
        person=old, form="warning", decision_date=today() - dt.timedelta(days=30), effective_from=today()
    )
    with pytest.raises(ValidationError) as refused:
        actions.do_add_candidate(pool=pool, person=old, acting_user=hr_a)
    message = " ".join(refused.value.messages)
    assert "Chưa có ngạch" in message and "không đủ tuổi công tác" in message
    assert "Chưa có kết quả xếp loại" in message and "Cảnh cáo" in message
    assert not PoolCandidate.objects.exists()


def test_one_person_is_planned_for_at_most_three_positions_of_a_level(division, staff, hr_a):
    pools = [
        PlanningPool.objects.create(
            organization=division,
            position_title=title,
            level=LeadershipLevel.DIVISION_HEAD,
            term_start=2026,
            term_end=2031,
        )
        for title in ("Trưởng phòng A", "Trưởng phòng B", "Trưởng phòng C", "Trưởng phòng D")
    ]
    for pool in pools[:3]:
        actions.do_add_candidate(pool=pool, person=staff[0], acting_user=hr_a)
    with pytest.raises(ValidationError, match="3 chức danh cùng cấp: tối đa 3"):
        actions.do_add_candidate(pool=pools[3], person=staff[0], acting_user=hr_a)


def test_the_holder_of_the_post_is_not_planned_for_it(pool, staff, hr_a):
    staff[0].assignments.update(position_title="Trưởng phòng")
    with pytest.raises(ValidationError, match="chỉ quy hoạch vào chức danh cao hơn"):
        actions.do_add_candidate(pool=pool, person=staff[0], acting_user=hr_a)


def test_the_yearly_review_removes_and_adds_in_one_step_or_not_at_all(pool, staff, hr_a):
    first = [actions.do_add_candidate(pool=pool, person=person, acting_user=hr_a) for person in staff[:3]]
    # Four people would remain: refused, nothing changed.
    with pytest.raises(ValidationError):
        actions.do_review_pool(
            pool=pool, year=2026, add=[staff[3]], remove=[(first[0], "")], acting_user=hr_a
        )
    assert PoolCandidate.objects.filter(removed_on__isnull=True).count() == 3
    assert not PoolReview.objects.exists()
    review = actions.do_review_pool(
        pool=pool,
        year=2026,
        add=[staff[3]],
        remove=[(first[0], "Không hoàn thành nhiệm vụ")],
        acting_user=hr_a,
    )
    assert (review.added, review.removed) == (1, 1)
    active = set(PoolCandidate.objects.filter(removed_on__isnull=True).values_list("person_id", flat=True))
    assert active == {staff[1].pk, staff[2].pk, staff[3].pk}
    first[0].refresh_from_db()
    assert first[0].removal_reason == "Không hoàn thành nhiệm vụ"
    with pytest.raises(ValidationError, match="đã được rà soát năm 2026"):
        actions.do_review_pool(pool=pool, year=2026, add=[], remove=[], acting_user=hr_a)


def test_a_completed_enrolment_goes_on_the_record_with_its_periods(tree, staff, hr_a):
    course = actions.do_create_course(
        organization=tree["dept_a"],
        name="Bồi dưỡng lãnh đạo, quản lý cấp phòng",
        programme=Programme.LEADERSHIP_DIVISION,
        start_date=today() - dt.timedelta(days=40),
        end_date=today() - dt.timedelta(days=10),
        periods=160,
        capacity=1,
        acting_user=hr_a,
    )
    enrolment = actions.do_enrol(course=course, person=staff[0], acting_user=hr_a)
    with pytest.raises(ValidationError, match="đã đủ 1 học viên"):
        actions.do_enrol(course=course, person=staff[1], acting_user=hr_a)
    actions.do_complete_enrolment(enrolment=enrolment, certificate="CC-01", acting_user=hr_a)
    assert enrolment.status == EnrolmentStatus.COMPLETED
    record = TrainingCourse.objects.get(enrolment=enrolment)
    assert (record.person_id, record.programme, record.periods, record.certificate) == (
        staff[0].pk,
        "leadership_division",
        160,
        "CC-01",
    )
    assert AuditEvent.objects.filter(event_type="succession.enrolment_completed").exists()


def test_a_user_of_another_province_may_not_enrol_a_person(tree, staff, hr_b):
    course = Course.objects.create(
        organization=tree["dept_b"],
        name="Khóa B",
        programme=Programme.JOB,
        start_date=dt.date(2026, 1, 5),
        end_date=dt.date(2026, 1, 9),
        periods=40,
    )
    with pytest.raises(PermissionDenied):
        actions.do_enrol(course=course, person=staff[0], acting_user=hr_b)


def test_mentoring_and_a_handover_checklist(staff, hr_a):
    pair = actions.do_start_mentoring(
        mentor=staff[0],
        mentee=staff[1],
        goals="Chủ trì họp giao ban",
        start_date=dt.date(2026, 1, 5),
        acting_user=hr_a,
    )
    with pytest.raises(ValidationError, match="từ 0 đến 100"):
        actions.do_check_in(pair=pair, held_on=dt.date(2026, 2, 1), progress=120, acting_user=hr_a)
    actions.do_check_in(pair=pair, held_on=dt.date(2026, 2, 1), progress=30, acting_user=hr_a)
    assert pair.check_ins.count() == 1
    with pytest.raises(ValidationError, match="ít nhất một mục"):
        actions.do_start_handover(
            person=staff[2],
            handover_reason="retirement",
            due_on=dt.date(2026, 12, 31),
            items=[" "],
            acting_user=hr_a,
        )
    handover = actions.do_start_handover(
        person=staff[2],
        successor=staff[3],
        handover_reason="retirement",
        due_on=dt.date(2026, 12, 31),
        items=["Hồ sơ đang giải quyết", "Tài khoản hệ thống"],
        acting_user=hr_a,
    )
    item = handover.items.first()
    actions.do_complete_handover_item(item=item, done_on=dt.date(2026, 11, 30), acting_user=hr_a)
    assert [row.done_on for row in handover.items.all()] == [dt.date(2026, 11, 30), None]
