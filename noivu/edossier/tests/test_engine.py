"""The dossier identifier check and the completeness score, against hand-worked cases and against the
one-number check of the personnel record."""

import datetime as dt
import random

import polars as pl
import pytest
from django.db import connection

from conftest import make_person
from noivu.core.dates import today
from noivu.edossier import engine
from noivu.edossier.engine import Problem
from noivu.payroll.models import SalaryHistory
from noivu.personnel.dossier.models import Education, FamilyRelation, RankHistory
from noivu.personnel.identity.cccd import validate_cccd
from noivu.personnel.models import AddressKind, Category, Gender, Person, PersonAddress

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 30)


def _problems(rows: list[tuple[str | None, dt.date, str]]) -> list[list[str]]:
    frame = pl.DataFrame(
        rows, schema={"number": pl.String, "birth_date": pl.Date, "gender": pl.String}, orient="row"
    )
    return engine.check_identifiers(frame, DAY)["problems"].to_list()


def test_each_rule_of_the_identifier_is_found():
    male_1985 = (dt.date(1985, 5, 17), Gender.MALE)
    assert _problems(
        [
            ("001085012345", *male_1985),  # Hà Nội, 20th century male, 85: valid
            (None, *male_1985),
            ("  ", *male_1985),
            ("123456789", *male_1985),  # an old CMND
            ("00108501234X", *male_1985),
            ("999085012346", *male_1985),  # no province 999
            ("001185012347", *male_1985),  # digit 1: a woman
            ("001285012348", *male_1985),  # digit 2: born 2000–2099
            ("001090012349", *male_1985),  # born '90
        ]
    ) == [
        [],
        [Problem.MISSING],
        [Problem.MISSING],
        [Problem.OLD_ID],
        [Problem.MALFORMED],
        [Problem.PROVINCE_UNKNOWN],
        [Problem.GENDER_MISMATCH],
        [Problem.CENTURY_MISMATCH],
        [Problem.BIRTH_YEAR_MISMATCH],
    ]


def test_a_number_that_lost_its_leading_zeros_is_shared_with_the_full_one():
    male_1985 = (dt.date(1985, 5, 17), Gender.MALE)
    problems = _problems(
        [("001085012345", *male_1985), ("1085012345", *male_1985), ("079085099999", *male_1985)]
    )
    assert problems == [[Problem.SHARED], [Problem.MALFORMED, Problem.SHARED], []]


CODES_OF_FAILURE = {
    "not_digits": {Problem.MALFORMED, Problem.OLD_ID},
    "wrong_length": {Problem.MALFORMED, Problem.OLD_ID},
    "province_unknown": {Problem.PROVINCE_UNKNOWN},
    "century_mismatch": {Problem.CENTURY_MISMATCH},
    "birth_year_mismatch": {Problem.BIRTH_YEAR_MISMATCH},
    "gender_mismatch": {Problem.GENDER_MISMATCH},
}


def test_the_column_check_agrees_with_the_record_check_on_random_numbers():
    generator = random.Random(27)
    rows = []
    for _ in range(300):
        length = generator.choice([12, 12, 12, 12, 9, 11])
        number = "".join(generator.choice("0123456789") for _ in range(length))
        if length == 12 and generator.random() < 0.7:
            number = generator.choice(["001", "079", "048", "096"]) + number[3:]
        birth = dt.date(generator.randint(1930, 2030), generator.randint(1, 12), 1)
        rows.append((number, birth, generator.choice([Gender.MALE, Gender.FEMALE])))
    found = _problems(rows)
    for (number, birth, gender), problems in zip(rows, found, strict=True):
        failures = {f.code for f in validate_cccd(number, birth, gender).failures}
        assert bool(failures) == bool(problems), number
        for failure in failures:
            assert CODES_OF_FAILURE[failure] & set(problems), (number, failure, problems)


