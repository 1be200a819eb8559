"""Calculator of the identification-number check (kiểm tra số định danh cá nhân, CCCD)."""

from noivu.core.calculation import Case, CaseError, register
from noivu.personnel.case_fields import birth_date_field, gender_field
from noivu.personnel.identity.cccd import validate_cccd


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
