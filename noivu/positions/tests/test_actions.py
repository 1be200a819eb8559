"""The job-position project's life: drafted, checked, submitted, appraised with comments, returned with
reasons, resubmitted with its changes shown, approved by a decision, superseded by a new version; the
audit events, the refusals naming their rule, and what the gap analysis and the read functions then say."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from noivu.core.models import AuditEvent
from noivu.positions import actions
from noivu.positions.campaigns import dashboard, summary
from noivu.positions.gaps import approved_positions, gap_analysis, person_positions
from noivu.positions.models import PositionProject, ProjectStatus, StaffKind
from noivu.positions.versions import changes_since_last_round

pytestmark = pytest.mark.django_db


def draft(hr, agency, catalogue, staff, *, budget=3):
    project = actions.do_create_project(
        organization=agency["finance"], staff_kind=StaffKind.CIVIL_SERVANT, acting_user=hr
    )
    positions = {
        "head": actions.do_set_position(
            project=project, catalog=catalogue["head"], headcount=1, rank_code="01.002", acting_user=hr
        ),
        "budget": actions.do_set_position(
            project=project, catalog=catalogue["budget"], headcount=budget, rank_code="01.003", acting_user=hr
        ),
        "clerk": actions.do_set_position(
            project=project, catalog=catalogue["clerk"], headcount=1, rank_code="01.004", acting_user=hr
        ),
    }
    for person, position in (("director", "head"), ("specialist", "budget"), ("clerk", "clerk")):
        actions.do_place_person(position=positions[position], person=staff[person], acting_user=hr)
    return project, positions


def test_a_project_goes_from_draft_through_a_return_to_approval(
    hr_a, appraiser_a, approver_a, agency, catalogue, staff, quota
):
    project, positions = draft(hr_a, agency, catalogue, staff)
    project = actions.do_submit_project(project=project, acting_user=hr_a)
    assert (project.status, project.round) == (ProjectStatus.SUBMITTED, 1)
    actions.do_start_appraisal(project=project, acting_user=appraiser_a)
    actions.do_comment(
        project=project,
        position=positions["budget"],
        text="Thuyết minh khối lượng công việc",
        acting_user=appraiser_a,
    )
    project = actions.do_return_project(
        project=project, reasons="Giảm vị trí ngân sách", acting_user=appraiser_a
    )
    assert project.status == ProjectStatus.RETURNED
    assert project.comments.get().position_code == "CM01"

    actions.do_set_position(
        project=project, catalog=catalogue["budget"], headcount=2, rank_code="01.003", acting_user=hr_a
    )
    compared, changes = changes_since_last_round(project)
    assert compared == 1
    assert [(c.code, c.kind, c.before["headcount"], c.after["headcount"]) for c in changes] == [
        ("CM01", "changed", 3, 2)
    ]
    project = actions.do_submit_project(project=project, acting_user=hr_a)
    actions.do_start_appraisal(project=project, acting_user=appraiser_a)
    project = actions.do_approve_project(
        project=project,
        decision_number="15/QĐ-UBND",
        decision_date=dt.date(2026, 3, 2),
        signer="Chủ tịch UBND tỉnh A",
        acting_user=approver_a,
    )
    assert (project.status, project.effective_from) == (ProjectStatus.APPROVED, dt.date(2026, 3, 2))
    kinds = list(
        AuditEvent.objects.filter(event_type__startswith="positions.").values_list("event_type", flat=True)
    )
    for kind in (
        "project_submitted",
        "appraisal_started",
        "project_commented",
        "project_returned",
        "project_approved",
    ):
        assert f"positions.{kind}" in kinds

    # The approved positions are what payroll and recruitment read, from the decision's date only.
    assert approved_positions(agency["finance"].pk, dt.date(2026, 3, 1)) == []
    codes = [(p.code, p.headcount) for p in approved_positions(agency["finance"].pk, dt.date(2026, 3, 2))]
    assert codes == [("LD01", 1), ("CM01", 2), ("HT01", 1)]
    assert person_positions([staff["clerk"].pk], dt.date(2026, 4, 1)) == {
        staff["clerk"].pk: ("HT01", "Văn thư")
    }

    report = gap_analysis(PositionProject.objects.all(), dt.date(2026, 4, 1))
    assert report.totals["headcount"] == 4 and report.totals["present"] == 3 and report.totals["vacant"] == 1
    # The clerk (college) meets the clerk's position; no one is below a minimum.
    assert report.totals["rank_mismatches"] == 0


def test_an_approved_project_is_not_edited_but_superseded_by_a_new_version(
    hr_a, appraiser_a, approver_a, agency, catalogue, staff, quota
):
    project, _ = draft(hr_a, agency, catalogue, staff)
    actions.do_submit_project(project=project, acting_user=hr_a)
    actions.do_start_appraisal(project=project, acting_user=appraiser_a)
    project = actions.do_approve_project(
        project=project,
        decision_number="1/QĐ",
        decision_date=dt.date(2026, 1, 5),
        signer="A",
        acting_user=approver_a,
    )
    with pytest.raises(ValidationError, match="phiên bản mới"):
        actions.do_set_position(project=project, catalog=catalogue["budget"], headcount=9, acting_user=hr_a)
    second = actions.do_new_version(project=project, acting_user=hr_a)
    assert (second.version, second.positions.count(), second.holders.count()) == (2, 3, 3)
    actions.do_set_position(
        project=second, catalog=catalogue["budget"], headcount=4, rank_code="01.003", acting_user=hr_a
    )
    actions.do_submit_project(project=second, acting_user=hr_a)
    actions.do_start_appraisal(project=second, acting_user=appraiser_a)
    actions.do_approve_project(
        project=second,
        decision_number="2/QĐ",
        decision_date=dt.date(2026, 6, 1),
        signer="A",
        acting_user=approver_a,
    )
    project.refresh_from_db()
    assert (project.status, project.effective_to) == (ProjectStatus.SUPERSEDED, dt.date(2026, 5, 31))
    before = {p.code: p.headcount for p in approved_positions(agency["finance"].pk, dt.date(2026, 5, 31))}
    after = {p.code: p.headcount for p in approved_positions(agency["finance"].pk, dt.date(2026, 6, 1))}
    assert (before["CM01"], after["CM01"]) == (3, 4)


def test_submission_is_refused_while_a_check_finds_an_error(hr_a, agency, catalogue, staff, quota):
    project, _ = draft(hr_a, agency, catalogue, staff, budget=9)
    with pytest.raises(ValidationError) as refused:
        actions.do_submit_project(project=project, acting_user=hr_a)
    assert "vượt biên chế được giao 6" in " ".join(refused.value.messages)
    assert "361/2025/NĐ-CP" in " ".join(refused.value.messages)
    project.refresh_from_db()
    assert project.status == ProjectStatus.DRAFT


def test_a_person_in_two_main_positions_is_refused_naming_the_rule(hr_a, agency, catalogue, staff, quota):
    project, positions = draft(hr_a, agency, catalogue, staff)
    with pytest.raises(ValidationError, match="Quy tắc một vị trí chính"):
        actions.do_place_person(position=positions["budget"], person=staff["clerk"], acting_user=hr_a)
    holder = actions.do_place_person(
        position=positions["budget"], person=staff["clerk"], is_main=False, acting_user=hr_a
    )
    assert holder.is_main is False


def test_a_person_of_another_agency_cannot_be_placed(hr_a, agency, catalogue, staff, quota, people):
    project, positions = draft(hr_a, agency, catalogue, staff)
    with pytest.raises(ValidationError, match="không công tác tại"):
        actions.do_place_person(position=positions["budget"], person=people["an"], acting_user=hr_a)


def test_roles_keep_to_their_steps(hr_a, hr_b, appraiser_a, agency, catalogue, staff, quota):
    project, _ = draft(hr_a, agency, catalogue, staff)
    with pytest.raises(PermissionDenied):
        actions.do_set_position(project=project, catalog=catalogue["clerk"], headcount=2, acting_user=hr_b)
    actions.do_submit_project(project=project, acting_user=hr_a)
    with pytest.raises(PermissionDenied):
        actions.do_start_appraisal(project=project, acting_user=hr_a)
    actions.do_start_appraisal(project=project, acting_user=appraiser_a)
    with pytest.raises(PermissionDenied):
        actions.do_approve_project(
            project=project,
            decision_number="1",
            decision_date=dt.date(2026, 1, 1),
            signer="A",
            acting_user=appraiser_a,
        )
    with pytest.raises(ValidationError, match="lý do"):
        actions.do_return_project(project=project, reasons=" ", acting_user=appraiser_a)


def test_campaign_dashboard_and_reminders(hr_a, agency, catalogue, staff, quota, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    hr_a.email = "nhansu@tinh-a.gov.vn"
    hr_a.save()
    campaign = actions.do_open_campaign(
        organization=agency["province_a"],
        title="Phê duyệt đề án vị trí việc làm 2026",
        staff_kind=StaffKind.CIVIL_SERVANT,
        opened_on=dt.date(2026, 1, 1),
        deadline=dt.date(2026, 3, 31),
        agencies=[agency["finance"], agency["dept_a"]],
        acting_user=hr_a,
    )
    draft(hr_a, agency, catalogue, staff)
    rows = dashboard(campaign, dt.date(2026, 4, 2))
    assert [(row.code, row.status, row.days_left, row.overdue) for row in rows] == [
        ("T01-SNV", "none", -2, True),
        ("T01-STC", "draft", -2, True),
    ]
    assert summary(rows)["overdue"] == 2
    with django_capture(settings):
        sent = actions.do_send_reminders(campaign=campaign, acting_user=hr_a)
    assert sent == 2
    assert len(mail.outbox) == 2
    assert "quá hạn" in mail.outbox[0].body or "còn" in mail.outbox[0].body


class django_capture:
    """Run the on-commit callbacks of the action (the tests run inside a transaction)."""

    def __init__(self, settings):
        from django.db import connection

        self.connection = connection

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for _sids, callback, _robust in list(self.connection.run_on_commit):
            callback()
        self.connection.run_on_commit.clear()
        return False
