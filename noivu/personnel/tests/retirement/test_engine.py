import datetime as dt

import pytest

from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel
from noivu.personnel.models import Category, Gender, Person
from noivu.personnel.retirement.engine import RetirementError, reaching_retirement_q, retirement_date

M, F = Gender.MALE, Gender.FEMALE


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


# Rows of Phụ lục I of Nghị định 135/2020/NĐ-CP (by month and year of birth: age, month of retirement),
# as quoted by public copies: men born 01–09/1961 retire at 60 years 3 months, 10/1961–06/1962 at 60 years
# 6 months; women born 01–08/1966 at 55 years 4 months, 09/1966–04/1967 at 55 years 8 months; men reach 62
# from those born 04/1966, women 60 from those born 05/1975; women born 01–08/1970 at 57 years 4 months
# (pension 06/2027–01/2028), 09–12/1970 at 57 years 8 months (pension 06/2028–09/2028).
APPENDIX_I = [
    (M, (1961, 1), (60, 3), (2021, 4)),
    (M, (1961, 9), (60, 3), (2021, 12)),
    (M, (1961, 10), (60, 6), (2022, 4)),
    (M, (1962, 6), (60, 6), (2022, 12)),
    (M, (1966, 3), (61, 9), (2027, 12)),
    (M, (1966, 4), (62, 0), (2028, 4)),
    (F, (1966, 1), (55, 4), (2021, 5)),
    (F, (1966, 8), (55, 4), (2021, 12)),
    (F, (1966, 9), (55, 8), (2022, 5)),
    (F, (1967, 4), (55, 8), (2022, 12)),
    (F, (1970, 1), (57, 4), (2027, 5)),
    (F, (1970, 8), (57, 4), (2027, 12)),
    (F, (1970, 9), (57, 8), (2028, 5)),
    (F, (1970, 12), (57, 8), (2028, 8)),
    (F, (1975, 4), (59, 8), (2034, 12)),
    (F, (1975, 5), (60, 0), (2035, 5)),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("gender", "born", "age", "retires"), APPENDIX_I)
@pytest.mark.parametrize("day", [1, 28])
def test_normal_retirement_follows_appendix_i(gender, born, age, retires, day):
    result = retirement_date(dt.date(*born, day), gender)
    assert result.retirement_age == age
    assert result.retirement_date == _month_end(*retires)
    assert result.pension_start == _month_end(*retires) + dt.timedelta(days=1)


@pytest.mark.django_db
def test_man_born_mid_march_1961_retires_end_of_june_2021():
    result = retirement_date(dt.date(1961, 3, 15), M)
    assert result.retirement_age == (60, 3)
    assert result.retirement_date == dt.date(2021, 6, 30)
    assert result.pension_start == dt.date(2021, 7, 1)
    assert result.explain()["rules"][0]["legal_basis"]["document_number"] == "135/2020/NĐ-CP"
    assert any("30/06/2021" in step for step in result.explain()["steps"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("birth", "gender", "age", "retired_on"),
    [
        # Reaching the age in 2020: the 2012 Labour Code's 60 / 55.
        (dt.date(1960, 12, 31), M, (60, 0), dt.date(2020, 12, 31)),
        (dt.date(1960, 12, 1), M, (60, 0), dt.date(2020, 12, 31)),
        (dt.date(1965, 12, 31), F, (55, 0), dt.date(2020, 12, 31)),
        # 2021 is the first year of the roadmap.
        (dt.date(1961, 1, 31), M, (60, 3), dt.date(2021, 4, 30)),
        (dt.date(1966, 1, 1), F, (55, 4), dt.date(2021, 5, 31)),
        # 2027, the last step for men before 62.
        (dt.date(1966, 2, 28), M, (61, 9), dt.date(2027, 11, 30)),
        # 2028: 62 for men from then on; women 57 years 8 months.
        (dt.date(1966, 4, 30), M, (62, 0), dt.date(2028, 4, 30)),
        (dt.date(1980, 7, 31), M, (62, 0), dt.date(2042, 7, 31)),
        (dt.date(1970, 9, 1), F, (57, 8), dt.date(2028, 5, 31)),
        # 2034 and 2035, the last steps for women; 2036 stays at 60.
        (dt.date(1975, 1, 31), F, (59, 8), dt.date(2034, 9, 30)),
        (dt.date(1975, 5, 1), F, (60, 0), dt.date(2035, 5, 31)),
        (dt.date(1976, 3, 31), F, (60, 0), dt.date(2036, 3, 31)),
        # Leap days: only the month counts.
        (dt.date(1964, 2, 29), M, (61, 3), dt.date(2025, 5, 31)),
        (dt.date(1964, 2, 29), F, (55, 0), dt.date(2019, 2, 28)),
        (dt.date(1976, 2, 29), F, (60, 0), dt.date(2036, 2, 29)),
    ],
)
def test_hand_computed_roadmap_boundaries(birth, gender, age, retired_on):
    result = retirement_date(birth, gender)
    assert result.retirement_age == age
    assert result.retirement_date == retired_on


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("birth", "gender", "ground", "adjustment", "age", "retired_on"),
    [
        # Phụ lục II: the lowest age, 5 years below the normal age of the year of retirement.
        (dt.date(1966, 1, 10), M, "heavy_hazardous_work", 0, (55, 3), dt.date(2021, 4, 30)),
        (dt.date(1971, 1, 10), F, "disadvantaged_area", 0, (50, 4), dt.date(2021, 5, 31)),
        (dt.date(1973, 4, 10), M, "working_capacity_loss_61", 0, (57, 0), dt.date(2030, 4, 30)),
        (dt.date(1980, 6, 10), F, "heavy_work_and_area", 0, (55, 0), dt.date(2035, 6, 30)),
        # One year early: the normal age of 2026 (61 years 6 months) less 12 months.
        (dt.date(1966, 1, 10), M, "heavy_hazardous_work", -12, (60, 6), dt.date(2026, 7, 31)),
        # Up to 10 years early for underground coal mining.
        (dt.date(1971, 1, 10), M, "underground_coal_mining", 0, (50, 3), dt.date(2021, 4, 30)),
        (dt.date(1980, 1, 10), M, "underground_coal_mining", -120, (52, 0), dt.date(2032, 1, 31)),
        # Later retirement, on top of the normal age in force then.
        (dt.date(1966, 4, 10), M, "high_qualification", 24, (64, 0), dt.date(2030, 4, 30)),
        (dt.date(1966, 4, 10), M, "high_qualification", 0, (67, 0), dt.date(2033, 4, 30)),
    ],
)
def test_earlier_and_later_grounds(birth, gender, ground, adjustment, age, retired_on):
    result = retirement_date(birth, gender, ground=ground, adjustment_months=adjustment)
    assert result.retirement_age == age
    assert result.retirement_date == retired_on
    codes = [rule["code"] for rule in result.explain()["rules"]]
    assert ground in codes


