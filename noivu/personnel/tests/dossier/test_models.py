import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from noivu.payroll.models import Allowance, AllowanceKind, SalaryHistory
from noivu.personnel import codelists
from noivu.personnel.dossier.models import (
    Education,
    EducationKind,
    PartyMembership,
    RankHistory,
)
from noivu.personnel.models import Category

pytestmark = pytest.mark.django_db


def test_rank_periods_of_a_person_may_not_overlap(people):
    an = people["an"]
    RankHistory.objects.create(
        person=an,
        rank_code="01.003",
        rank_name="Chuyên viên",
        effective_from=dt.date(2015, 1, 1),
        effective_to=dt.date(2020, 12, 31),
    )
    clash = RankHistory(person=an, rank_code="01.002", effective_from=dt.date(2020, 6, 1))
    with pytest.raises(ValidationError, match="trùng"):
        clash.full_clean()
    RankHistory(person=people["binh"], rank_code="01.002", effective_from=dt.date(2020, 6, 1)).full_clean()


def test_rank_name_comes_from_the_code_list_and_bad_codes_are_refused(people):
    rank = RankHistory(person=people["an"], rank_code="01.003", effective_from=dt.date(2015, 1, 1))
    rank.full_clean()
    assert rank.rank_name == "Chuyên viên"
    RankHistory(
        person=people["an"],
        rank_code="V.07.03.28",
        rank_name="Giáo viên tiểu học hạng II",
        effective_from=dt.date(2015, 1, 1),
    ).full_clean()
    with pytest.raises(ValidationError) as error:
        RankHistory(
            person=people["an"], rank_code="1.3", rank_name="x", effective_from=dt.date(2015, 1, 1)
        ).full_clean()
    assert "rank_code" in error.value.message_dict


def test_salary_steps_may_not_overlap_and_need_a_positive_coefficient(people):
    an = people["an"]
    SalaryHistory.objects.create(
        person=an, step=1, coefficient=Decimal("2.34"), effective_from=dt.date(2015, 1, 1)
    )
    with pytest.raises(ValidationError):
        SalaryHistory(
            person=an, step=2, coefficient=Decimal("2.67"), effective_from=dt.date(2017, 1, 1)
        ).full_clean()
    with pytest.raises(ValidationError):
        SalaryHistory(
            person=people["binh"], step=1, coefficient=Decimal("0"), effective_from=dt.date(2017, 1, 1)
        ).full_clean()


def test_allowances_overlap_across_kinds_but_not_within_one(people):
    an = people["an"]
    Allowance.objects.create(
        person=an,
        kind=AllowanceKind.LEADERSHIP,
        coefficient=Decimal("0.30"),
        effective_from=dt.date(2020, 1, 1),
    )
    Allowance(
        person=an,
        kind=AllowanceKind.REGIONAL,
        coefficient=Decimal("0.20"),
        effective_from=dt.date(2021, 1, 1),
    ).full_clean()
    with pytest.raises(ValidationError, match="trùng"):
        Allowance(
            person=an,
            kind=AllowanceKind.LEADERSHIP,
            coefficient=Decimal("0.50"),
            effective_from=dt.date(2021, 1, 1),
        ).full_clean()


def test_allowance_is_a_coefficient_or_a_percentage_not_both(people):
    both = Allowance(
        person=people["an"],
        kind=AllowanceKind.PROFESSIONAL_SENIORITY,
        coefficient=Decimal("0.2"),
        percent=Decimal("5"),
        effective_from=dt.date(2021, 1, 1),
    )
    with pytest.raises(ValidationError, match="hệ số hoặc bằng tỷ lệ"):
        both.full_clean()
    neither = Allowance(
        person=people["an"], kind=AllowanceKind.PROFESSIONAL_SENIORITY, effective_from=dt.date(2021, 1, 1)
    )
    with pytest.raises(ValidationError):
        neither.full_clean()


def test_education_level_must_belong_to_its_kind(people):
    Education(person=people["an"], kind=EducationKind.POLITICAL_THEORY, level="advanced").full_clean()
    with pytest.raises(ValidationError) as error:
        Education(person=people["an"], kind=EducationKind.POLITICAL_THEORY, level="master").full_clean()
    assert "level" in error.value.message_dict


