"""Check of the personal identification number (số định danh cá nhân, the CCCD / thẻ căn cước number).

Nghị định 137/2015/NĐ-CP Điều 7: 12 digits, ``PPP G YY RRRRRR``: the code of the province (or country)
where the birth was registered, a digit for the century of birth and the gender, the last two digits of the
birth year, six random digits. Thông tư 59/2021/TT-BCA Điều 7 (before it Thông tư 07/2016/TT-BCA) gives the
province codes (rule table ``cccd_province_codes``) and the century-gender digit: 0/1 for the 20th century
(1900–1999) male/female, 2/3 for the 21st, and so on to 8/9 for the 24th; even digits are male. There is no
check digit, so none is checked.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from noivu.core import dates, rules
from noivu.personnel.models import Gender

PROVINCE_TABLE = "cccd_province_codes"
LENGTH = 12

STRUCTURE_BASIS = {
    "document_number": "137/2015/NĐ-CP",
    "article": "Điều 7",
    "title": "Quy định chi tiết một số điều và biện pháp thi hành Luật Căn cước công dân",
    "confidence": "cross-checked",
    "citation": "137/2015/NĐ-CP, Điều 7",
}
CENTURY_GENDER_BASIS = {
    "document_number": "59/2021/TT-BCA",
    "article": "Điều 7",
    "title": "Quy định chi tiết thi hành Luật Căn cước công dân và Nghị định 137/2015/NĐ-CP",
    "confidence": "cross-checked",
    "citation": "59/2021/TT-BCA, Điều 7",
}


@dataclass(frozen=True)
class CccdFailure:
    """One failed part of the check: ``part`` of the number, machine ``code``, Vietnamese ``message``."""

    part: str
    code: str
    message: str

    def as_dict(self) -> dict:
        return {"part": self.part, "code": self.code, "message": self.message}


@dataclass(frozen=True)
class CccdCheck:
    """The outcome of :func:`validate_cccd`: every failure found, and what the number itself says."""

    number: str
    failures: list[CccdFailure] = field(default_factory=list)
    decoded: dict = field(default_factory=dict)
    rules: list[dict] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.failures

    def explain(self) -> dict:
        """The rules and reasoning steps, as a calculator's explanation carries them (copies)."""
        return {"rules": list(self.rules), "steps": list(self.steps)}