def _complete_record(person: Person) -> None:
    """Every required field of the data groups for ``person`` (who has a valid number and assignment)."""
    Person.objects.filter(pk=person.pk).update(
        ethnic_group="Kinh",
        religion="none",
        cccd_issued_on=dt.date(2021, 6, 1),
        cccd_issued_by="Cục Cảnh sát quản lý hành chính về trật tự xã hội",
        personal_history="Không",
        recruited_on=dt.date(2010, 1, 1),
        recruiting_agency="Sở Nội vụ tỉnh A",
        social_insurance_number="0110000001",
    )
    for kind in AddressKind.values:
        PersonAddress.objects.create(person=person, kind=kind, detail="Số 1")
    FamilyRelation.objects.create(
        person=person, relation="father", full_name="Nguyễn Văn Ba", birth_year=1955
    )
    Education.objects.create(person=person, kind="general", level="12/12")
    Education.objects.create(person=person, kind="professional", level="Đại học")
    RankHistory.objects.create(person=person, rank_code="01.003", effective_from=dt.date(2010, 1, 1))
    SalaryHistory.objects.create(
        person=person, salary_group="A1", step=3, coefficient="3.00", effective_from=dt.date(2016, 1, 1)
    )


def test_a_full_record_is_complete_and_each_missing_field_is_named(tree):
    full = make_person(tree["dept_a"], "Nguyễn Văn An", cccd_number="001085012345")
    _complete_record(full)
    bare = make_person(
        tree["dept_a"], "Trần Văn Bình", birth_date=dt.date(1990, 2, 3), cccd_number="001090054321"
    )
    frame = engine.completeness(Person.objects.all(), today()).sort("person_id")
    first, second = frame.rows(named=True)
    assert (first["score"], first["missing"], first["complete"], first["live"]) == (100.0, [], True, True)
    required = [field.code for field in engine.data_groups().required]
    # The bare record has its identifier, name, gender, birth date and assignments, nothing else.
    present = {"identifier", "full_name", "gender", "birth_date", "career", "current_assignment"}
    assert second["missing"] == [code for code in required if code not in present]
    assert second["score"] == round(100 * len(present) / len(required), 1)
    assert (second["complete"], second["live"], second["correct"]) == (False, False, True)
    assert bare.pk == second["person_id"]


def test_same_name_and_birth_date_is_not_clean_and_contract_staff_are_left_out(tree):
    make_person(tree["dept_a"], "Nguyễn Văn An", cccd_number="001085012345")
    make_person(tree["dept_a"], "Nguyen Van  An", cccd_number="001085099999")
    make_person(tree["dept_a"], "Lê Thị Hoa", category=Category.CONTRACT, gender=Gender.FEMALE)
    frame = engine.completeness(Person.objects.all(), today())
    assert frame.height == 2
    assert frame["clean"].to_list() == [False, False]
    summary = engine.unit_summary(frame).row(0, named=True)
    assert (summary["persons"], summary["clean"], summary["correct"]) == (2, 0.0, 100.0)


@pytest.mark.parametrize(
    ("narrow_up_to", "by_ids"),
    [(engine.NARROW_SCOPE, False), (0, True), (0, False)],
    ids=["by-index", "by-ids", "whole"],
)
def test_the_facts_of_the_scope_only_count_whether_read_by_index_or_whole(
    tree, monkeypatch, narrow_up_to, by_ids
):
    monkeypatch.setattr(engine, "NARROW_SCOPE", narrow_up_to)
    # The array of ids is PostgreSQL's; elsewhere the case reads the facts whole.
    monkeypatch.setattr(engine, "_small_share", lambda count: by_ids and connection.vendor == "postgresql")
    inside = make_person(tree["dept_a"], "Nguyễn Văn An", cccd_number="001085012345")
    _complete_record(inside)
    Person.objects.filter(pk=inside.pk).update(recruiting_agency="   ", phone="")
    PersonAddress.objects.filter(person=inside, kind=AddressKind.CURRENT).delete()
    SalaryHistory.objects.filter(person=inside).update(effective_to=dt.date(2020, 12, 31))
    outside = make_person(
        tree["dept_b"], "Trần Thị Bình", gender=Gender.FEMALE, birth_date=dt.date(1990, 2, 3)
    )
    _complete_record(outside)
    frame = engine.completeness(Person.objects.filter(organization=tree["dept_a"]), today())
    assert frame["person_id"].to_list() == [inside.pk]
    row = frame.row(0, named=True)
    # A blank text, a missing kind of address and a salary step no longer in force are each missing.
    assert row["missing"] == ["current_residence", "recruiting_agency", "salary"]
    assert (row["phone"], row["rank"], row["family"], row["live"]) == (False, True, True, False)
