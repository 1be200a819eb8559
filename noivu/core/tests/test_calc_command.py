import io
import json

import pytest
from django.core.management import call_command

from noivu.core.calculation import CaseError, run


@pytest.mark.django_db
def test_base_salary_calculator_explains_itself(calc_command):
    output, code = calc_command("base-salary", {"date": "01/07/2026"})
    assert code == 0
    assert output["calculator"] == "base-salary"
    assert output["result"]["amount"] == 2_530_000
    (rule,) = output["explanation"]["rules"]
    assert rule["legal_basis"]["document_number"] == "161/2026/NĐ-CP"
    assert rule["effective_from"] == "2026-07-01"
    assert output["explanation"]["inputs"] == {"date": "2026-07-01"}


@pytest.mark.django_db
def test_calculator_reads_a_file(tmp_path):
    case = tmp_path / "case.json"
    case.write_text('{"date": "2024-07-01"}', encoding="utf-8")
    out = io.StringIO()
    call_command("calc", "base-salary", "--json", str(case), stdout=out)
    assert json.loads(out.getvalue())["result"]["amount"] == 2_340_000


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case", "field"),
    [({"date": "31/02/2025"}, "date"), ({}, "date"), ("not json", "$"), ({"date": "1990-01-01"}, "date")],
)
def test_bad_cases_name_the_field_and_exit_2(case, field, calc_command):
    output, code = calc_command("base-salary", case)
    assert code == 2
    assert output["error"]["field"] == field
    assert output["error"]["message"]


@pytest.mark.django_db
def test_run_refuses_a_case_that_is_not_an_object():
    with pytest.raises(CaseError):
        run("base-salary", ["2024-07-01"])
