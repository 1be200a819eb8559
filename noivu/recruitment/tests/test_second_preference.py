"""Second preferences (nguyện vọng 2): who may register one (Nghị định 115/2020/NĐ-CP Điều 15 khoản 6 as
amended by 85/2023; none for civil servants under Nghị định 170/2025/NĐ-CP), the seats left after every
first preference offered by the same total and tie-breaks (Điều 10 khoản 3), and the decision placing the
winner in the second position. Hand-computed cases."""

import datetime as dt

import polars as pl
import pytest
from django.core.exceptions import ValidationError

from noivu.core.models import AuditEvent
from noivu.personnel.models import Assignment
from noivu.recruitment import actions, ranking
from noivu.recruitment.models import Candidate, PlanPosition
from noivu.recruitment.tests import factories
from noivu.recruitment.tests.test_ranking import frame

pytestmark = pytest.mark.django_db

AFTER_85_2023 = dt.date(2026, 5, 10)


def ranked(rows: list[dict], kind: str = "public_employee", day: dt.date = AFTER_85_2023) -> dict[int, dict]:
    out = ranking.rank(frame(rows), ranking.Rules.load(kind, day))
    return {row["candidate_id"]: row for row in out.iter_rows(named=True)}


# Position 1 has 2 seats and 4 candidates above 50; position 2 has 2 seats and one candidate above 50 (and
# one below), so 1 seat is left; position 3 (1 seat) has no first-preference candidate at all.
ROUND = [
    {"candidate_id": 1, "professional": 80.0},
    {"candidate_id": 2, "professional": 75.0},
    {"candidate_id": 3, "professional": 70.0, "second_position_id": 2, "second_quota": 2},
    {"candidate_id": 4, "professional": 60.0, "second_position_id": 2, "second_quota": 2},
    {"candidate_id": 5, "professional": 55.0, "second_position_id": 3, "second_quota": 1},
    {"candidate_id": 6, "position_id": 2, "professional": 65.0},
    # Below 50: never considered, whatever seats are left at its second position.
    {"candidate_id": 7, "position_id": 2, "professional": 45.0, "second_position_id": 3, "second_quota": 1},
]


def test_the_seats_left_after_the_first_preferences_go_to_the_best_second_preferences():
    rows = ranked(ROUND)
    assert [i for i, row in rows.items() if row["winner"]] == [1, 2, 6]
    # Position 2: 2 seats − 1 first-preference candidate above 50 = 1 seat; 70 before 60.
    assert (rows[3]["second_rank"], rows[3]["second_winner"]) == (1, True)
    assert (rows[4]["second_rank"], rows[4]["second_winner"]) == (2, False)
    # Position 3: no first-preference candidate, so its seat goes to 55.
    assert (rows[5]["second_rank"], rows[5]["second_winner"]) == (1, True)
    assert rows[7]["second_rank"] is None and not rows[7]["second_winner"]
    assert any("Nguyện vọng 2: thứ hạng 1" in step for step in ranking.explain(rows[3], _rules()))


def test_no_second_preference_counts_where_the_rule_in_force_allows_none():
    # Civil servants under Nghị định 170/2025, and public employees before Nghị định 85/2023.
    for kind, day in (("civil_servant", AFTER_85_2023), ("public_employee", dt.date(2023, 6, 1))):
        rows = ranked(ROUND, kind, day)
        assert not any(row["second_winner"] or row["second_rank"] for row in rows.values())


