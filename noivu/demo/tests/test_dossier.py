"""The 2C records of the demo persons follow the rules of the law tables, whatever the seed: careers start on
the recruitment date, salary steps rise at the group's interval, ranks suit the age, addresses follow the
2025 succession, family and awards agree with the person."""

import collections
import datetime as dt
from decimal import Decimal

import numpy as np
import pytest

from noivu.admin_units.models import AdminUnit, Level, Regime, UnitSuccession
from noivu.core.rules import rule_table
from noivu.demo import careers
from noivu.demo.dossier import SCALES_START, Columns, DossierGenerator, calendar, check_tracks, scales_from
from noivu.demo.generator import generate
from noivu.demo.geography import Geography
from noivu.payroll.models import Allowance, SalaryHistory
from noivu.personnel.dossier.models import (
    FamilyRelation,
    RankHistory,
    Relation,
)
from noivu.personnel.models import AddressKind, Assignment, PersonAddress

AS_OF = dt.date(2026, 11, 28)
PERSONS = 3_000
pytestmark = pytest.mark.django_db


def _rows(tables: list[Columns], model: type) -> list[dict]:
    table = next(t for t in tables if t.model is model)
    values = [v.tolist() if hasattr(v, "tolist") else list(v) for v in table.values]
    return [dict(zip(table.names, row, strict=True)) for row in zip(*values, strict=True)]


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _add_months(day: dt.date, months: int) -> dt.date:
    found = calendar().add_months(np.array([day.toordinal()]), months)[0]
    return dt.date.fromordinal(int(found))


