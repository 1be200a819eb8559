"""The planning rules (age, rank, ratings, discipline) and the yearly training requirement, hand-computed."""

import datetime as dt
from typing import Any

import pytest

from noivu.succession import engine
from noivu.succession.models import LeadershipLevel

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 30)
LEVEL = LeadershipLevel.DIVISION_HEAD


def facts(**changes: Any) -> engine.Facts:
    values: dict[str, Any] = {
        "birth_date": dt.date(1980, 5, 10),
        "gender": "M",
        "ratings": {2024: "HTT", 2025: "HTXS"},
        "rank_code": "01.003",
        "rank_group": "A1",
    }
    values.update(changes)
    return engine.Facts(**values)


def failed(found: engine.Eligibility) -> list[str]:
    return [reason.code for reason in found.reasons if not reason.met]


def test_a_civil_servant_rated_well_and_young_enough_may_be_planned():
    found = engine.eligibility(facts(), LEVEL, 2026, DAY, engine.tables())
    assert found.eligible and failed(found) == []


def test_a_man_retiring_before_the_end_of_the_term_may_not_be_planned():
    # Born 06/1968: 62 years in 06/2030 (Nghị định 135/2020 roadmap), before 01/01/2031, the end of one term.
    found = engine.eligibility(facts(birth_date=dt.date(1968, 6, 20)), LEVEL, 2026, DAY, engine.tables())
    assert failed(found) == ["age"]
    assert "30/06/2030" in found.refusals()[0]
    # Born 01/1970: 62 years in 01/2032, after the term.
    assert engine.eligibility(
        facts(birth_date=dt.date(1970, 1, 15)), LEVEL, 2026, DAY, engine.tables()
    ).eligible


def test_a_missing_or_low_rating_of_the_last_two_years_bars_planning():
    found = engine.eligibility(facts(ratings={2025: "HT"}), LEVEL, 2026, DAY, engine.tables())
    assert failed(found) == ["rating", "rating"]
    assert "Chưa có kết quả xếp loại năm 2024" in found.refusals()[0]
    assert "Hoàn thành nhiệm vụ, thấp hơn" in found.refusals()[1]


def test_a_reprimand_within_a_year_bars_planning_and_an_older_one_does_not():
    recent = engine.eligibility(
        facts(disciplines=[(dt.date(2026, 3, 1), "reprimand")]), LEVEL, 2026, DAY, engine.tables()
    )
    assert failed(recent) == ["discipline"] and "Khiển trách" in recent.refusals()[0]
    old = engine.eligibility(
        facts(disciplines=[(dt.date(2024, 3, 1), "reprimand")]), LEVEL, 2026, DAY, engine.tables()
    )
    assert old.eligible


def test_a_department_post_asks_a_principal_rank():
    found = engine.eligibility(facts(), LeadershipLevel.DEPARTMENT_HEAD, 2026, DAY, engine.tables())
    assert failed(found) == ["rank"] and "A2.2" in found.refusals()[0]


def test_the_limit_per_position_is_four_under_rule_50_and_three_under_rule_377():
    limits = engine.tables()[engine.LIMITS]
    before = limits.lookup("max_candidates_per_position", dt.date(2025, 10, 7))
    after = limits.lookup("max_candidates_per_position", dt.date(2025, 10, 8))
    assert (before.value, before.legal_basis.document_number) == (4, "50-QĐ/TW")
    assert (after.value, after.legal_basis.document_number) == (3, "377-QĐ/TW")


def test_readiness_lists_the_programmes_still_needed():
    ready = engine.readiness(facts(programmes={"leadership_division"}), LEVEL, 2026, DAY, engine.tables())
    assert ready.missing_programmes == ["political_intermediate", "state_management"]
    assert ready.label == "Cần bồi dưỡng thêm"
    done = facts(programmes={"leadership_division", "political_intermediate", "state_management"})
    assert engine.readiness(done, LEVEL, 2026, DAY, engine.tables()).ready


def test_training_hours_count_the_courses_ending_in_the_year_against_the_requirement(tree):
    from conftest import make_person
    from noivu.personnel.models import Person
    from noivu.succession.models import TrainingCourse

    full = make_person(tree["dept_a"], "Nguyễn Văn Đủ")
    short = make_person(tree["dept_a"], "Trần Văn Thiếu")
    contract = make_person(tree["dept_a"], "Lê Văn Hợp Đồng", category="contract")
    for person, periods, end in (
        (full, 24, dt.date(2025, 3, 10)),
        (full, 16, dt.date(2025, 11, 2)),
        (short, 24, dt.date(2025, 6, 1)),
        (short, 40, dt.date(2024, 12, 31)),  # last year's: not counted
        (contract, 8, dt.date(2025, 6, 1)),
    ):
        TrainingCourse.objects.create(
            person=person, name="Bồi dưỡng", start_date=end, end_date=end, periods=periods
        )
    rows = engine.training_hours(Person.objects.filter(pk__in=[full.pk, short.pk, contract.pk]), 2025)
    found = {row.pk: (row.periods_done, row.periods_required, row.periods_missing) for row in rows}
    assert found == {full.pk: (40, 40, 0), short.pk: (24, 40, 16), contract.pk: (8, None, 0)}
    assert engine.training_summary(rows) == {"persons": 3, "required": 2, "met": 1, "missing": 1}
