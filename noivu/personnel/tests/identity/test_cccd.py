import datetime as dt

import pytest

from noivu.personnel.identity.cccd import century_gender, validate_cccd
from noivu.personnel.models import Gender

M, F = Gender.MALE, Gender.FEMALE


def _codes(check) -> list[str]:
    return [failure.code for failure in check.failures]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "birth", "gender", "province", "year"),
    [
        ("001099012345", dt.date(1999, 5, 1), M, "Hà Nội", 1999),
        ("079303000001", dt.date(2003, 12, 31), F, "Hồ Chí Minh", 2003),
        ("096185000000", dt.date(1985, 2, 28), F, "Cà Mau", 1985),
        ("001 099 012 345", dt.date(1999, 5, 1), M, "Hà Nội", 1999),
    ],
)
def test_valid_numbers_are_decoded(number, birth, gender, province, year):
    check = validate_cccd(number, birth, gender)
    assert check.valid, check.failures
    assert check.number == number.replace(" ", "")
    assert check.decoded["province"] == province
    assert check.decoded["birth_year"] == year
    assert check.decoded["gender"] == gender


@pytest.mark.django_db
def test_without_birth_date_and_gender_only_structure_and_table_are_checked():
    check = validate_cccd("001399012345", None, None)
    assert check.valid
    assert check.decoded == {
        "province_code": "001",
        "province": "Hà Nội",
        "century": 21,
        "century_years": "2000–2099",
        "gender": F,
        "birth_year": 2099,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "codes"),
    [
        ("00109901234A", ["not_digits"]),
        ("00109901234", ["wrong_length"]),
        ("0010990123456", ["wrong_length"]),
        ("0010-990123", ["not_digits", "wrong_length"]),
        ("", ["wrong_length"]),
    ],
)
def test_format_problems_are_named_and_stop_decoding(number, codes):
    check = validate_cccd(number, dt.date(1999, 1, 1), M)
    assert _codes(check) == codes
    assert {failure.part for failure in check.failures} == {"format"}
    assert check.decoded == {}


@pytest.mark.django_db
def test_letters_are_listed_in_the_message():
    (failure,) = validate_cccd("0010990123AB", None, None).failures
    assert "'A'" in failure.message and "'B'" in failure.message


@pytest.mark.django_db
def test_unknown_province_code_is_reported_with_its_circular():
    check = validate_cccd("003099012345", dt.date(1999, 1, 1), M)
    (failure,) = check.failures
    assert (failure.part, failure.code) == ("province_code", "province_unknown")
    assert failure.message == (
        "Mã tỉnh nơi đăng ký khai sinh '003' không có trong bảng mã (Thông tư 59/2021/TT-BCA)."
    )
    assert check.decoded["province"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "birth", "gender", "part", "code"),
    [
        ("001099012345", dt.date(2099, 1, 1), M, "century_gender", "century_mismatch"),
        ("001099012345", dt.date(1999, 1, 1), F, "century_gender", "gender_mismatch"),
        ("001099012345", dt.date(1998, 1, 1), M, "birth_year", "birth_year_mismatch"),
    ],
)
def test_each_single_failed_part(number, birth, gender, part, code):
    (failure,) = validate_cccd(number, birth, gender).failures
    assert (failure.part, failure.code) == (part, code)
    assert failure.message


@pytest.mark.django_db
def test_several_failures_are_all_reported():
    check = validate_cccd("003199012345", dt.date(2001, 6, 1), M)
    assert not check.valid
    assert _codes(check) == ["province_unknown", "century_mismatch", "birth_year_mismatch", "gender_mismatch"]


@pytest.mark.parametrize(
    ("digit", "start", "gender"),
    [(0, 1900, M), (1, 1900, F), (2, 2000, M), (3, 2000, F), (4, 2100, M), (9, 2300, F)],
)
def test_century_gender_digit(digit, start, gender):
    assert century_gender(digit) == (start, gender)
