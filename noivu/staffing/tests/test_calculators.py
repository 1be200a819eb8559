"""``manage.py calc streamlining-benefit``: the official example through the command, and bad input."""

import pytest

pytestmark = pytest.mark.django_db

OFFICIAL = {
    "policy": "early_retirement",
    "leave_date": "2025-06-01",
    "restructuring": True,
    "phase": "first_12_months",
    "salary_current": 30000000,
    "months_to_retirement": 48,
    "si_years": 35,
    "si_months": 4,
    "gender": "M",
}


def test_official_example_through_the_command(calc_command):
    output, code = calc_command("streamlining-benefit", OFFICIAL)
    assert code == 0
    result = output["result"]
    assert result["regime"] == "nd178_2024"
    assert [item["amount"] for item in result["items"]] == [1_440_000_000, 600_000_000, 382_500_000]
    assert result["total"] == 2_422_500_000
    assert result["total_text"] == "2.422.500.000 đ"
    assert result["pension_rate_percent"] == "75"  # 45 + 2 × 15.5, capped at 75
    citations = {rule["legal_basis"]["document_number"] for rule in output["explanation"]["rules"]}
    assert {"178/2024/NĐ-CP", "19/2025/TT-BQP"} <= citations
    assert output["explanation"]["steps"][0].startswith("Văn bản áp dụng: Nghị định 178/2024/NĐ-CP")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"salary_current": "30 triệu"}, "salary_current"),
        ({"months_to_retirement": None}, "months_to_retirement"),
        ({"leave_date": "31/02/2025"}, "leave_date"),
        ({"policy": "nghỉ"}, "policy"),
        ({"phase": "later"}, "phase"),
        ({"months_to_retirement": 130}, "months_to_retirement"),
        ({"si_years": 10}, "si_years"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_input_names_the_field_and_exits_2(calc_command, change, field):
    case = {**OFFICIAL, **change}
    case = {key: value for key, value in case.items() if value is not None}
    output, code = calc_command("streamlining-benefit", case)
    assert code == 2
    assert output["error"]["field"] == field
    assert output["error"]["message"]
