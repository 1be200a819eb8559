"""Calculators of the personnel record: the identification-number check and the retirement date."""

import datetime as dt
import re

from noivu.core.calculation import Case, CaseError, date_field, register
from noivu.core.text import fold
from noivu.personnel.cccd import validate_cccd
from noivu.personnel.models import Gender
from noivu.personnel.retirement import RetirementError, age_text, retirement_date

GENDER_WORDS = {
    "m": Gender.MALE, "nam": Gender.MALE, "male": Gender.MALE,
    "f": Gender.FEMALE, "nu": Gender.FEMALE, "female": Gender.FEMALE,
}
YEAR_ONLY = re.compile(r"^\d{4}$")
MONTH_YEAR = re.compile(r"^(?:(?P<m1>\d{1,2})/(?P<y1>\d{4})|(?P<y2>\d{4})-(?P<m2>\d{1,2}))$")


def gender_field(case: Case, field: str, *, required: bool) -> str | None:
    """"M"/"F", also "Nam"/"Nữ" and "male"/"female" in any case."""
    raw = case.get(field)
    if raw in (None, ""):
        if required:
            raise CaseError(field, "bắt buộc")
        return None
    if not isinstance(raw, str) or fold(raw) not in GENDER_WORDS:
        raise CaseError(field, f"'{raw}' không phải giới tính hợp lệ (M/F, Nam/Nữ, male/female)")
    return GENDER_WORDS[fold(raw)]


def birth_date_field(case: Case, field: str, *, required: bool) -> tuple[dt.date | None, str]:
    """A birth date, also one known only by year ("1961") or by month and year ("03/1961", "1961-03").

    Returns the date and what was known: "day", "month" or "year". A missing day or month counts as the
    1st (Nghị định 135/2020/NĐ-CP Điều 3; Nghị định 158/2025/NĐ-CP).
    """
    raw = case.get(field)
    if isinstance(raw, str):
        text = raw.strip()
        if YEAR_ONLY.match(text):
            return dt.date(int(text), 1, 1), "year"
        match = MONTH_YEAR.match(text)
        if match:
            month = int(match["m1"] or match["m2"])
            if not 1 <= month <= 12:
                raise CaseError(field, f"'{raw}' không phải tháng, năm hợp lệ")
            return dt.date(int(match["y1"] or match["y2"]), month, 1), "month"
    return date_field(case, field, required=required), "day"


def _months_field(case: Case, field: str) -> int | None:
    raw = case.get(field)
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
        raise CaseError(field, "phải là số tháng nguyên dương")
    return raw


def _age(months: int) -> dict:
    years, rest = divmod(months, 12)
    return {"years": years, "months": rest, "text": age_text(months)}


@register(
    "retirement-date",
    "Tuổi và thời điểm nghỉ hưu (Bộ luật Lao động 2019 Điều 169, Nghị định 135/2020/NĐ-CP): "
    '{"birth_date": "15/03/1961", "gender": "M", "ground": null}',
)
def calculate_retirement_date(case: Case) -> dict:
    birth, known = birth_date_field(case, "birth_date", required=True)
    gender = gender_field(case, "gender", required=True)
    ground = case.get("ground")
    if ground is not None and not isinstance(ground, str):
        raise CaseError("ground", "phải là mã trường hợp nghỉ hưu sớm hơn hoặc muộn hơn, hoặc null")
    ground = ground or None
    earlier, later = _months_field(case, "months_earlier"), _months_field(case, "months_later")
    if earlier and later:
        raise CaseError("months_later", "chỉ ghi một trong months_earlier hoặc months_later")
    if (earlier or later) and ground is None:
        raise CaseError("ground", "cần ghi trường hợp pháp luật cho phép nghỉ hưu sớm hơn hoặc muộn hơn")
    adjustment = -earlier if earlier else (later or 0)
    try:
        result = retirement_date(birth, gender, ground=ground, adjustment_months=adjustment)
    except RetirementError as error:
        field = error.field
        if field == "adjustment_months":
            field = "months_earlier" if earlier else "months_later" if later else "ground"
        raise CaseError(field, error.message) from error
    explanation = result.explain()
    explanation["inputs"] = {
        "birth_date": birth.isoformat(),
        "birth_date_known": known,
        "gender": gender,
        "ground": ground,
        "months_earlier": max(-result.adjustment_months, 0),
        "months_later": max(result.adjustment_months, 0),
    }
    if known != "day":
        explanation["steps"].insert(
            0,
            f"Hồ sơ chỉ có {'năm' if known == 'year' else 'tháng, năm'} sinh: lấy ngày {birth:%d/%m/%Y} "
            "làm căn cứ (Nghị định 135/2020/NĐ-CP Điều 3).",
        )
    return {
        "result": {
            "birth_date": birth.isoformat(),
            "gender": gender,
            "ground": ground,
            "normal_retirement_age": _age(result.normal_age_months),
            "retirement_age": _age(result.retirement_age_months),
            "months_earlier": max(-result.adjustment_months, 0),
            "months_later": max(result.adjustment_months, 0),
            "retirement_date": result.retirement_date.isoformat(),
            "retirement_date_text": f"{result.retirement_date:%d/%m/%Y}",
            "pension_start": result.pension_start.isoformat(),
            "pension_start_text": f"{result.pension_start:%d/%m/%Y}",
        },
        "explanation": explanation,
    }


@register(
    "cccd",
    "Kiểm tra số định danh cá nhân (CCCD) theo Nghị định 137/2015/NĐ-CP Điều 7, Thông tư 59/2021/TT-BCA: "
    '{"number": "001099012345", "birth_date": "1999-05-01", "gender": "M"}',
)
def calculate_cccd(case: Case) -> dict:
    number = case.get("number")
    if number in (None, ""):
        raise CaseError("number", "bắt buộc")
    if not isinstance(number, str):
        raise CaseError("number", "phải là chuỗi ký tự (số JSON làm mất chữ số 0 ở đầu)")
    birth, _known = birth_date_field(case, "birth_date", required=False)
    gender = gender_field(case, "gender", required=False)
    check = validate_cccd(number, birth, gender)
    explanation = check.explain()
    explanation["inputs"] = {
        "number": check.number,
        "birth_date": birth.isoformat() if birth else None,
        "gender": gender,
    }
    if check.valid:
        explanation["steps"].append("Số định danh cá nhân hợp lệ với mọi phần đã kiểm tra.")
    else:
        explanation["steps"].append(f"Số định danh cá nhân không hợp lệ: {len(check.failures)} lỗi.")
    return {
        "result": {
            "number": check.number,
            "valid": check.valid,
            "failures": [failure.as_dict() for failure in check.failures],
            "decoded": check.decoded,
        },
        "explanation": explanation,
    }