def test_party_official_date_cannot_precede_admission(people):
    with pytest.raises(ValidationError):
        PartyMembership(
            person=people["an"], admitted_on=dt.date(2015, 5, 19), official_on=dt.date(2015, 1, 1)
        ).full_clean()


def test_person_religion_is_a_listed_code_and_personnel_code_unique_when_given(people):
    an, binh = people["an"], people["binh"]
    an.religion = "buddhism"
    an.full_clean()
    assert an.religion_name == "Phật giáo"
    an.religion = "Phật giáo"
    with pytest.raises(ValidationError):
        an.full_clean()
    an.religion = ""
    an.personnel_code = "T01-0001"
    an.save()
    binh.personnel_code = "T01-0001"
    with pytest.raises(ValidationError):
        binh.full_clean()
    binh.personnel_code = ""
    binh.full_clean()


def test_new_categories_fit_the_field(people):
    an = people["an"]
    for category in (Category.COMMUNE_CADRE, Category.COMMUNE_CIVIL_SERVANT, Category.NON_PROFESSIONAL):
        an.category = category
        an.full_clean()


def test_ethnic_group_code_list_has_the_54_groups_with_statistics_office_codes():
    groups = codelists.ethnic_groups()
    codes = [item.code for item in groups.items]
    assert codes == [f"{number:02d}" for number in range(1, 55)]
    assert [groups.name_of(code) for code in ("01", "02", "03", "04", "05", "06", "07", "08", "09")] == [
        "Kinh",
        "Tày",
        "Thái",
        "Hoa",
        "Khơ-me",
        "Mường",
        "Nùng",
        "HMông",
        "Dao",
    ]
    assert len({item.name for item in groups.items}) == 54


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kinh", "01"),
        ("Khmer", "05"),
        ("Mông", "08"),
        ("H'Mông", "08"),
        ("gia rai", "10"),
        ("Ê Đê", "12"),
        ("Khơ Mú", "29"),
        ("Rơ Măm", "54"),
        ("54", "54"),
        ("Người sao Hỏa", None),
        ("", None),
    ],
)
def test_ethnic_group_resolves_names_and_common_spellings(text, code):
    assert codelists.ethnic_group_code(text) == code


def test_person_shows_the_name_of_a_stored_ethnic_code_and_keeps_legacy_text(people):
    an = people["an"]
    an.ethnic_group = "02"
    assert an.ethnic_group_name == "Tày"
    an.ethnic_group = "Kinh"
    assert an.ethnic_group_name == "Kinh"


@pytest.mark.django_db
def test_rank_codes_carry_their_salary_group_as_of_a_date():
    clerk = codelists.rank_on("01.003", dt.date(2024, 1, 1))
    assert (clerk.value["name"], clerk.value["salary_group"]) == ("Chuyên viên", "A1")
    assert clerk.legal_basis.citation == "2/2021/TT-BNV, Điều 14"
    # Cán sự moved from group B to A0 with Thông tư 2/2021/TT-BNV.
    assert codelists.rank_on("01.004", dt.date(2020, 1, 1)).value["salary_group"] == "B"
    assert codelists.rank_on("01.004", dt.date(2024, 1, 1)).value["salary_group"] == "A0"
    assert codelists.rank_on("V.07.03.28", dt.date(2024, 1, 1)) is None
    # No row for Nhân viên before 2021, but its name is known.
    assert codelists.rank_on("01.005", dt.date(2014, 1, 1)) is None
    assert codelists.rank_name("01.005") == "Nhân viên"
    assert codelists.is_valid_rank_code("15a.201") and not codelists.is_valid_rank_code("01003")


def test_highest_level_follows_the_list_order():
    assert codelists.highest("professional", ["university", "master", "college"]) == "master"
    assert codelists.highest("political_theory", ["intermediate", "bachelor"]) == "bachelor"
    assert codelists.highest("foreign_language", ["level_3", "level_4", "legacy_c"]) == "level_4"
    assert codelists.highest("it", []) is None