@pytest.mark.django_db
def test_coal_mining_cites_the_law_in_force_at_retirement():
    before = retirement_date(dt.date(1971, 1, 10), M, ground="underground_coal_mining")
    after = retirement_date(dt.date(1976, 1, 10), M, ground="underground_coal_mining")
    assert before.rules[1]["legal_basis"]["document_number"] == "58/2014/QH13"
    assert after.rules[1]["legal_basis"]["document_number"] == "41/2024/QH15"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ground", "adjustment", "field", "fragment"),
    [
        ("heavy_hazardous_work", -61, "adjustment_months", "tối đa 5 năm"),
        ("underground_coal_mining", -121, "adjustment_months", "tối đa 10 năm"),
        ("high_qualification", 61, "adjustment_months", "tối đa 5 năm"),
        ("high_qualification", -6, "adjustment_months", "cao hơn"),
        ("heavy_hazardous_work", 6, "adjustment_months", "thấp hơn"),
        ("no_such_ground", 0, "ground", "heavy_hazardous_work"),
        (None, -6, "ground", "trường hợp"),
    ],
)
def test_grounds_are_validated(ground, adjustment, field, fragment):
    with pytest.raises(RetirementError) as error:
        retirement_date(dt.date(1966, 1, 10), M, ground=ground, adjustment_months=adjustment)
    assert error.value.field == field
    assert fragment in error.value.message


@pytest.mark.django_db
def test_earlier_ground_before_2021_is_not_decided():
    with pytest.raises(RetirementError) as error:
        retirement_date(dt.date(1960, 1, 10), M, ground="heavy_hazardous_work")
    assert error.value.field == "ground"


@pytest.mark.django_db
def test_unknown_gender_and_uncovered_birth_date_are_refused():
    with pytest.raises(RetirementError) as error:
        retirement_date(dt.date(1961, 1, 1), "X")
    assert error.value.field == "gender"
    with pytest.raises(RetirementError) as error:
        retirement_date(dt.date(1920, 1, 1), M)
    assert error.value.field == "birth_date"


@pytest.fixture
def spread_of_people(db) -> list[Person]:
    org = Organization.add_root(
        code="R",
        name="Bộ",
        kind=OrganizationKind.MINISTRY,
        level=OrganizationLevel.CENTRAL,
        effective_from=dt.date(2020, 1, 1),
    )
    start = dt.date(1958, 1, 1)
    people = []
    for step in range(0, 19 * 365, 13):
        birth = start + dt.timedelta(days=step)
        gender = M if step % 2 else F
        people.append(
            Person(
                full_name=f"Người {step}",
                full_name_folded=f"nguoi {step}",
                birth_date=birth,
                gender=gender,
                organization=org,
                category=Category.CIVIL_SERVANT,
            )
        )
    return Person.objects.bulk_create(people)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        (dt.date(2020, 12, 31), dt.date(2020, 12, 31)),
        (dt.date(2027, 10, 15), dt.date(2028, 5, 20)),
        (dt.date(2034, 6, 1), dt.date(2036, 1, 31)),
        (dt.date(2025, 3, 2), dt.date(2025, 3, 30)),
    ],
)
def test_reaching_retirement_q_matches_the_per_person_rule(spread_of_people, start, end):
    expected = {
        person.pk
        for person in spread_of_people
        if start <= retirement_date(person.birth_date, person.gender).retirement_date <= end
    }
    found = set(Person.objects.filter(reaching_retirement_q(start, end)).values_list("pk", flat=True))
    assert found == expected
    if end - start > dt.timedelta(days=31):
        assert expected
