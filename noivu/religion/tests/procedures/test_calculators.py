"""``calc procedure-deadline``: the table's statutory time, the article, and errors naming the field."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_deadline_of_a_group_registration_across_tet(calc_command):
    output, code = calc_command("procedure-deadline", {"procedure": "TG_SHTGTT", "received_on": "27/01/2026"})
    assert code == 0
    result = output["result"]
    assert (result["due_on"], result["days"], result["count"]) == ("2026-02-23", 20, "calendar")
    assert result["article"] == "02/2016/QH14, Điều 16"
    codes = [rule["code"] for rule in output["explanation"]["rules"]]
    assert codes == ["TG_SHTGTT", "start_next_day", "end_on_day_off", "supplement_pause"]


def test_pauses_and_days_off_given_in_the_case(calc_command):
    case = {
        "procedure": "TG_SHTGTT",
        "received_on": "2025-03-03",
        "pauses": [{"requested_on": "2025-03-05", "received_on": "2025-03-10"}],
        "days_off": ["2025-03-28"],
    }
    output, code = calc_command("procedure-deadline", case)
    assert code == 0
    assert output["result"]["due_on"] == "2025-03-31"
    assert output["result"]["paused_days"] == 5


def test_the_rows_of_a_decree_follow_its_date(calc_command):
    before, _ = calc_command(
        "procedure-deadline", {"procedure": "TG_PHAP_NHAN_TRUC_THUOC", "received_on": "2024-03-01"}
    )
    after, _ = calc_command(
        "procedure-deadline", {"procedure": "TG_PHAP_NHAN_TRUC_THUOC", "received_on": "2024-04-01"}
    )
    assert before["result"]["article"].startswith("162/2017/NĐ-CP")
    assert after["result"]["article"].startswith("95/2023/NĐ-CP")


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ({"received_on": "2025-03-03"}, "procedure"),
        ({"procedure": "KHONG_CO", "received_on": "2025-03-03"}, "procedure"),
        ({"procedure": "TG_DAI_HOI_HUYEN", "received_on": "2025-07-02"}, "procedure"),
        ({"procedure": "TG_SHTGTT", "received_on": "31/02/2025"}, "received_on"),
        (
            {
                "procedure": "TG_SHTGTT",
                "received_on": "2025-03-03",
                "pauses": [{"requested_on": "2025-03-01"}],
            },
            "pauses[0].requested_on",
        ),
        (
            {
                "procedure": "TG_SHTGTT",
                "received_on": "2025-03-03",
                "pauses": [{"requested_on": "2025-03-05", "received_on": "2025-03-04"}],
            },
            "pauses[0].received_on",
        ),
    ],
)
def test_bad_cases_name_the_field(calc_command, case, field):
    output, code = calc_command("procedure-deadline", case)
    assert code == 2
    assert output["error"]["field"] == field