def test_a_tie_at_the_last_seat_left_is_the_heads_and_a_first_preference_tie_is_settled_first():
    rows = [
        {"candidate_id": 1, "professional": 80.0, "second_position_id": 2, "second_quota": 2},
        {"candidate_id": 2, "professional": 80.0, "second_position_id": 2, "second_quota": 2},
        {"candidate_id": 3, "professional": 66.0, "second_position_id": 2, "second_quota": 2},
        {"candidate_id": 4, "professional": 66.0, "second_position_id": 2, "second_quota": 2},
        {"candidate_id": 5, "position_id": 2, "professional": 90.0},
    ]
    quota_one = [{**row, "quota": 1} if row.get("position_id", 1) == 1 else row for row in rows]
    first = ranking.rank(frame(quota_one), _rules())
    by_id = {row["candidate_id"]: row for row in first.iter_rows(named=True)}
    assert by_id[1]["needs_decision"] and by_id[2]["needs_decision"]
    # Once the head picks 1, candidate 2 takes the seat left at position 2, ahead of the 66 tie.
    settled = ranking.second_preferences(
        first.drop(actions.SECOND_COLUMNS), _rules(), first_winners={1, 5}
    ).filter(pl.col("second_winner"))
    assert settled["candidate_id"].to_list() == [2]
    # Without the 80s, 3 and 4 tie across the one seat left: the head decides.
    leader = {"candidate_id": 9, "quota": 1, "professional": 95.0}
    tie = ranked([leader, *({**row, "quota": 1} for row in rows if row["candidate_id"] in (3, 4)), rows[4]])
    assert tie[3]["second_needs_decision"] and tie[4]["second_needs_decision"]
    assert not tie[3]["second_winner"]


def _rules() -> ranking.Rules:
    return ranking.Rules.load("public_employee", AFTER_85_2023)


def _public_employee_plan(organization, quota: int = 1):
    plan = factories.plan(organization, quota=quota)
    plan.staff_kind = "public_employee"
    plan.save()
    second = PlanPosition.objects.create(plan=plan, code="TD02", name="Kế toán", quota=1, round1=False)
    return plan, plan.positions.get(code="TD01"), second


def test_a_second_preference_is_refused_naming_the_rule(tree, hr_a):
    plan, first, second = _public_employee_plan(tree["dept_a"])
    values = {**factories.APPLICANT, "second_position": first}
    with pytest.raises(ValidationError, match="phải khác vị trí nguyện vọng 1"):
        actions.do_add_candidate(plan=plan, position=first, values=values, acting_user=hr_a)
    second.field_of_study = "Kế toán"
    second.save()
    values["second_position"] = second
    with pytest.raises(ValidationError, match="cùng tiêu chuẩn.*115/2020/NĐ-CP"):
        actions.do_add_candidate(plan=plan, position=first, values=values, acting_user=hr_a)
    plan.staff_kind = "civil_servant"
    plan.save()
    with pytest.raises(ValidationError, match="không cho đăng ký nguyện vọng 2.*170/2025/NĐ-CP"):
        actions.do_add_candidate(plan=plan, position=first, values=values, acting_user=hr_a)
    assert not Candidate.objects.exists()


def test_a_second_preference_winner_is_recruited_into_the_second_position(tree, hr_a, approver_a):
    plan, first, second = _public_employee_plan(tree["dept_a"])
    factories.candidate(plan, "Nguyễn Văn Một", "001098000001", score=81)
    runner_up = factories.candidate(plan, "Nguyễn Văn Hai", "001098000002", score=70, second_position=second)
    recognition = {"result_number": "20/QĐ", "result_date": dt.date(2027, 1, 25)}
    passed = actions.do_recognise_results(plan=plan, acting_user=approver_a, **recognition)
    assert len(passed) == 2
    runner_up.refresh_from_db()
    assert (runner_up.status, runner_up.won_second) == ("passed", True)
    event = AuditEvent.objects.get(event_type="recruitment.results_recognised")
    assert event.extra["second_preference"] == [runner_up.pk]
    actions.do_decide_recruitment(
        plan=plan,
        decision_number="25/QĐ",
        decision_date=dt.date(2027, 2, 1),
        start_date=dt.date(2027, 3, 1),
        acting_user=hr_a,
    )
    assert Assignment.objects.get(person__cccd_number="001098000002").position_title == "Kế toán"
