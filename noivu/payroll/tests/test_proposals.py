"""Step-raise proposals: the list of raises due → a proposal → its approval writing each person's new dated
step, or its return; early raises within the yearly quota; placement on a new rank. Hand-computed cases
on the scales of Nghị định 204/2004/NĐ-CP (A0, A1, A2.1)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from conftest import make_person
from noivu.core.models import AuditEvent
from noivu.payroll import actions
from noivu.payroll.engine import SalaryLaw
from noivu.payroll.models import ProposalStatus, RaiseProposal, RaiseProposalItem, SalaryHistory
from noivu.payroll.proposals import ProposalRefused, Selection
from noivu.payroll.raises import raises_due

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("read_in_december_2026")]


def salaried_person(org, name, group, step, coefficient, since, percent=0, **extra):
    person = make_person(org, name, **extra)
    SalaryHistory.objects.create(
        person=person,
        step=step,
        coefficient=Decimal(coefficient),
        seniority_percent=percent,
        effective_from=since,
        salary_group=group,
    )
    return person


def steps_of(person):
    return list(
        SalaryHistory.objects.filter(person=person)
        .order_by("effective_from")
        .values_list("step", "coefficient", "seniority_percent", "effective_from", "effective_to")
    )


def events(prefix="payroll.raises"):
    found = AuditEvent.objects.filter(event_type__startswith=prefix).order_by("pk")
    return list(found.values_list("event_type", flat=True))


def propose(tree, user, *selections, year=2026):
    return actions.do_propose_raises(
        organization=tree["province_a"], year=year, selections=list(selections), acting_user=user
    )


def test_an_approved_proposal_records_the_next_step_from_the_due_date_with_the_decision(
    salaried, tree, hr_a, approver_a
):
    an = salaried["an"]
    # An: A1 step 3 (3,00) since 1/1/2023; 36 months → step 4 (3,33) on 1/1/2026.
    proposal = propose(tree, hr_a, Selection(an.pk))
    item = proposal.items.get()
    assert (item.kind, item.effective_from, item.new_step, item.new_coefficient) == (
        "regular",
        dt.date(2026, 1, 1),
        4,
        Decimal("3.33"),
    )
    assert len(steps_of(an)) == 2  # nothing is written before the approval
    actions.do_approve_raise_proposal(
        proposal=proposal,
        decision_number="12/QĐ-UBND",
        decision_date=dt.date(2026, 2, 10),
        acting_user=approver_a,
    )
    assert steps_of(an)[-2:] == [
        (3, Decimal("3.00"), 0, dt.date(2023, 1, 1), dt.date(2025, 12, 31)),
        (4, Decimal("3.33"), 0, dt.date(2026, 1, 1), None),
    ]
    record = SalaryHistory.objects.get(person=an, step=4)
    assert (record.decision_number, record.decision_date) == ("12/QĐ-UBND", dt.date(2026, 2, 10))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED and proposal.items.get().salary_record == record
    assert events() == ["payroll.raises_proposed", "payroll.raises_approved"]
    assert AuditEvent.objects.filter(
        event_type="dossier.salary_step_recorded", target_id=str(record.pk)
    ).exists()
    assert raises_due(tree["province_a"].path, 2026, SalaryLaw.load()).is_empty()


def test_at_the_last_step_the_raise_is_five_percent_beyond_the_frame_and_never_early(tree, hr_a, approver_a):
    # A1 step 9 (4,98, the last) since 1/1/2023: 5 % beyond the frame after 36 months, on 1/1/2026.
    cuong = salaried_person(tree["dept_a"], "Phạm Văn Cường", "A1", 9, "4.98", dt.date(2023, 1, 1))
    with pytest.raises(ProposalRefused) as refused:
        propose(tree, hr_a, Selection(cuong.pk, months_early=6))
    assert "bậc cuối (bậc 9)" in str(refused.value) and "Điều 3 khoản 1" in str(refused.value)
    proposal = propose(tree, hr_a, Selection(cuong.pk))
    actions.do_approve_raise_proposal(proposal=proposal, decision_number="3/QĐ", acting_user=approver_a)
    assert steps_of(cuong)[-1] == (9, Decimal("4.98"), 5, dt.date(2026, 1, 1), None)


def test_a_step_beyond_the_last_and_a_coefficient_off_the_scale_are_refused_naming_the_rule(tree, hr_a):
    beyond = salaried_person(tree["dept_a"], "Đỗ Văn Mười", "A1", 10, "5.31", dt.date(2023, 1, 1))
    off = salaried_person(tree["dept_a"], "Vũ Thị Lệch", "A1", 3, "3.10", dt.date(2023, 1, 1))
    with pytest.raises(ProposalRefused) as refused:
        propose(tree, hr_a, Selection(beyond.pk), Selection(off.pk))
    rules = {problem.rule: problem.text() for problem in refused.value.problems}
    assert rules == {"scale": rules["scale"]} and len(refused.value.problems) == 2
    text = " ".join(problem.text() for problem in refused.value.problems)
    assert "Đỗ Văn Mười: bậc 10 vượt bậc cuối (bậc 9) của nhóm ngạch bang_2_cong_chuc.A1" in text
    assert "Vũ Thị Lệch: hệ số 3.10 không có trong bảng lương nhóm ngạch bang_2_cong_chuc.A1 ở bậc 3" in text
    assert "Nghị định 204/2004/NĐ-CP" in text
    assert not RaiseProposal.objects.exists()


def test_an_approval_refused_for_someone_no_longer_due_changes_nothing(salaried, tree, hr_a, approver_a):
    from noivu.awards.models import DisciplineRecord

    an = salaried["an"]
    proposal = propose(tree, hr_a, Selection(an.pk))
    # A warning dated within the holding period, recorded after the proposal, postpones six months.
    DisciplineRecord.objects.create(
        person=an, form="warning", decision_date=dt.date(2025, 3, 1), effective_from=dt.date(2025, 3, 1)
    )
    before = steps_of(an)
    with pytest.raises(ProposalRefused) as refused:
        actions.do_approve_raise_proposal(proposal=proposal, decision_number="12/QĐ", acting_user=approver_a)
    assert refused.value.problems[0].rule == "changed"
    assert "Nguyễn Văn An: không còn đến hạn như đề nghị" in str(refused.value)
    assert "01/07/2026" in str(refused.value)
    assert steps_of(an) == before
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED and events() == ["payroll.raises_proposed"]


def test_a_person_moved_outside_the_approvers_scope_refuses_the_approval(salaried, tree, hr_a, approver_a):
    an = salaried["an"]
    proposal = propose(tree, hr_a, Selection(an.pk))
    an.assignments.update(organization=tree["dept_b"])
    an.organization = tree["dept_b"]
    an.save()
    with pytest.raises(ProposalRefused) as refused:
        actions.do_approve_raise_proposal(proposal=proposal, decision_number="12/QĐ", acting_user=approver_a)
    assert {problem.rule for problem in refused.value.problems} == {"scope", "not_due"}
    assert "Nguyễn Văn An: ngoài phạm vi phê duyệt" in str(refused.value)
    assert len(steps_of(an)) == 2


def test_a_returned_proposal_changes_no_salary_and_its_persons_may_be_proposed_again(
    salaried, tree, hr_a, approver_a
):
    an = salaried["an"]
    proposal = propose(tree, hr_a, Selection(an.pk))
    with pytest.raises(ProposalRefused, match="đang chờ phê duyệt"):
        propose(tree, hr_a, Selection(an.pk))
    with pytest.raises(ValidationError):
        actions.do_return_raise_proposal(proposal=proposal, comment=" ", acting_user=approver_a)
    actions.do_return_raise_proposal(proposal=proposal, comment="Thiếu nhận xét", acting_user=approver_a)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.comment) == (ProposalStatus.RETURNED, "Thiếu nhận xét")
    assert len(steps_of(an)) == 2
    with pytest.raises(ValidationError, match="chỉ phê duyệt hoặc trả lại"):
        actions.do_approve_raise_proposal(proposal=proposal, decision_number="1", acting_user=approver_a)
    assert propose(tree, hr_a, Selection(an.pk)).items.count() == 1
    assert events() == ["payroll.raises_proposed", "payroll.raises_returned", "payroll.raises_proposed"]


def test_early_raises_are_dated_before_the_regular_date_within_the_yearly_quota(
    salaried, tree, hr_a, approver_a
):
    # Ten persons on province A's payroll list on 31/12/2026 (An, Bình and eight more): 10 % → 1 place.
    cuong = salaried_person(tree["dept_a"], "Phạm Văn Cường", "A1", 2, "2.67", dt.date(2024, 6, 1))
    dung = salaried_person(tree["dept_a"], "Hà Thị Dung", "A1", 2, "2.67", dt.date(2024, 9, 1))
    for number in range(6):
        salaried_person(tree["dept_a"], f"Người thứ {number}", "A1", 1, "2.34", dt.date(2025, 6, 1))
    # Cường: regular raise on 1/6/2027, 5 months lacking on 31/12/2026; 6 months early → 1/12/2026.
    first = propose(tree, hr_a, Selection(cuong.pk, 6, "Chiến sĩ thi đua cơ sở 2025"))
    # Dung: regular on 1/9/2027, 8 months lacking; 12 months early → 1/9/2026.
    second = propose(tree, hr_a, Selection(dung.pk, 12, "Bằng khen của Chủ tịch UBND tỉnh"))
    assert (first.items.get().effective_from, second.items.get().effective_from) == (
        dt.date(2026, 12, 1),
        dt.date(2026, 9, 1),
    )
    actions.do_approve_raise_proposal(proposal=first, decision_number="20/QĐ", acting_user=approver_a)
    assert steps_of(cuong)[-1] == (3, Decimal("3.00"), 0, dt.date(2026, 12, 1), None)
    with pytest.raises(ProposalRefused) as refused:
        actions.do_approve_raise_proposal(proposal=second, decision_number="21/QĐ", acting_user=approver_a)
    message = str(refused.value)
    assert "của UBND tỉnh A: đề nghị 1 người, đã phê duyệt 1 người trong năm" in message
    assert "chỉ tiêu 1 người (10% của 10 người" in message
    assert "03/2021/TT-BNV" in str(refused.value)
    assert steps_of(dung)[-1][4] is None and len(steps_of(dung)) == 1
    with pytest.raises(ProposalRefused, match="chỉ tiêu 1 người"):
        propose(tree, hr_a, Selection(dung.pk, 12), year=2026)


def test_promotion_places_on_the_nearest_higher_coefficient_and_restarts_the_clock(salaried, hr_a):
    an = salaried["an"]
    # Chuyên viên A1 step 3 (3,00) → chuyên viên chính (01.002, A2.1) on 1/3/2026: 4,40 at step 1; the
    # difference 1,40 is at least the gap of two steps of A1 (0,33): the next raise counts from 1/3/2026.
    record = actions.do_place_on_new_rank(
        person=an,
        rank_code="01.002",
        appointed_on=dt.date(2026, 3, 1),
        decision_number="7/QĐ",
        acting_user=hr_a,
    )
    assert (record.salary_group, record.step, record.coefficient, record.clock_from) == (
        "A2.1",
        1,
        Decimal("4.40"),
        None,
    )
    assert steps_of(an)[-2][4] == dt.date(2026, 2, 28)
    assert an.rank_history.get(effective_to__isnull=True).rank_code == "01.002"
    event = AuditEvent.objects.get(event_type="payroll.rank_placed")
    assert event.extra["clock_from"] == "2026-03-01" and "02/2007/TT-BNV" in event.extra["reason"]


def test_promotion_by_less_than_a_step_keeps_the_clock_for_the_next_raise_ex13(tree, hr_a):
    # Cán sự (A0) step 4 (3,03) since 1/6/2023 → chuyên viên (A1) on 1/3/2025: 3,33 at step 4; 0,30 < 0,31
    # (A0's gap): the clock stays 1/6/2023, so the next raise (step 5, 3,66) is due on 1/6/2026.
    person = salaried_person(tree["dept_a"], "Lý Văn Sự", "A0", 4, "3.03", dt.date(2023, 6, 1))
    record = actions.do_place_on_new_rank(
        person=person, rank_code="01.003", appointed_on=dt.date(2025, 3, 1), acting_user=hr_a
    )
    assert (record.step, record.coefficient, record.clock_from) == (4, Decimal("3.33"), dt.date(2023, 6, 1))
    row = raises_due(tree["province_a"].path, 2026, SalaryLaw.load()).row(0, named=True)
    assert (row["person_id"], row["due_on"], row["new_step"], row["new_coefficient_e4"]) == (
        person.pk,
        dt.date(2026, 6, 1),
        5,
        36600,
    )


def test_promotion_from_a_coefficient_off_the_scale_or_to_an_unknown_rank_is_refused(tree, hr_a):
    person = salaried_person(tree["dept_a"], "Vũ Thị Lệch", "A1", 3, "3.10", dt.date(2023, 1, 1))
    with pytest.raises(ValidationError, match="hệ số 3.10 không có trong bảng lương"):
        actions.do_place_on_new_rank(
            person=person, rank_code="01.002", appointed_on=dt.date(2026, 3, 1), acting_user=hr_a
        )
    SalaryHistory.objects.filter(person=person).update(coefficient=Decimal("3.00"))
    with pytest.raises(ValidationError, match="mã ngạch 99.999"):
        actions.do_place_on_new_rank(
            person=person, rank_code="99.999", appointed_on=dt.date(2026, 3, 1), acting_user=hr_a
        )
    assert len(steps_of(person)) == 1


def test_the_pages_take_the_due_list_to_a_proposal_an_approval_a_notice_and_a_list(
    client, salaried, tree, hr_a, approver_a
):
    an = salaried["an"]
    client.force_login(hr_a)
    page = client.get(reverse("payroll:raises"), {"organization": tree["province_a"].pk, "year": 2026})
    assert 'id="propose-raises"' in page.content.decode() and "Công chức, nhóm A1" in page.content.decode()
    answer = client.post(
        reverse("payroll:raises_propose"),
        {"organization": tree["province_a"].pk, "year": 2026, "person": [an.pk]},
    )
    proposal = RaiseProposal.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("payroll:proposal", args=[proposal.pk])
    client.force_login(approver_a)
    page = client.get(answer["Location"]).content.decode()
    assert 'id="approve-proposal"' in page and "Nguyễn Văn An" in page
    refused = client.post(reverse("payroll:proposal_approve", args=[proposal.pk]), {"decision_number": ""})
    assert "Hãy ghi số quyết định" in refused.content.decode()
    client.post(
        reverse("payroll:proposal_approve", args=[proposal.pk]),
        {"decision_number": "12/QĐ-UBND", "decision_date": "10/02/2026"},
    )
    assert SalaryHistory.objects.filter(person=an, step=4, decision_number="12/QĐ-UBND").exists()
    item = proposal.items.get()
    notice = client.get(reverse("payroll:proposal_notice", args=[item.pk]))
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(notice.content)).paragraphs)
    assert "Ông/Bà: Nguyễn Văn An" in text
    assert "Được nâng lên bậc 4, hệ số 3.33 kể từ ngày 01/01/2026." in text
    assert "Quyết định số 12/QĐ-UBND ngày 10/02/2026" in text
    assert "truy lĩnh tiền lương chênh lệch và truy đóng bảo hiểm từ tháng 01/2026 đến tháng 01/2026" in text
    sheet = client.get(reverse("payroll:proposal_sheet", args=[proposal.pk]))
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_filelike(io.BytesIO(sheet.content)).get_sheet_by_index(0).to_python()
    assert rows[1][1] == "Nguyễn Văn An" and rows[1][10] == 4 and rows[1][14] == "12/QĐ-UBND"


def test_the_api_proposes_approves_and_refuses_naming_the_person_and_rule(
    client, salaried, tree, hr_a, approver_a
):
    an, dung = salaried["an"], salaried["duc"]
    client.force_login(hr_a)
    refused = client.post(
        "/api/v1/payroll/raise-proposals",
        {"organization": "T01", "year": 2026, "persons": [{"person_id": dung.pk}]},
        content_type="application/json",
    )
    assert refused.status_code == 422
    messages = " ".join(error["message"] for error in refused.json()["errors"])
    assert f"Người có mã {dung.pk}: ngoài phạm vi thêm, sửa" in messages and "Lê Đức Dũng" not in messages
    made = client.post(
        "/api/v1/payroll/raise-proposals",
        {"organization": "T01", "year": 2026, "persons": [{"person_id": an.pk}]},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["items"][0]["new_coefficient"] == "3.33"
    client.force_login(approver_a)
    approved = client.post(
        f"/api/v1/payroll/raise-proposals/{made.json()['id']}/approve",
        {"decision_number": "12/QĐ-UBND", "decision_date": "2026-02-10"},
        content_type="application/json",
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert approved.json()["items"][0]["salary_record"] == SalaryHistory.objects.get(person=an, step=4).pk


def test_every_kind_of_raise_shows_its_legal_basis_on_the_page_and_in_the_api(
    client, salaried, tree, hr_a, approver_a
):
    an = salaried["an"]
    # Cường: A1 step 9 (the last) since 1/1/2023 → 5 % beyond the frame on 1/1/2026.
    cuong = salaried_person(tree["dept_a"], "Phạm Văn Cường", "A1", 9, "4.98", dt.date(2023, 1, 1))
    proposal = propose(tree, hr_a, Selection(an.pk), Selection(cuong.pk))
    regular = (
        "08/2013/TT-BNV, Điều 2 khoản 1; 03/2021/TT-BNV, Điều 1 (sửa đổi Thông tư 08/2013/TT-BNV Điều 2)"
    )
    seniority = (
        "204/2004/NĐ-CP, Điều 6 khoản 1 điểm a; 04/2005/TT-BNV, Mục III; "
        "03/2021/TT-BNV, Điều 2 (sửa đổi Thông tư 04/2005/TT-BNV Mục III)"
    )
    client.force_login(approver_a)
    page = client.get(reverse("payroll:proposal", args=[proposal.pk])).content.decode()
    assert page.count('class="raise-basis"') == 2
    assert f'<span class="raise-basis">{regular}</span>' in page
    assert f'<span class="raise-basis">{seniority}</span>' in page
    answer = client.get(f"/api/v1/payroll/raise-proposals/{proposal.pk}").json()
    assert {item["kind"]: item["legal_basis"] for item in answer["items"]} == {
        "regular": regular,
        "seniority": seniority,
    }


def test_an_early_raise_shows_the_circular_and_its_2021_reissue(salaried, tree, hr_a, client):
    for number in range(8):
        salaried_person(tree["dept_a"], f"Người thứ {number}", "A1", 1, "2.34", dt.date(2025, 6, 1))
    cuong = salaried_person(tree["dept_a"], "Phạm Văn Cường", "A1", 2, "2.67", dt.date(2024, 6, 1))
    proposal = propose(tree, hr_a, Selection(cuong.pk, 6, "Chiến sĩ thi đua cơ sở 2025"))
    client.force_login(hr_a)
    answer = client.get(f"/api/v1/payroll/raise-proposals/{proposal.pk}").json()
    assert answer["items"][0]["legal_basis"] == (
        "08/2013/TT-BNV, Điều 3 khoản 1; "
        "03/2021/TT-BNV, Điều 1 khoản 6 (Thông tư 08/2013/TT-BNV Điều 3 khoản 1 điểm b)"
    )


def lock_month(tree, hr_a, approver_a, month):
    run = actions.do_compute_payroll(organization=tree["province_a"], month=month, acting_user=hr_a)
    actions.do_review_payroll(run=run, acting_user=hr_a)
    return actions.do_lock_payroll(run=run, acting_user=approver_a)


def test_an_approval_whose_raise_starts_in_a_locked_payroll_month_records_it_and_owes_arrears(
    salaried, tree, hr_a, approver_a
):
    an = salaried["an"]
    # An's raise runs from 1/1/2026; December 2025 is locked (before it) and so is February 2026: the
    # locked payroll stays as it was and February is owed as arrears (test_arrears computes them).
    lock_month(tree, hr_a, approver_a, dt.date(2025, 12, 1))
    proposal = propose(tree, hr_a, Selection(an.pk))
    locked = lock_month(tree, hr_a, approver_a, dt.date(2026, 2, 1))
    paid = list(locked.lines.values_list("person_id", "step", "gross"))
    actions.do_approve_raise_proposal(proposal=proposal, decision_number="12/QĐ", acting_user=approver_a)
    assert steps_of(an)[-1][:4] == (4, Decimal("3.33"), 0, dt.date(2026, 1, 1))
    assert list(locked.lines.values_list("person_id", "step", "gross")) == paid


def test_a_locked_month_before_the_raise_does_not_stop_the_approval(salaried, tree, hr_a, approver_a):
    an = salaried["an"]
    lock_month(tree, hr_a, approver_a, dt.date(2025, 12, 1))
    proposal = propose(tree, hr_a, Selection(an.pk))
    actions.do_approve_raise_proposal(proposal=proposal, decision_number="12/QĐ", acting_user=approver_a)
    assert steps_of(an)[-1][:4] == (4, Decimal("3.33"), 0, dt.date(2026, 1, 1))


def test_no_two_consecutive_early_raises_in_the_same_rank(client, salaried, tree, hr_a, approver_a):
    # Ten persons on the payroll list: one early place a year.
    for number in range(7):
        salaried_person(tree["dept_a"], f"Người thứ {number}", "A1", 1, "2.34", dt.date(2025, 6, 1))
    cuong = salaried_person(tree["dept_a"], "Phạm Văn Cường", "A1", 2, "2.67", dt.date(2024, 6, 1))
    first = propose(tree, hr_a, Selection(cuong.pk, 6, "Chiến sĩ thi đua cơ sở 2025"))
    actions.do_approve_raise_proposal(proposal=first, decision_number="20/QĐ", acting_user=approver_a)
    # Step 3 from 1/12/2026: regular raise on 1/12/2029, 11 months lacking on 31/12/2028.
    with pytest.raises(ProposalRefused) as refused:
        propose(tree, hr_a, Selection(cuong.pk, 6, "Bằng khen"), year=2028)
    assert [problem.rule for problem in refused.value.problems] == ["early_in_a_row"]
    text = str(refused.value)
    assert "Phạm Văn Cường: bậc 3 đang hưởng là do nâng bậc lương trước thời hạn từ 01/12/2026" in text
    assert "20/QĐ" in text and "hai lần liên tiếp trong cùng ngạch" in text and "03/2021/TT-BNV" in text
    # The early-raise candidates of 2028 mark him and do not let him be chosen.
    client.force_login(hr_a)
    page = client.get(reverse("payroll:raises"), {"organization": tree["province_a"].pk, "year": 2028})
    html = page.content.decode()
    row = html[html.index('id="early-table"') :]
    row = row[: row.index("</tr>", row.index("Phạm Văn Cường"))]
    row = row[row.rindex("<tr>") :]
    assert 'class="tag is-warning is-light early-in-a-row"' in row and " disabled" in row
    # A proposal that reached the approver anyway (made before the first was approved) is refused there.
    second = RaiseProposal.objects.create(
        organization=tree["province_a"], year=2028, title="Đề nghị cũ", proposed_on=dt.date(2026, 11, 1)
    )
    line = first.items.get()
    line.pk, line.proposal, line.salary_record = None, second, None
    line.step, line.coefficient, line.clock_from = 3, Decimal("3.00"), dt.date(2026, 12, 1)
    line.regular_due, line.effective_from = dt.date(2029, 12, 1), dt.date(2029, 6, 1)
    line.new_step, line.new_coefficient = 4, Decimal("3.33")
    line.save()
    with pytest.raises(ProposalRefused, match="hai lần liên tiếp"):
        actions.do_approve_raise_proposal(proposal=second, decision_number="30/QĐ", acting_user=approver_a)
    assert steps_of(cuong)[-1] == (3, Decimal("3.00"), 0, dt.date(2026, 12, 1), None)


def test_a_regular_raise_after_an_early_one_opens_the_next_early_raise(salaried, tree, hr_a, approver_a):
    for number in range(7):
        salaried_person(tree["dept_a"], f"Người thứ {number}", "A1", 1, "2.34", dt.date(2025, 6, 1))
    cuong = salaried_person(tree["dept_a"], "Phạm Văn Cường", "A1", 2, "2.67", dt.date(2024, 6, 1))
    first = propose(tree, hr_a, Selection(cuong.pk, 6, "Chiến sĩ thi đua cơ sở 2025"))
    actions.do_approve_raise_proposal(proposal=first, decision_number="20/QĐ", acting_user=approver_a)
    regular = propose(tree, hr_a, Selection(cuong.pk), year=2029)
    actions.do_approve_raise_proposal(proposal=regular, decision_number="40/QĐ", acting_user=approver_a)
    # Step 4 from 1/12/2029: regular on 1/12/2032, 11 months lacking on 31/12/2031.
    early = propose(tree, hr_a, Selection(cuong.pk, 6, "Bằng khen"), year=2031)
    assert early.items.get().effective_from == dt.date(2032, 6, 1)


def test_the_api_gives_the_notice_and_the_list_of_an_approved_proposal_within_the_export_scope(
    client, salaried, tree, hr_a, hr_b, approver_a
):
    from python_calamine import CalamineWorkbook

    an = salaried["an"]
    proposal = propose(tree, hr_a, Selection(an.pk))
    item = proposal.items.get()
    sheet_url = f"/api/v1/payroll/raise-proposals/{proposal.pk}/list.xlsx"
    notice_url = f"/api/v1/payroll/raise-proposal-items/{item.pk}/notice.docx"
    client.force_login(approver_a)
    assert client.get(sheet_url).status_code == 404  # not approved yet
    assert client.get(notice_url).status_code == 404
    actions.do_approve_raise_proposal(
        proposal=proposal,
        decision_number="12/QĐ-UBND",
        decision_date=dt.date(2026, 2, 10),
        acting_user=approver_a,
    )
    sheet = client.get(sheet_url)
    assert sheet.status_code == 200 and sheet["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(sheet.content)).get_sheet_by_index(0).to_python()
    assert rows[1][1] == "Nguyễn Văn An" and rows[1][14] == "12/QĐ-UBND"
    assert rows[1][15].startswith("08/2013/TT-BNV, Điều 2 khoản 1")
    notice = client.get(notice_url)
    assert notice["Content-Disposition"] == f'attachment; filename="thong-bao-nang-bac-luong-{item.pk}.docx"'
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(notice.content)).paragraphs)
    assert "Ông/Bà: Nguyễn Văn An" in text and "Quyết định số 12/QĐ-UBND ngày 10/02/2026" in text
    exported = AuditEvent.objects.filter(event_type="data.exported").order_by("pk")
    assert list(exported.values_list("channel", flat=True)) == ["api", "api"]
    client.force_login(hr_b)  # another province: neither file exists for them
    assert client.get(sheet_url).status_code == 404 and client.get(notice_url).status_code == 404
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/payroll/raise-proposal-items/{item_id}/notice.docx"]["get"]
    assert (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        in (operation["responses"]["200"]["content"])
    )
    assert set(operation["responses"]) == {"200", "401", "404", "422"}


def test_a_returned_proposal_is_edited_and_resubmitted_with_its_history(salaried, tree, hr_a, approver_a):
    an = salaried["an"]
    for number in range(7):
        salaried_person(tree["dept_a"], f"Người thứ {number}", "A1", 1, "2.34", dt.date(2025, 6, 1))
    cuong = salaried_person(tree["dept_a"], "Phạm Văn Cường", "A1", 2, "2.67", dt.date(2024, 6, 1))
    dung = salaried_person(tree["dept_a"], "Hà Thị Dung", "A1", 2, "2.67", dt.date(2024, 9, 1))
    proposal = propose(tree, hr_a, Selection(an.pk), Selection(cuong.pk, 6, "Chiến sĩ thi đua"))
    with pytest.raises(ValidationError, match="chỉ sửa và trình lại đề nghị bị trả lại"):
        actions.do_resubmit_raise_proposal(proposal=proposal, selections=[Selection(an.pk)], acting_user=hr_a)
    actions.do_return_raise_proposal(
        proposal=proposal, comment="Thay Cường bằng Dung", acting_user=approver_a
    )
    # An (regular) stays, Cường is removed, Dung is added early by 12 months; the title changes.
    with pytest.raises(ProposalRefused, match="chỉ tiêu 1 người"):
        actions.do_resubmit_raise_proposal(
            proposal=proposal,
            selections=[Selection(an.pk), Selection(cuong.pk, 6, "x"), Selection(dung.pk, 12, "y")],
            acting_user=hr_a,
        )
    assert proposal.items.count() == 2  # refused as a whole, nothing changed
    actions.do_resubmit_raise_proposal(
        proposal=proposal,
        selections=[Selection(an.pk), Selection(dung.pk, 12, "Bằng khen của Chủ tịch UBND tỉnh")],
        title="Nâng bậc lương 2026 (trình lại)",
        acting_user=hr_a,
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.title, proposal.comment) == (
        ProposalStatus.SUBMITTED,
        "Nâng bậc lương 2026 (trình lại)",
        "",
    )
    lines = {item.person_id: item for item in proposal.items.all()}
    assert set(lines) == {an.pk, dung.pk}
    assert (lines[dung.pk].kind, lines[dung.pk].effective_from, lines[dung.pk].achievement) == (
        "early",
        dt.date(2026, 9, 1),
        "Bằng khen của Chủ tịch UBND tỉnh",
    )
    event = AuditEvent.objects.filter(event_type="payroll.raises_resubmitted").get()
    assert (event.extra["added"], event.extra["removed"], event.extra["changed"]) == (
        [dung.pk],
        [cuong.pk],
        [],
    )
    assert event.extra["returned_comment"] == "Thay Cường bằng Dung"
    history = RaiseProposalItem.history.filter(proposal_id=proposal.pk)
    assert history.filter(person_id=cuong.pk, history_type="-").exists()
    assert history.filter(person_id=dung.pk, history_type="+").exists()
    # Returned again: Dung's achievement and months change in place.
    actions.do_return_raise_proposal(proposal=proposal, comment="Sửa thành tích", acting_user=approver_a)
    actions.do_resubmit_raise_proposal(
        proposal=proposal,
        selections=[Selection(an.pk), Selection(dung.pk, 9, "Chiến sĩ thi đua cơ sở")],
        acting_user=hr_a,
    )
    kept = proposal.items.get(person=dung)
    assert (kept.pk, kept.months_early, kept.effective_from) == (lines[dung.pk].pk, 9, dt.date(2026, 12, 1))
    assert history.filter(person_id=dung.pk, history_type="~", achievement="Chiến sĩ thi đua cơ sở").exists()
    actions.do_approve_raise_proposal(proposal=proposal, decision_number="25/QĐ", acting_user=approver_a)
    assert steps_of(dung)[-1][:4] == (3, Decimal("3.00"), 0, dt.date(2026, 12, 1))
    assert events()[-3:] == [
        "payroll.raises_returned",
        "payroll.raises_resubmitted",
        "payroll.raises_approved",
    ]


def test_the_returned_proposal_is_edited_on_its_page_and_through_the_api(
    client, salaried, tree, hr_a, approver_a
):
    an = salaried["an"]
    cuong = salaried_person(tree["dept_a"], "Phạm Văn Cường", "A1", 9, "4.98", dt.date(2023, 1, 1))
    proposal = propose(tree, hr_a, Selection(an.pk))
    actions.do_return_raise_proposal(proposal=proposal, comment="Thiếu người", acting_user=approver_a)
    client.force_login(hr_a)
    page = client.get(reverse("payroll:proposal", args=[proposal.pk])).content.decode()
    assert 'id="proposal-edit"' in page
    edit = client.get(reverse("payroll:proposal_edit", args=[proposal.pk])).content.decode()
    assert "Thiếu người" in edit and f'name="person" value="{cuong.pk}"' in edit
    answer = client.post(
        reverse("payroll:proposal_edit", args=[proposal.pk]), {"person": [an.pk, cuong.pk], "title": ""}
    )
    assert answer.status_code == 302
    assert set(proposal.items.values_list("person_id", "kind")) == {
        (an.pk, "regular"),
        (cuong.pk, "seniority"),
    }
    assert client.get(reverse("payroll:proposal_edit", args=[proposal.pk])).status_code == 404
    actions.do_return_raise_proposal(proposal=proposal, comment="Bỏ An", acting_user=approver_a)
    refused = client.post(
        f"/api/v1/payroll/raise-proposals/{proposal.pk}/resubmit",
        {"persons": []},
        content_type="application/json",
    )
    assert (
        refused.status_code == 422 and "Hãy chọn ít nhất một người" in refused.json()["errors"][0]["message"]
    )
    made = client.post(
        f"/api/v1/payroll/raise-proposals/{proposal.pk}/resubmit",
        {"persons": [{"person_id": cuong.pk}]},
        content_type="application/json",
    )
    assert made.status_code == 200 and made.json()["status"] == "submitted"
    assert [item["person_id"] for item in made.json()["items"]] == [cuong.pk]


def test_a_large_units_raise_list_posts_without_hitting_the_form_field_limit(client, tree, hr_a):
    """500 rows with their months early and achievement are 1,500 fields: more than Django's default."""
    client.force_login(hr_a)
    rows = range(900_001, 900_501)
    form = {"organization": tree["province_a"].pk, "year": 2026, "person": [str(pk) for pk in rows]}
    form |= {f"early_{pk}": "12" for pk in rows} | {f"achievement_{pk}": "" for pk in rows}

    answer = client.post(reverse("payroll:raises_propose"), form)

    assert answer.status_code == 200
    assert not RaiseProposal.objects.exists()