def century_gender(digit: int) -> tuple[int, str]:
    """(first year of the century, gender) coded by the 4th digit: 0 → (1900, M), 3 → (2000, F)."""
    return 1900 + 100 * (digit // 2), Gender.MALE if digit % 2 == 0 else Gender.FEMALE


def _gender_label(gender: str) -> str:
    return _("nam") if gender == Gender.MALE else _("nữ")


def validate_cccd(
    number: str, birth_date: dt.date | None, gender: str | None, provinces: rules.RuleTable | None = None
) -> CccdCheck:
    """Check ``number`` against its structure, the province table, and the recorded birth date and gender.

    Spaces are ignored. A number that is not 12 digits is reported as such and not decoded further; the
    other parts (province code, century and gender digit, birth-year digits) are each checked and every
    failure is reported. ``birth_date`` and ``gender`` ("M"/"F") are optional. ``provinces``: the
    ``cccd_province_codes`` table already taken, when the caller checks many numbers.
    """
    digits = "".join(number.split())
    failures: list[CccdFailure] = []
    rules_used = [{"code": "structure", "value": "PPP G YY RRRRRR", "legal_basis": STRUCTURE_BASIS}]
    steps: list[str] = []
    bad = sorted({ch for ch in digits if not ("0" <= ch <= "9")})
    if bad:
        failures.append(
            CccdFailure(
                "format",
                "not_digits",
                _("Số định danh cá nhân chỉ gồm chữ số; có ký tự không hợp lệ: %(chars)s.")
                % {"chars": ", ".join(f"'{ch}'" for ch in bad)},
            )
        )
    if len(digits) != LENGTH:
        failures.append(
            CccdFailure(
                "format",
                "wrong_length",
                _("Số định danh cá nhân phải có đúng %(length)s chữ số; số đã nhập có %(count)s ký tự.")
                % {"length": LENGTH, "count": len(digits)},
            )
        )
    if failures:
        steps.append(_("Số không đúng cấu trúc 12 chữ số (Nghị định 137/2015/NĐ-CP Điều 7): không giải mã."))
        return CccdCheck(digits, failures, {}, rules_used, steps)

    province_code, digit, year_digits = digits[:3], int(digits[3]), digits[4:6]
    century_start, coded_gender = century_gender(digit)
    birth_year = century_start + int(year_digits)
    decoded = {
        "province_code": province_code,
        "province": None,
        "century": century_start // 100 + 1,
        "century_years": f"{century_start}–{century_start + 99}",
        "gender": coded_gender,
        "birth_year": birth_year,
    }
    steps.append(_("Số gồm đúng 12 chữ số (Nghị định 137/2015/NĐ-CP Điều 7)."))

    try:
        province = (provinces or rules.rule_table(PROVINCE_TABLE)).lookup(province_code, dates.today())
    except rules.RuleNotFound:
        failures.append(
            CccdFailure(
                "province_code",
                "province_unknown",
                _("Mã tỉnh nơi đăng ký khai sinh '%(code)s' không có trong bảng mã (Thông tư %(circular)s).")
                % {"code": province_code, "circular": "59/2021/TT-BCA"},
            )
        )
    else:
        decoded["province"] = province.value
        rules_used.append(province.explain())
        steps.append(
            _("Mã '%(code)s' là mã của %(province)s, nơi đăng ký khai sinh (%(citation)s).")
            % {
                "code": province_code,
                "province": province.value,
                "citation": province.legal_basis.citation,
            }
        )

    rules_used.append(
        {
            "code": "century_gender",
            "value": "0/1: 1900–1999 nam/nữ; 2/3: 2000–2099; …; 8/9: 2300–2399",
            "legal_basis": CENTURY_GENDER_BASIS,
        }
    )
    steps.append(
        _(
            "Chữ số thứ 4 là '%(digit)s': sinh trong các năm %(years)s, giới tính %(gender)s; chữ số 5–6 "
            "'%(yy)s': năm sinh %(year)s."
        )
        % {
            "digit": digit,
            "years": decoded["century_years"],
            "gender": _gender_label(coded_gender),
            "yy": year_digits,
            "year": birth_year,
        }
    )
    if birth_date is not None:
        if not century_start <= birth_date.year <= century_start + 99:
            failures.append(
                CccdFailure(
                    "century_gender",
                    "century_mismatch",
                    _(
                        "Mã thế kỷ (chữ số thứ 4 là '%(digit)s', năm sinh %(years)s) không khớp năm sinh "
                        "%(year)s."
                    )
                    % {"digit": digit, "years": decoded["century_years"], "year": birth_date.year},
                )
            )
        if year_digits != f"{birth_date.year % 100:02d}":
            failures.append(
                CccdFailure(
                    "birth_year",
                    "birth_year_mismatch",
                    _("Hai chữ số năm sinh (chữ số thứ 5–6 là '%(yy)s') không khớp năm sinh %(year)s.")
                    % {"yy": year_digits, "year": birth_date.year},
                )
            )
    if gender is not None and gender != coded_gender:
        failures.append(
            CccdFailure(
                "century_gender",
                "gender_mismatch",
                _("Mã giới tính (chữ số thứ 4 là '%(digit)s': %(coded)s) không khớp giới tính %(gender)s.")
                % {"digit": digit, "coded": _gender_label(coded_gender), "gender": _gender_label(gender)},
            )
        )
    return CccdCheck(digits, failures, decoded, rules_used, steps)
