import pytest

from noivu.core.calculation import run


@pytest.mark.django_db
def test_retirement_date_through_the_command(calc_command):
    output, code = calc_command("retirement-date", {"birth_date": "15/03/1961", "gender": "Nam"})
    assert code == 0
    result = output["result"]
    assert result["retirement_age"] == {"years": 60, "months": 3, "text": "60 tuổi 3 tháng"}
    assert (result["retirement_date"], result["pension_start"]) == ("2021-06-30", "2021-07-01")
    assert result["retirement_date_text"] == "30/06/2021"
    explanation = output["explanation"]
    assert explanation["inputs"]["birth_date"] == "1961-03-15"
    citations = [rule["legal_basis"]["citation"] for rule in explanation["rules"]]
    assert "135/2020/NĐ-CP, Điều 4; Phụ lục I" in citations
    assert "135/2020/NĐ-CP, Điều 3" in citations


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("birth", "gender", "retired_on"),
    [("1970", "female", "2027-05-31"), ("09/1970", "Nữ", "2028-05-31"), ("1961-10", "M", "2022-04-30")],
)
def test_birth_dates_known_only_by_year_or_month(birth, gender, retired_on):
    output = run("retirement-date", {"birth_date": birth, "gender": gender})
    assert output["result"]["retirement_date"] == retired_on
    assert "Hồ sơ chỉ có" in output["explanation"]["steps"][0]


@pytest.mark.django_db
def test_retirement_ground_with_months_earlier():
    output = run(
        "retirement-date",
        {"birth_date": "1966-01-10", "gender": "M", "ground": "heavy_hazardous_work", "months_earlier": 12},
    )
    assert output["result"]["retirement_age"]["text"] == "60 tuổi 6 tháng"
    assert output["result"]["normal_retirement_age"]["text"] == "61 tuổi 6 tháng"
    assert output["result"]["months_earlier"] == 12
    assert output["result"]["retirement_date"] == "2026-07-31"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case", "field"),
    [
        ({"gender": "M"}, "birth_date"),
        ({"birth_date": "1961-01-01"}, "gender"),
        ({"birth_date": "1961-01-01", "gender": "X"}, "gender"),
        ({"birth_date": "13/1961", "gender": "M"}, "birth_date"),
        ({"birth_date": "1961-01-01", "gender": "M", "months_earlier": 12}, "ground"),
        (
            {
                "birth_date": "1966-01-01",
                "gender": "M",
                "ground": "heavy_hazardous_work",
                "months_earlier": 72,
            },
            "months_earlier",
        ),
        (
            {"birth_date": "1966-01-01", "gender": "M", "ground": "high_qualification", "months_later": 61},
            "months_later",
        ),
        (
            {"birth_date": "1966-01-01", "gender": "M", "ground": "high_qualification", "months_earlier": 6},
            "months_earlier",
        ),
        ({"birth_date": "1966-01-01", "gender": "M", "ground": "nope"}, "ground"),
        (
            {
                "birth_date": "1966-01-01",
                "gender": "M",
                "ground": "heavy_hazardous_work",
                "months_earlier": 0,
            },
            "months_earlier",
        ),
    ],
)
def test_bad_retirement_cases_name_the_field(case, field, calc_command):
    output, code = calc_command("retirement-date", case)
    assert code == 2
    assert output["error"]["field"] == field
    assert output["error"]["message"]
