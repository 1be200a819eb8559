"""The ranking engine: the pass rule, priority points (only the highest ground), the weighting of a written
exam with an interview, the tie-breaks of Nghị định 170/2025 and 115/2020, and a tie at the last place of
the quota left to the head. Hand-computed cases."""

import datetime as dt

import polars as pl
import pytest

from noivu.recruitment import ranking

pytestmark = pytest.mark.django_db


def frame(rows: list[dict]) -> pl.DataFrame:
    base = {
        "position_id": 1,
        "quota": 2,
        "exam_form": "single",
        "round1": False,
        "eligible": True,
        "general_exempt": False,
        "grounds": [],
        "general": None,
        "professional": None,
        "written": None,
        "interview": None,
    }
    return pl.DataFrame([{**base, **row} for row in rows], schema=ranking.SCHEMA)


def ranked(
    rows: list[dict], kind: str = "civil_servant", day: dt.date = dt.date(2026, 5, 10)
) -> dict[int, dict]:
    out = ranking.rank(frame(rows), ranking.Rules.load(kind, day))
    return {row["candidate_id"]: row for row in out.iter_rows(named=True)}


def test_only_the_highest_priority_ground_counts_and_a_tie_goes_to_the_higher_exam_score():
    rows = ranked(
        [
            {"candidate_id": 1, "professional": 80.0},
            # 2.5 (military service) and 5 (ethnic minority): only 5 counts → 75.
            {"candidate_id": 2, "professional": 70.0, "grounds": ["service_completed", "ethnic_minority"]},
            # 67.5 + 7.5 (hero) = 75: equal total, lower exam score → after candidate 2.
            {"candidate_id": 3, "professional": 67.5, "grounds": ["hero"]},
            {"candidate_id": 4, "professional": 49.99, "grounds": ["hero"]},
        ]
    )
    assert (rows[2]["priority"], rows[2]["total"], rows[3]["total"]) == (5.0, 75.0, 75.0)
    assert [rows[i]["rank"] for i in (1, 2, 3)] == [1, 2, 3]
    assert [rows[i]["winner"] for i in (1, 2, 3)] == [True, True, False]
    # Priority points never lift a score below 50 over the threshold.
    assert rows[4]["reason"] == "minimum" and rows[4]["rank"] is None


def test_written_and_interview_are_weighted_and_each_part_needs_half_the_points():
    rows = ranked(
        [
            {"candidate_id": 1, "exam_form": "written_interview", "written": 80.0, "interview": 70.0},
            {"candidate_id": 2, "exam_form": "written_interview", "written": 90.0, "interview": 45.0},
        ]
    )
    assert rows[1]["score"] == 77.0  # 80 × 0.7 + 70 × 0.3
    assert rows[2]["score"] == 76.5 and rows[2]["reason"] == "part"


def test_a_tie_on_every_key_at_the_last_place_is_left_to_the_head():
    rows = ranked(
        [
            {"candidate_id": 1, "exam_form": "written_interview", "written": 80.0, "interview": 70.0},
            {"candidate_id": 2, "exam_form": "written_interview", "written": 70.0, "interview": 90.0},
            {"candidate_id": 3, "exam_form": "written_interview", "written": 70.0, "interview": 90.0},
        ]
    )
    assert rows[2]["rank"] == rows[3]["rank"] == 2
    assert rows[2]["needs_decision"] and rows[3]["needs_decision"] and not rows[2]["winner"]


def test_under_decree_138_the_written_score_does_not_break_ties():
    rules = ranking.Rules.load("civil_servant", dt.date(2025, 3, 1))
    assert rules.tie_break == ("professional",)
    assert rules.sources[0].legal_basis.document_number == "138/2020/NĐ-CP"


def test_public_employees_break_ties_by_the_round_one_score_and_an_exemption_skips_round_one():
    rows = ranked(
        [
            {"candidate_id": 1, "round1": True, "general": 60.0, "professional": 70.0},
            {"candidate_id": 2, "round1": True, "general": 80.0, "professional": 70.0},
            {"candidate_id": 3, "round1": True, "general_exempt": True, "professional": 60.0},
            {"candidate_id": 4, "round1": True, "general": 40.0, "professional": 99.0},
            {"candidate_id": 5, "eligible": False, "professional": 99.0},
        ],
        kind="public_employee",
    )
    assert [rows[i]["rank"] for i in (2, 1, 3)] == [1, 2, 3]
    assert rows[4]["reason"] == "round1" and rows[5]["reason"] == "ineligible"
