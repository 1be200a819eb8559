import pytest

from noivu.core.calculation import CaseError, run


@pytest.mark.django_db
def test_cccd_through_the_command(calc_command):
    case = {"number": "079 303 000001", "birth_date": "31/12/2003", "gender": "Nữ"}
    output, code = calc_command("cccd", case)
    assert code == 0
    assert output["result"]["valid"] is True
    assert output["result"]["failures"] == []
    assert output["result"]["decoded"]["province"] == "Hồ Chí Minh"
    inputs = output["explanation"]["inputs"]
    assert inputs == {"number": "079303000001", "birth_date": "2003-12-31", "gender": "F"}
    citations = {rule["legal_basis"]["citation"] for rule in output["explanation"]["rules"]}
    assert {"137/2015/NĐ-CP, Điều 7", "59/2021/TT-BCA, Điều 7"} <= citations


@pytest.mark.django_db
def test_cccd_failures_through_run():
    output = run("cccd", {"number": "003099012345", "birth_date": "1998-01-01", "gender": "female"})
    assert output["result"]["valid"] is False
    assert [(f["part"], f["code"]) for f in output["result"]["failures"]] == [
        ("province_code", "province_unknown"),
        ("birth_year", "birth_year_mismatch"),
        ("century_gender", "gender_mismatch"),
    ]


@pytest.mark.django_db
def test_cccd_number_must_be_a_string():
    with pytest.raises(CaseError) as error:
        run("cccd", {"number": 1099012345})
    assert error.value.field == "number"
