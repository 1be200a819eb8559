import json
from io import StringIO

import pytest
from django.core.management import call_command

from noivu.core import calculation

pytestmark = pytest.mark.django_db


def run(case: dict) -> dict:
    return calculation.run("salary", case)


def test_the_salary_calculator_itemises_the_pay_of_ex15():
    output = run(
        {
            "on": "01/03/2026",
            "rank_code": "01.002",
            "step": 3,
            "leadership": "ubnd_xa.truong_phong.other",
            "base_salary": 2340000,
        }
    )
    result = output["result"]
    amounts = {component["code"]: component["amount"] for component in result["components"]}
    assert amounts == {"salary": 11887200, "leadership": 585000, "public_duty": 3118050}
    assert result["insurance_base"] == 12472200 and result["employee_deductions"] == 997776 + 187083
    assert all(component["legal_basis"] for component in result["components"])
    assert output["explanation"]["steps"]


def test_the_calculator_takes_the_base_salary_of_the_date_and_lists_its_rule():
    output = run(
        {"on": "2026-07-15", "scale": "bang_2_cong_chuc.A1", "coefficient": "2.34", "public_duty": False}
    )
    assert output["result"]["gross"] == 5920200  # 2.34 × 2,530,000
    assert any(rule["table"] == "base_salary" for rule in output["explanation"]["rules"])


def test_the_command_answers_json_and_names_the_field_of_bad_input(tmp_path):
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"on": "2026-03-01", "scale": "bang_2_cong_chuc.A1", "step": 12}))
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_code:
        call_command("calc", "salary", "--json", str(case), stdout=out, stderr=err)
    assert exit_code.value.code == 2
    error = json.loads(out.getvalue() or err.getvalue())["error"]
    assert error["field"] == "step" and "bậc cuối" in error["message"]


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ({"scale": "bang_2_cong_chuc.A1", "step": 1}, "on"),
        ({"on": "2026-01-01", "scale": "bang_2_cong_chuc.A1", "step": "3"}, "step"),
        (
            {
                "on": "2026-01-01",
                "scale": "bang_2_cong_chuc.A1",
                "step": 1,
                "allowances": [{"kind": "regional"}],
            },
            "allowances[0]",
        ),
        (
            {"on": "2026-01-01", "scale": "bang_2_cong_chuc.A1", "step": 1, "coefficient": "abc"},
            "coefficient",
        ),
    ],
)
def test_bad_cases_name_their_field(case, field):
    with pytest.raises(calculation.CaseError) as refused:
        run(case)
    assert refused.value.field == field


def test_the_rank_placement_calculator_places_ex02_with_its_rule():
    # A1 step 9 (4,98) + 7 % = 5,33 → the nearest equal or higher of A2.2 is 5,36 at step 5; the clock
    # restarts on the appointment (Thông tư 02/2007/TT-BNV Mục II khoản 1 điểm b).
    output = calculation.run(
        "rank-placement",
        {
            "on": "2025-09-01",
            "old_scale": "bang_3_vien_chuc.A1",
            "old_step": 9,
            "old_seniority_percent": 7,
            "old_since": "2018-01-01",
            "new_scale": "bang_3_vien_chuc.A2.2",
        },
    )
    assert output["result"] == {
        "scale": "bang_3_vien_chuc.A2.2",
        "step": 5,
        "coefficient": "5.36",
        "reserved_coefficient": "0",
        "seniority_percent": 0,
        "old_total": "5.33",
        "clock_from": "2025-09-01",
    }
    assert "02/2007/TT-BNV" in output["explanation"]["steps"][0]


def test_the_rank_placement_calculator_names_a_bad_field(calc_command):
    output, code = calc_command(
        "rank-placement",
        {
            "on": "2025-09-01",
            "old_rank_code": "01.003",
            "old_step": 12,
            "old_since": "2020-01-01",
            "new_rank_code": "01.002",
        },
    )
    assert code == 2 and output["error"]["field"] == "old_step"
