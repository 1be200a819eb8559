"""``calc exam-result``: a hand-computed written + interview exam with a priority ground, and refusals
naming the field."""

import pytest

from noivu.core.calculation import CaseError, run

pytestmark = pytest.mark.django_db


def test_a_written_and_interview_exam_with_priority_points():
    case = {
        "date": "2026-05-10",
        "exam_form": "written_interview",
        "scores": {"general": 35, "written": 62, "interview": 80},
        "priority_grounds": ["service_completed", "ethnic_minority"],
    }
    answer = run("exam-result", case)
    result = answer["result"]
    # 62 × 0.7 + 80 × 0.3 = 67.4; + 5 (the higher ground) = 72.4. Round 1: 35 ≥ 50? No → fails.
    assert (result["score"], result["priority_points"], result["total"]) == (67.4, 5.0, 72.4)
    assert result["passed"] is False and "vòng 1" in result["reason"]
    assert any(
        rule["legal_basis"]["document_number"] == "170/2025/NĐ-CP" for rule in answer["explanation"]["rules"]
    )


def test_a_selection_without_round_one_passes_with_fifty_points():
    result = run(
        "exam-result", {"date": "2026-05-10", "method": "selection", "scores": {"professional": 50}}
    )["result"]
    assert result["passed"] is True and result["total"] == 50.0


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ({"date": "2026-05-10", "scores": {"professional": 101}}, "scores.professional"),
        (
            {"date": "2026-05-10", "scores": {"professional": 70}, "priority_grounds": ["vip"]},
            "priority_grounds[0]",
        ),
        (
            {"date": "2026-05-10", "exam_form": "written_interview", "scores": {"written": 70}},
            "scores.interview",
        ),
        ({"date": "2026-05-10", "staff_kind": "cadre", "scores": {"professional": 70}}, "staff_kind"),
    ],
)
def test_bad_input_names_the_field(case, field):
    with pytest.raises(CaseError) as error:
        run("exam-result", case)
    assert error.value.field == field


def test_the_command_exits_with_two_on_bad_input(calc_command):
    output, code = calc_command("exam-result", {"date": "2026-05-10", "scores": {"professional": -1}})
    assert code == 2 and output["error"]["field"] == "scores.professional"
