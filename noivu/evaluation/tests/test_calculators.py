"""``calc evaluation``: a hand-computed quarter under Nghị định 335/2025, a year under Nghị định 90/2020 and
the refusals naming the field."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from noivu.core.calculation import CaseError, run

pytestmark = pytest.mark.django_db


def test_a_quarter_of_2026_is_scored_component_by_component():
    case = {
        "date": "31/03/2026",
        "general_points": 27,
        "tasks": {"assigned": 20, "finished": 20, "with_quality": 19, "on_time": 18},
    }
    result = run("evaluation", case)["result"]
    # (100 + 95 + 90) / 3 × 0.70 = 66.50; + 27 = 93.50 → HTXS.
    assert (result["regime"], result["score"], result["rating"]) == ("ND335_2025", "93.50", "HTXS")
    assert result["components"]["tasks"] == "66.50"


def test_a_discipline_makes_the_level_not_completed_whatever_the_score():
    case = {
        "date": "2026-06-30",
        "general_points": 30,
        "overriding_reason": "bị khiển trách",
        "tasks": {"assigned": 5, "finished": 5, "with_quality": 5, "on_time": 5},
    }
    assert run("evaluation", case)["result"]["rating"] == "KHT"


def test_a_year_of_2025_is_rated_by_criteria():
    case = {
        "date": "2025-12-31",
        "criteria": {"general_criteria_met": True, "tasks_total": 10, "tasks_on_time_with_quality": 9},
    }
    assert run("evaluation", case)["result"]["rating"] == "HT"


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ({"date": "2026-12-31", "score": 101}, "score"),
        ({"date": "2025-12-31"}, "criteria"),
        ({"date": "2026-03-31", "general_points": 31, "tasks": {"assigned": 1}}, "general_points"),
        (
            {"date": "2026-03-31", "general_points": 20, "tasks": {"assigned": 1, "finished": 2}},
            "tasks.finished",
        ),
        ({"date": "2018-12-31", "score": 80}, "date"),
    ],
)
def test_bad_input_names_the_field(case, field):
    with pytest.raises(CaseError) as refused:
        run("evaluation", case)
    assert refused.value.field == field


def test_the_command_answers_json(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(
        json.dumps({"date": "2026-12-31", "category": "public_employee", "period_scores": [92, 88, 90, 91]})
    )
    out = StringIO()
    call_command("calc", "evaluation", "--json", str(path), stdout=out)
    assert json.loads(out.getvalue())["result"]["score"] == "90.25"
