"""The actions of a recruitment round: the plan bounded by the vacancies of the gap analysis, eligibility,
rooms, double entry of scores, the all-or-nothing import, an appeal changing a score with its audit, and the
decision creating the person's record, assignment and probation. Each refusal names the rule."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_person
from noivu.core.models import AuditEvent
from noivu.personnel.dossier.models import RankHistory
from noivu.personnel.models import Assignment, Person
from noivu.recruitment import actions
from noivu.recruitment.models import Candidate, Probation, RecruitmentPlan, Score, TalentGrant
from noivu.recruitment.tests import factories

pytestmark = pytest.mark.django_db


def test_a_plan_takes_its_positions_from_the_vacancies_and_refuses_a_quota_over_the_gap(tree, hr_a):
    factories.approved_project(tree["dept_a"], {"budget": 3, "archive": 1})
    common = {
        "organization": tree["dept_a"],
        "title": "Tuyển dụng công chức 2026",
        "staff_kind": "civil_servant",
        "method": "exam",
        "applications_open": dt.date(2026, 3, 1),
        "applications_close": dt.date(2026, 3, 31),
        "exam_date": dt.date(2026, 5, 10),
        "acting_user": hr_a,
    }
    with pytest.raises(ValidationError) as error:
        actions.do_create_plan(positions=[{"code": "TD01", "quota": 4}, {"code": "XX"}], **common)
    assert "phải từ 1 đến 3" in str(error.value) and "XX" in str(error.value)
    plan = actions.do_create_plan(
        positions=[{"code": "TD01", "quota": 2, "exam_form": "written_interview"}], **common
    )
    position = plan.positions.get()
    assert (position.name, position.quota, position.min_qualification) == (
        "Quản lý ngân sách",
        2,
        "university",
    )
    assert AuditEvent.objects.filter(event_type="recruitment.plan_created").count() == 1


def test_another_provinces_agency_is_refused(tree, hr_a):
    factories.approved_project(tree["dept_b"], {"budget": 1})
    with pytest.raises(PermissionDenied):
        actions.do_create_plan(
            organization=tree["dept_b"],
            title="x",
            staff_kind="civil_servant",
            method="exam",
            applications_open=dt.date(2026, 3, 1),
            applications_close=dt.date(2026, 3, 31),
            exam_date=dt.date(2026, 5, 10),
            positions=[{"code": "TD01", "quota": 1}],
            acting_user=hr_a,
        )


def test_an_ineligible_application_is_kept_with_its_reasons_and_cannot_be_scored(
    tree, hr_a, django_capture_on_commit_callbacks
):
    plan = factories.plan(tree["dept_a"])
    position = plan.positions.get()
    values = {**factories.APPLICANT, "qualification": "college", "documents": []}
    with django_capture_on_commit_callbacks(execute=True):
        candidate = actions.do_add_candidate(plan=plan, position=position, values=values, acting_user=hr_a)
    assert candidate.status == "ineligible"
    assert any("Cao đẳng" in reason for reason in candidate.ineligibility)
    assert any("Phiếu đăng ký" in reason for reason in candidate.ineligibility)
    assert len(mail.outbox) == 1 and "Không đủ điều kiện" in mail.outbox[0].body
    with pytest.raises(ValidationError, match="không đủ điều kiện dự thi"):
        actions.do_enter_score(candidate=candidate, part="professional", value="70", acting_user=hr_a)


def test_a_candidate_is_in_one_room_only(tree, hr_a):
    plan = factories.plan(tree["dept_a"])
    first = actions.do_add_room(plan=plan, name="Phòng 1", capacity=1, acting_user=hr_a)
    second = actions.do_add_room(plan=plan, name="Phòng 2", capacity=5, acting_user=hr_a)
    one = factories.candidate(plan, "Nguyễn Văn Một", "001098000001")
    two = factories.candidate(plan, "Nguyễn Văn Hai", "001098000002")
    actions.do_place_candidate(candidate=one, room=first, acting_user=hr_a)
    with pytest.raises(ValidationError, match="đã ở phòng Phòng 1"):
        actions.do_place_candidate(candidate=one, room=second, acting_user=hr_a)
    with pytest.raises(ValidationError, match="đã đủ 1 chỗ"):
        actions.do_place_candidate(candidate=two, room=first, acting_user=hr_a)
    assert actions.do_seat_candidates(plan=plan, acting_user=hr_a) == 1
    two.refresh_from_db()
    assert (two.room, two.number) == (second, "0002")


def test_double_entry_counts_a_score_only_when_both_entries_agree(tree, hr_a):
    plan = factories.plan(tree["dept_a"])
    candidate = factories.candidate(plan, "Nguyễn Văn Một", "001098000001")
    with pytest.raises(ValidationError, match="ngoài thang điểm 100"):
        actions.do_enter_score(candidate=candidate, part="professional", value="100.5", acting_user=hr_a)
    actions.do_enter_score(candidate=candidate, part="professional", value="72.5", acting_user=hr_a)
    with pytest.raises(ValidationError, match=r"Lần nhập 2 \(75.00\) khác lần nhập 1 \(72.50\)"):
        actions.do_enter_score(
            candidate=candidate, part="professional", value="75", entry=2, acting_user=hr_a
        )
    score = actions.do_enter_score(
        candidate=candidate, part="professional", value="72,5", entry=2, acting_user=hr_a
    )
    assert score.value == Decimal("72.5")
    with pytest.raises(ValidationError, match="chỉ thay đổi qua phúc khảo"):
        actions.do_enter_score(candidate=candidate, part="professional", value="80", acting_user=hr_a)


def test_an_import_with_one_bad_row_imports_nothing_and_names_every_row(tree, hr_a):
    plan = factories.plan(tree["dept_a"])
    factories.candidate(plan, "Nguyễn Văn Một", "001098000001", number="0001")
    factories.candidate(plan, "Nguyễn Văn Hai", "001098000002", number="0002")
    rows = [
        {"number": "0001", "part": "professional", "value": "80"},
        {"number": "0002", "part": "professional", "value": "120"},
        {"number": "0009", "part": "professional", "value": "50"},
    ]
    with pytest.raises(ValidationError) as error:
        actions.do_import_scores(plan=plan, rows=rows, acting_user=hr_a)
    messages = error.value.messages
    assert any(m.startswith("Dòng 3, cột điểm") and "ngoài thang điểm" in m for m in messages)
    assert any(m.startswith("Dòng 4, cột số báo danh") for m in messages)
    assert not Score.objects.exists()
    assert actions.do_import_scores(plan=plan, rows=rows[:1], acting_user=hr_a) == 1


def test_an_appeal_changes_the_score_with_an_audited_before_and_after(tree, hr_a):
    plan = factories.plan(tree["dept_a"])
    candidate = factories.candidate(plan, "Nguyễn Văn Một", "001098000001", score=48)
    appeal = actions.do_file_appeal(candidate=candidate, part="professional", acting_user=hr_a)
    actions.do_decide_appeal(appeal=appeal, new_value="52.5", note="Chấm sót câu 3", acting_user=hr_a)
    score = Score.objects.get(candidate=candidate)
    assert score.value == Decimal("52.5")
    assert [h.value for h in score.history.order_by("history_id")] == [Decimal("48"), Decimal("52.5")]
    event = AuditEvent.objects.get(event_type="recruitment.appeal_decided")
    assert (event.extra["old"], event.extra["new"]) == ("48.00", "52.50")


def test_the_approver_recognises_the_results_and_an_hr_officer_is_refused(
    tree, hr_a, approver_a, django_capture_on_commit_callbacks
):
    plan = factories.plan(tree["dept_a"], quota=1)
    winner = factories.candidate(plan, "Nguyễn Văn Một", "001098000001", score=81, email="mot@example.com")
    factories.candidate(plan, "Nguyễn Văn Hai", "001098000002", score=70, email="hai@example.com")
    pending = actions.do_file_appeal(
        candidate=Candidate.objects.get(full_name="Nguyễn Văn Hai"), part="professional", acting_user=hr_a
    )
    recognition = {"result_number": "20/QĐ", "result_date": dt.date(2027, 1, 25)}
    with pytest.raises(ValidationError, match="1 đơn phúc khảo chưa có kết quả"):
        actions.do_recognise_results(plan=plan, acting_user=approver_a, **recognition)
    actions.do_decide_appeal(appeal=pending, new_value="70", acting_user=hr_a)
    with pytest.raises(PermissionDenied, match="phê duyệt"):
        actions.do_recognise_results(plan=plan, acting_user=hr_a, **recognition)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        passed = actions.do_recognise_results(plan=plan, acting_user=approver_a, **recognition)
    assert [c.pk for c in passed] == [winner.pk]
    plan.refresh_from_db()
    assert (plan.status, plan.result_number) == ("recognised", "20/QĐ")
    assert dict(Candidate.objects.values_list("full_name", "status")) == {
        "Nguyễn Văn Một": "passed",
        "Nguyễn Văn Hai": "failed",
    }
    assert Candidate.objects.get(pk=winner.pk).rank == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["hai@example.com", "mot@example.com"]
    event = AuditEvent.objects.get(event_type="recruitment.results_recognised")
    assert (event.acting_user, event.extra["passed"]) == (approver_a, [winner.pk])


def test_the_decision_creates_the_winners_records_with_assignment_and_probation(tree, hr_a, approver_a):
    plan = factories.plan(tree["dept_a"], quota=1)
    winner = factories.candidate(plan, "Nguyễn Văn Một", "001098000001", score=81, email="mot@example.com")
    factories.candidate(plan, "Nguyễn Văn Hai", "001098000002", score=70)
    decision = {
        "decision_number": "25/QĐ",
        "decision_date": dt.date(2027, 2, 1),
        "start_date": dt.date(2027, 3, 1),
    }
    with pytest.raises(ValidationError, match="chưa được công nhận"):
        actions.do_decide_recruitment(plan=plan, acting_user=hr_a, **decision)
    actions.do_recognise_results(
        plan=plan, result_number="20/QĐ", result_date=dt.date(2027, 1, 25), acting_user=approver_a
    )
    with pytest.raises(PermissionDenied):  # the records are the HR officer's
        actions.do_decide_recruitment(plan=plan, acting_user=approver_a, **decision)
    recruited = actions.do_decide_recruitment(plan=plan, acting_user=hr_a, **decision)
    assert [c.pk for c in recruited] == [winner.pk]
    person = Person.objects.get(cccd_number="001098000001")
    assert (person.organization, person.category, person.recruited_on) == (
        tree["dept_a"],
        "civil_servant",
        dt.date(2027, 2, 1),
    )
    assignment = Assignment.objects.get(person=person)
    assert (assignment.effective_from, assignment.position_title) == (
        dt.date(2027, 3, 1),
        "Quản lý ngân sách",
    )
    # A civil servant recruited from 01/7/2025 serves no probation (Nghị định 170/2025/NĐ-CP Điều 70) and is
    # placed by the decision in the rank of the position from the first day of work (Điều 19 khoản 1).
    assert not Probation.objects.filter(person=person).exists()
    rank = RankHistory.objects.get(person=person)
    assert (
        rank.rank_code,
        rank.rank_name,
        rank.effective_from,
        rank.decision_number,
        rank.decision_date,
    ) == (
        "01.003",
        "Chuyên viên",
        dt.date(2027, 3, 1),
        "25/QĐ",
        dt.date(2027, 2, 1),
    )
    assert Candidate.objects.get(full_name="Nguyễn Văn Hai").status == "failed"
    assert AuditEvent.objects.filter(event_type="person.created").count() == 1


@pytest.mark.parametrize(
    ("staff_kind", "level", "start", "months", "ends", "basis"),
    [
        ("public_employee", "university", dt.date(2027, 3, 1), 12, dt.date(2028, 2, 29), "115/2020/NĐ-CP"),
        ("public_employee", "college", dt.date(2027, 3, 1), 9, dt.date(2027, 11, 30), "115/2020/NĐ-CP"),
        ("civil_servant", "university", dt.date(2025, 3, 3), 12, dt.date(2026, 3, 2), "138/2020/NĐ-CP"),
        # Decided on 11/6/2025 under 138/2020, though the work starts after 170/2025 took effect.
        ("civil_servant", "university", dt.date(2025, 7, 1), 12, dt.date(2026, 6, 30), "138/2020/NĐ-CP"),
    ],
)
def test_the_decision_opens_the_probation_the_decree_in_force_on_the_decision_day_sets(
    tree, hr_a, approver_a, staff_kind, level, start, months, ends, basis
):
    plan = factories.plan(tree["dept_a"], quota=1)
    plan.staff_kind = staff_kind
    plan.save()
    plan.positions.update(min_qualification=level)
    factories.candidate(plan, "Nguyễn Văn Một", "001098000001", score=81)
    day = start - dt.timedelta(days=20)
    actions.do_recognise_results(plan=plan, result_number="20/QĐ", result_date=day, acting_user=approver_a)
    actions.do_decide_recruitment(
        plan=plan, decision_number="25/QĐ", decision_date=day, start_date=start, acting_user=hr_a
    )
    probation = Probation.objects.get(person__cccd_number="001098000001")
    assert (probation.starts_on, probation.months, probation.ends_on) == (start, months, ends)
    assert probation.legal_basis.startswith(basis)


def test_a_tie_at_the_last_place_waits_for_the_heads_choice(tree, approver_a):
    plan = factories.plan(tree["dept_a"], quota=1)
    one = factories.candidate(plan, "Nguyễn Văn Một", "001098000001", score=75)
    factories.candidate(plan, "Nguyễn Văn Hai", "001098000002", score=75)
    recognition = {"result_number": "20/QĐ", "result_date": dt.date(2027, 1, 25)}
    with pytest.raises(ValidationError, match="2 thí sinh bằng điểm"):
        actions.do_recognise_results(plan=plan, acting_user=approver_a, **recognition)
    passed = actions.do_recognise_results(
        plan=plan, tie_winners=[one.pk], acting_user=approver_a, **recognition
    )
    assert [c.pk for c in passed] == [one.pk]


def test_a_talent_track_is_recorded_on_the_person_within_its_conditions(tree, hr_a, people):
    person = people["an"]  # born 1985: over the age of an excellent graduate
    with pytest.raises(ValidationError, match=r"Quá 30 tuổi vào ngày 05/01/2026 \(40 tuổi\)"):
        actions.do_record_talent_grant(
            person=person,
            track="excellent_graduate",
            conditions=["valedictorian"],
            incentives=["Phụ cấp thu hút"],
            granted_on=dt.date(2026, 1, 5),
            acting_user=hr_a,
        )
    with pytest.raises(ValidationError, match="Chưa đáp ứng điều kiện nào của diện «Chuyên gia"):
        actions.do_record_talent_grant(
            person=person,
            track="expert",
            conditions=[],
            incentives=[],
            granted_on=dt.date(2026, 1, 5),
            acting_user=hr_a,
        )
    grant = actions.do_record_talent_grant(
        person=person,
        track="expert",
        conditions=["results_fit_position"],
        incentives=["Phụ cấp thu hút"],
        granted_on=dt.date(2026, 1, 5),
        acting_user=hr_a,
    )
    assert person.talent_grants.get() == grant
    assert grant.legal_basis.startswith("179/2024/NĐ-CP")
    assert AuditEvent.objects.filter(event_type="recruitment.talent_granted").count() == 1


def _grant(person, hr, **changes):
    values = {
        "person": person,
        "track": "excellent_graduate",
        "conditions": ["excellent_degree", "school_prize"],
        "incentives": ["Xét tuyển không qua thi"],
        "granted_on": dt.date(2020, 9, 1),
        "decision_number": "12/QĐ",
    }
    return actions.do_record_talent_grant(acting_user=hr, **{**values, **changes})


def test_a_talent_grant_follows_the_rule_of_its_decision_day(tree, hr_a):
    # Born 10/3/1996: 24 on 1/9/2020 (under 140/2017's 25), 28 on 5/1/2025 (under 179/2024's 30).
    person = make_person(tree["dept_a"], "Trần Minh Khoa", birth_date=dt.date(1996, 3, 10))
    graduate = "«Sinh viên tốt nghiệp xuất sắc»"
    with pytest.raises(ValidationError, match=f"điều kiện bắt buộc của diện {graduate}: Tốt nghiệp"):
        _grant(person, hr_a, conditions=["school_prize"])
    with pytest.raises(ValidationError, match=f"Điều kiện không thuộc diện {graduate}: valedictorian"):
        _grant(person, hr_a, conditions=["valedictorian"])
    with pytest.raises(ValidationError, match="«expert» không có trong quy định có hiệu lực ngày 01/09/2020"):
        _grant(person, hr_a, track="expert", conditions=["results_fit_position"])
    with pytest.raises(ValidationError, match="Chính sách không thuộc diện"):
        _grant(person, hr_a, incentives=["Phụ cấp thu hút"])
    with pytest.raises(ValidationError, match="Quá 25 tuổi vào ngày 10/03/2022 \\(26 tuổi\\)"):
        _grant(person, hr_a, granted_on=dt.date(2022, 3, 10))
    assert not TalentGrant.objects.exists()
    old = _grant(person, hr_a)
    assert old.legal_basis.startswith("140/2017/NĐ-CP")
    new = _grant(
        person,
        hr_a,
        conditions=["valedictorian"],
        incentives=["Phụ cấp thu hút"],
        granted_on=dt.date(2025, 1, 5),
    )
    assert new.legal_basis.startswith("179/2024/NĐ-CP")
    assert list(person.talent_grants.order_by("granted_on")) == [old, new]


def test_a_talent_grant_needs_the_right_over_the_person(tree, hr_a):
    outsider = make_person(tree["dept_b"], "Hoàng Văn Ngoài", birth_date=dt.date(1996, 3, 10))
    with pytest.raises(PermissionDenied):
        _grant(outsider, hr_a)
    assert not TalentGrant.objects.exists()


def test_a_decision_placing_in_the_rank_needs_each_positions_rank_and_a_public_employee_waits(
    tree, hr_a, approver_a
):
    plan = factories.plan(tree["dept_a"], quota=1)
    plan.positions.update(rank_code="")
    factories.candidate(plan, "Nguyễn Văn Một", "001098000001", score=81)
    actions.do_recognise_results(
        plan=plan, result_number="20/QĐ", result_date=dt.date(2027, 1, 25), acting_user=approver_a
    )
    decision = {
        "decision_number": "25/QĐ",
        "decision_date": dt.date(2027, 2, 1),
        "start_date": dt.date(2027, 3, 1),
    }
    with pytest.raises(
        ValidationError, match=r"170/2025/NĐ-CP, Điều 19 khoản 1\), nhưng vị trí TD01 chưa có mã"
    ):
        actions.do_decide_recruitment(plan=plan, acting_user=hr_a, **decision)
    assert not Person.objects.filter(cccd_number="001098000001").exists()
    # A public employee's professional title is appointed at the end of the probation (115/2020 Điều 24).
    RecruitmentPlan.objects.filter(pk=plan.pk).update(staff_kind="public_employee")
    plan.refresh_from_db()
    actions.do_decide_recruitment(plan=plan, acting_user=hr_a, **decision)
    person = Person.objects.get(cccd_number="001098000001")
    assert not RankHistory.objects.filter(person=person).exists()
    assert Probation.objects.get(person=person).months == 12