@pytest.fixture(scope="module")
def records(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        geography = Geography.from_catalogue()
        scales = scales_from(rule_table("salary_scales"), AS_OF)
        ranks = rule_table("rank_salary_tables")
        successions = set(
            UnitSuccession.objects.filter(level=Level.COMMUNE).values_list("legacy_code", "new_code")
        )
        legacy_parents = dict(
            AdminUnit.objects.filter(regime=Regime.LEGACY, level=Level.COMMUNE).values_list(
                "code", "parent_code"
            )
        )
    data = generate("province", 5, as_of=AS_OF, persons=PERSONS)
    people = [row for batch in data.batches for row in batch]
    generator = DossierGenerator(5, AS_OF, data.nodes, geography, scales)
    tables = generator.chunk(0, people, 1)
    persons = {1 + i: row for i, row in enumerate(people)}
    return {
        "data": data,
        "persons": persons,
        "tables": tables,
        "scales": scales,
        "ranks": ranks,
        "successions": successions,
        "legacy_parents": legacy_parents,
        "generator": generator,
        "people": people,
    }


def _by_person(rows: list[dict]) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = collections.defaultdict(list)
    for row in rows:
        grouped[row["person_id"]].append(row)
    return grouped


def test_the_same_seed_gives_the_same_records(records):
    again = records["generator"].chunk(0, records["people"], 1)
    for first, second in zip(records["tables"], again, strict=True):
        assert first.names == second.names
        assert [list(v) for v in first.values] == [list(v) for v in second.values]


def test_the_demo_ranks_agree_with_the_rank_table(records):
    assert check_tracks(records["ranks"]) == []


def test_the_career_starts_on_the_recruitment_date_and_has_no_gaps(records):
    persons = records["persons"]
    for person_id, career in _by_person(_rows(records["tables"], Assignment)).items():
        career.sort(key=lambda row: row["effective_from"])
        assert career[0]["effective_from"] == persons[person_id].recruited_on
        assert career[-1]["effective_to"] is None
        for before, after in zip(career, career[1:], strict=False):
            assert _day(before["effective_to"]) == _day(after["effective_from"]) - dt.timedelta(days=1)
    for person_id, ranks in _by_person(_rows(records["tables"], RankHistory)).items():
        assert min(r["effective_from"] for r in ranks) == persons[person_id].recruited_on


def test_salary_steps_rise_at_the_interval_of_the_group_then_seniority_grows_yearly(records):
    persons, scales = records["persons"], records["scales"]
    salaries = _by_person(_rows(records["tables"], SalaryHistory))
    assert len(salaries) >= 0.85 * len(persons)  # everyone but the contract staff on no table
    seniority_seen = promotions_seen = 0
    for person_id, rows in salaries.items():
        rows.sort(key=lambda row: row["effective_from"])
        recruited = _day(persons[person_id].recruited_on)
        assert _day(rows[0]["effective_from"]) == max(recruited, SCALES_START)
        assert rows[0]["raise_kind"] == ""  # the first placement
        assert rows[-1]["effective_to"] is None
        for row in rows:
            scale = scales[f"{row['salary_table']}.{row['salary_group']}"]
            assert 1 <= row["step"] <= len(scale.coefficients)
            assert Decimal(row["coefficient"]) == Decimal(scale.coefficients[row["step"] - 1])
            if row["seniority_percent"]:
                assert row["step"] == len(scale.coefficients)
        for before, after in zip(rows, rows[1:], strict=False):
            start, next_start = _day(before["effective_from"]), _day(after["effective_from"])
            assert _day(before["effective_to"]) == next_start - dt.timedelta(days=1)
            scale = scales[f"{before['salary_table']}.{before['salary_group']}"]
            same_rank = (before["rank_code"], before["salary_group"]) == (
                after["rank_code"],
                after["salary_group"],
            )
            if not same_rank:
                promotions_seen += 1
                assert after["raise_kind"] == ""  # placed on the new rank's scale, not raised
                assert Decimal(after["coefficient"]) + Decimal(after["reserved_coefficient"]) >= Decimal(
                    before["coefficient"]
                )
                continue
            if start == SCALES_START and recruited < SCALES_START:
                assert next_start <= _add_months(start, scale.interval)  # placed on the 2004 tables
            elif after["seniority_percent"] == 0:
                assert after["step"] == before["step"] + 1
                assert next_start == _add_months(start, scale.interval)
                assert after["raise_kind"] == "regular"
            elif before["seniority_percent"] == 0:
                seniority_seen += 1
                assert after["raise_kind"] == "seniority"
                assert after["seniority_percent"] == 5
                assert next_start == _add_months(start, scale.seniority_after)
            else:
                assert after["seniority_percent"] == before["seniority_percent"] + 1
                assert next_start == _add_months(start, 12)
    assert seniority_seen and promotions_seen


def test_ranks_suit_the_age_and_the_years_of_service(records):
    persons = records["persons"]
    for person_id, ranks in _by_person(_rows(records["tables"], RankHistory)).items():
        birth = _day(persons[person_id].birth_date)
        recruited = _day(persons[person_id].recruited_on)
        for rank in ranks:
            start = _day(rank["effective_from"])
            assert _age(birth, start) >= 22
            if rank["rank_code"] in ("01.002", "V.07.01.02", "V.08.01.02") or rank["rank_name"].endswith(
                "hạng II"
            ):
                assert (start - recruited).days >= 9 * 365 - 3
            if rank["rank_code"] in ("01.001", "V.07.01.01"):
                assert (start - recruited).days >= 18 * 365 - 5 and _age(birth, start) >= 40
    for person_id, rows in _by_person(_rows(records["tables"], SalaryHistory)).items():
        first_step = min(rows, key=lambda row: row["effective_from"])
        service = (_day(first_step["effective_from"]) - _day(persons[person_id].recruited_on)).days
        assert first_step["step"] <= 1 + service // (2 * 365) or first_step["step"] == 1


def test_addresses_follow_the_2025_succession(records):
    persons, data = records["persons"], records["data"]
    successions, parents = records["successions"], records["legacy_parents"]
    province = data.province
    addresses = _rows(records["tables"], PersonAddress)
    assert len(addresses) == 4 * len(persons)
    for address in addresses:
        assert (address["legacy_commune_code"], address["commune_code"]) in successions
        assert parents[address["legacy_commune_code"]] == address["legacy_district_code"]
        assert address["legacy_text"] and address["current_text"]
        person = persons[address["person_id"]]
        if address["kind"] == AddressKind.BIRTHPLACE:
            assert address["legacy_province_code"] == person.cccd_number[1:3]
        if address["kind"] == AddressKind.PERMANENT and data.nodes[person.org].home == province.code:
            assert address["province_code"] == province.code
            assert address["legacy_province_code"] in province.legacy_codes


def test_family_members_have_plausible_years(records):
    persons = records["persons"]
    for row in _rows(records["tables"], FamilyRelation):
        born = int(persons[row["person_id"]].birth_date[:4])
        assert row["full_name"].count(" ") >= 2
        if row["relation"] in (Relation.FATHER, Relation.MOTHER):
            assert born - row["birth_year"] >= 17
        elif row["relation"] == Relation.CHILD:
            assert row["birth_year"] - born >= 22 and row["birth_year"] <= AS_OF.year


def test_contract_staff_hold_no_rank_and_civil_servants_get_the_public_duty_allowance(records):
    persons = records["persons"]
    ranked = {row["person_id"] for row in _rows(records["tables"], RankHistory)}
    contract = {pid for pid, row in persons.items() if row.category == careers.CONTRACT}
    assert contract and not contract & ranked
    allowances = _rows(records["tables"], Allowance)
    duty = {row["person_id"] for row in allowances if row["kind"] == "public_duty"}
    civil = {pid for pid, row in persons.items() if row.category in (careers.CIVIL, careers.CADRE)}
    assert duty == civil
    leaders = [row for row in allowances if row["kind"] == "leadership"]
    assert leaders and all(Decimal(row["coefficient"]) > 0 for row in leaders)
