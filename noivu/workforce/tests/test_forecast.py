"""The forecast engine on hand-computed cases (Nghị định 135/2020/NĐ-CP Điều 3–4 for the retirement
dates), as of 30/06/2026: year n ends on 30/06/(2026 + n)."""

import datetime as dt

from noivu.personnel.dossier.models import RankHistory
from noivu.workforce.facts import read_facts
from noivu.workforce.forecast import forecast, periods
from noivu.workforce.tests.conftest import AS_OF
from noivu.workforce.views import rank_label


def _row(result, code: str | None = "T01-STC", kind: str = "civil_servant"):
    rows = result.totals if code is None else [r for r in result.rows if r.unit.code == code]
    return next(row for row in rows if row.kind == kind)


def test_periods_end_on_the_anniversaries_of_the_as_of_date():
    spans = periods(dt.date(2028, 2, 29))
    assert [(s.start, s.end) for s in spans[:2]] == [
        (dt.date(2028, 3, 1), dt.date(2029, 2, 28)),
        (dt.date(2029, 3, 1), dt.date(2030, 2, 28)),
    ]
    assert spans[-1].end == dt.date(2033, 2, 28)


def test_retirements_streamlining_intake_and_gap_to_quota(world, national_admin):
    result = forecast(read_facts(national_admin, AS_OF))
    row = _row(result)
    assert row.current == 4
    # The woman retires 31/05/2027 (year 1), the man 31/12/2027 (year 2), the leaver on 01/09/2028 (year 3);
    # the plan's 2 join on 01/09/2027 (year 2).
    assert [y.retirements for y in row.years] == [1, 1, 0, 0, 0]
    assert [y.streamlining for y in row.years] == [0, 0, 1, 0, 0]
    assert [y.intake for y in row.years] == [0, 2, 0, 0, 0]
    assert [y.headcount for y in row.years] == [3, 4, 3, 3, 3]
    # The 2026 quota of 5 is carried forward: it is the last one approved.
    assert [y.quota for y in row.years] == [5, 5, 5, 5, 5]
    assert all(y.quota_carried for y in row.years)
    assert [y.gap for y in row.years] == [2, 1, 2, 2, 2]
    assert [y.vacated_positions for y in row.years] == [1, 1, 0, 0, 0]
    assert row.leave_sources == ["QĐ 77/QĐ-UBND ngày 01/05/2026, thôi việc, nghỉ từ 01/09/2028"]
    assert row.intake_sources == ["Thi tuyển công chức năm 2027 (QĐ 12/QĐ-SNV ngày 01/05/2026)"]
    assert result.retirement_rules == ["135/2020/NĐ-CP, Điều 4; Phụ lục I"]


def test_the_retirement_date_follows_the_decree_steps(world, national_admin):
    result = forecast(read_facts(national_admin, AS_OF))
    leaving = {row["person_id"]: row for row in result.vacancies.iter_rows(named=True)}
    man, woman = leaving[world["man"].pk], leaving[world["woman"].pk]
    assert (man["leaves_on"], man["period"]) == (dt.date(2027, 12, 31), 2)
    assert man["source"] == "135/2020/NĐ-CP, Điều 4; Phụ lục I (61 tuổi 9 tháng)"
    assert (woman["leaves_on"], woman["period"]) == (dt.date(2027, 5, 31), 1)
    assert woman["source"] == "135/2020/NĐ-CP, Điều 4; Phụ lục I (57 tuổi 4 tháng)"
    assert (man["position_code"], woman["position_code"]) == ("TCNS", "TCKT")


def test_a_streamlining_leave_before_the_retirement_date_comes_first(world, national_admin):
    from noivu.workforce.tests.conftest import approved_case

    approved_case(world["man"], dt.date(2026, 10, 1), dt.date(2026, 6, 1))
    row = _row(forecast(read_facts(national_admin, AS_OF)))
    assert [y.retirements for y in row.years] == [1, 0, 0, 0, 0]
    assert [y.streamlining for y in row.years] == [1, 0, 1, 0, 0]
    assert [y.headcount for y in row.years] == [2, 4, 3, 3, 3]


def test_an_earlier_as_of_date_gives_the_earlier_picture(world, national_admin):
    # On 01/04/2026 neither the case nor the plan was approved; year 1 ends 01/04/2027, so both
    # retirements fall in year 2.
    row = _row(forecast(read_facts(national_admin, dt.date(2026, 4, 1))))
    assert row.current == 4
    assert [y.retirements for y in row.years] == [0, 2, 0, 0, 0]
    assert [y.streamlining for y in row.years] == [0, 0, 0, 0, 0]
    assert [y.intake for y in row.years] == [0, 0, 0, 0, 0]
    assert [y.headcount for y in row.years] == [4, 2, 2, 2, 2]
    # Before the quota's decision (10/01/2026) no unit holds a quota: only the totals remain.
    early = forecast(read_facts(national_admin, dt.date(2025, 12, 31)))
    assert early.rows == []
    assert [y.quota for y in _row(early, None).years] == [None] * 5


def test_totals_pyramids_and_ranks(world, national_admin):
    result = forecast(read_facts(national_admin, AS_OF))
    total = _row(result, None)
    # Province B's person (born 03/1966) also retires in year 2 for the national administrator.
    assert total.current == 5
    assert [y.headcount for y in total.years] == [4, 4, 3, 3, 3]
    assert [y.quota for y in total.years] == [5] * 5
    ages = result.age_pyramid
    # On 30/06/2026: 60 (man, and B's), 56 (woman), 36 (leaver), 33 (stayer).
    assert ages[0]["Từ 60 trở lên"] == {"M": 2, "F": 0}
    assert ages[0]["55–59"] == {"M": 0, "F": 1}
    assert ages[0]["35–39"] == {"M": 1, "F": 0}
    assert ages[0]["30–34"] == {"M": 1, "F": 0}
    # At the end of year 3 only the stayer (36 on 30/06/2029) is left of today's persons.
    assert {band: f for band, f in ages[3].items() if f["M"] or f["F"]} == {"35–39": {"M": 1, "F": 0}}
    assert result.rank_pyramid[0] == [("01.003", 3), ("01.002", 1), ("", 1)]
    assert result.rank_pyramid[2] == [("01.003", 2), ("01.002", 0)]


def test_a_provincial_user_sees_only_their_province(world, hr_a, hr_b):
    mine = forecast(read_facts(hr_a, AS_OF))
    assert _row(mine, None).current == 4
    assert {row.unit.code for row in mine.rows} == {"T01-STC"}
    theirs = forecast(read_facts(hr_b, AS_OF))
    assert _row(theirs, None).current == 1
    assert theirs.rows == []
    assert theirs.vacancies.is_empty()


def test_a_title_the_rank_table_does_not_list_is_named_as_recorded(world, national_admin):
    RankHistory.objects.filter(person=world["stayer"]).update(
        rank_code="V.08.05.12", rank_name="Điều dưỡng hạng III"
    )
    result = forecast(read_facts(national_admin, AS_OF))
    assert ("V.08.05.12", 1) in result.rank_pyramid[0]
    assert result.rank_names["V.08.05.12"] == "Điều dưỡng hạng III"
    assert rank_label("V.08.05.12", result.rank_names) == "V.08.05.12 Điều dưỡng hạng III"
    # A rank of the rank table keeps the table's name.
    assert rank_label("01.003", result.rank_names) == "01.003 Chuyên viên"
