"""``calc planning-eligibility``: a hand-computed case, a refusal by age and rating, and bad input naming
the field."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from noivu.core.calculation import CaseError, run

pytestmark = pytest.mark.django_db
CASE = {
    "birth_date": "1980-05-10",
    "gender": "M",
    "date": "2026-11-30",
    "term_start": 2026,
    "rank_code": "01.003",
    "ratings": {"2024": "HTT", "2025": "HTXS"},
}


def test_a_specialist_may_be_planned_for_a_division_but_not_a_department():
    result = run("planning-eligibility", CASE)["result"]
    assert result["eligible_levels"] == ["division_head", "division_deputy"]
    head = next(row for row in result["levels"] if row["level"] == "department_head")
    assert [r["code"] for r in head["reasons"] if not r["met"]] == ["rank"]
    division = next(row for row in result["levels"] if row["level"] == "division_head")
    assert division["missing_programmes"] == [
        "leadership_division",
        "political_intermediate",
        "state_management",
    ]


def test_a_man_born_in_1966_and_a_low_rating_are_refused_with_reasons():
    # Born 01/1966: 61 years 9 months reached in 10/2027 (roadmap of Nghị định 135/2020), before 01/01/2031.
    case = {
        **CASE,
        "birth_date": "1966-01-20",
        "ratings": {"2024": "HT", "2025": "HTT"},
        "levels": ["division_head"],
    }
    row = run("planning-eligibility", case)["result"]["levels"][0]
    failed = {r["code"]: r["message"] for r in row["reasons"] if not r["met"]}
    assert set(failed) == {"age", "rating"}
    assert "không đủ tuổi công tác trọn 1 nhiệm kỳ từ năm 2026" in failed["age"]
    assert "Năm 2024 xếp loại Hoàn thành nhiệm vụ" in failed["rating"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"term_start": "2026"}, "term_start"),
        ({"ratings": {"2025": "TOT"}}, "ratings.2025"),
        ({"rank_code": "99.999"}, "rank_code"),
        ({"programmes": ["cao_cap"]}, "programmes"),
        ({"gender": "X"}, "gender"),
        ({"disciplines": [{"date": "2026-01-01", "form": "fine"}]}, "disciplines[0].form"),
    ],
)
def test_bad_input_names_the_field(change, field):
    with pytest.raises(CaseError) as refused:
        run("planning-eligibility", {**CASE, **change})
    assert refused.value.field == field


def test_the_command_prints_json(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE))
    out = StringIO()
    call_command("calc", "planning-eligibility", "--json", str(path), stdout=out)
    assert json.loads(out.getvalue())["calculator"] == "planning-eligibility"
