"""Calculator of the retirement date (công cụ tính thời điểm nghỉ hưu)."""

from noivu.core.calculation import Case, CaseError, register
from noivu.personnel.case_fields import birth_date_field, gender_field
from noivu.personnel.retirement.engine import RetirementError, age_text, retirement_date


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
    assert birth is not None and gender is not None  # required: missing ones raised a CaseError
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
