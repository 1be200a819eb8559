"""Calculator of streamlining benefits (công cụ tính chế độ tinh giản biên chế), for integrators and auditors:
``python manage.py calc streamlining-benefit --json FILE`` (see docs/calc.md)."""

import datetime as dt
from typing import Any

from noivu.core.calculation import Case, CaseError, date_field, register
from noivu.staffing.benefits import BenefitCase, BenefitError, Benefits, compute

_MONEY_LIMIT = 10**12
_FIELDS = (
    "policy",
    "case_date",
    "leave_date",
    "restructuring",
    "restructuring_decision_date",
    "phase",
    "regime",
    "salary_current",
    "salary_average",
    "si_years",
    "si_months",
    "months_to_retirement",
    "gender",
)


def _integer(case: Case, field: str, *, required: bool, low: int = 0, high: int = _MONEY_LIMIT) -> int | None:
    raw = case.get(field)
    if raw is None:
        if required:
            raise CaseError(field, "bắt buộc")
        return None
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise CaseError(field, "phải là số nguyên")
    if not low <= raw <= high:
        raise CaseError(field, f"phải từ {low} đến {high}")
    return raw


def _text(case: Case, field: str, choices: tuple[str, ...] | None = None) -> str | None:
    raw = case.get(field)
    if raw in (None, ""):
        return None
    if not isinstance(raw, str):
        raise CaseError(field, "phải là chuỗi ký tự")
    if choices is not None and raw not in choices:
        raise CaseError(field, f"phải là một trong: {', '.join(choices)}")
    return raw


def parse_case(case: Case) -> BenefitCase:
    """The calculator's JSON case as a :class:`BenefitCase`; CaseError names the field at fault."""
    unknown = sorted(set(case) - set(_FIELDS))
    if unknown:
        raise CaseError(unknown[0], f"trường không được hỗ trợ; các trường: {', '.join(_FIELDS)}")
    policy = _text(case, "policy", ("early_retirement", "resignation", "transfer_non_budget"))
    if policy is None:
        raise CaseError("policy", "bắt buộc: early_retirement, resignation hoặc transfer_non_budget")
    restructuring = case.get("restructuring", False)
    if not isinstance(restructuring, bool):
        raise CaseError("restructuring", "phải là true hoặc false")
    leave_date: dt.date = date_field(case, "leave_date")
    months = _integer(case, "months_to_retirement", required=True, high=600)
    salary = _integer(case, "salary_current", required=True, low=1)
    si_years = _integer(case, "si_years", required=True, high=60)
    assert months is not None and salary is not None and si_years is not None
    return BenefitCase(
        policy=policy,
        leave_date=leave_date,
        case_date=date_field(case, "case_date", required=False),
        restructuring=restructuring,
        restructuring_decision_date=date_field(case, "restructuring_decision_date", required=False),
        phase=_text(case, "phase", ("first_12_months", "from_month_13")),
        regime=_text(case, "regime", ("nd29_2023", "nd154_2025", "nd178_2024")),
        salary_current=salary,
        salary_average=_integer(case, "salary_average", required=False, low=1),
        si_years=si_years,
        si_months=_integer(case, "si_months", required=False, high=11) or 0,
        months_to_retirement=months,
        gender=_text(case, "gender", ("M", "F")),
    )


@register(
    "streamlining-benefit",
    "Chế độ tinh giản biên chế, chính sách khi sắp xếp tổ chức bộ máy (Nghị định 29/2023, 154/2025, "
    "178/2024 sửa "
    'đổi bởi 67/2025): {"policy": "early_retirement", "leave_date": "2025-06-01", "restructuring": true, '
    '"phase": "first_12_months", "salary_current": 30000000, "months_to_retirement": 48, "si_years": 35, '
    '"si_months": 4}',
)
def calculate_streamlining_benefit(case: Case) -> dict[str, Any]:
    parsed = parse_case(case)
    try:
        result = compute(parsed, Benefits.load())
    except BenefitError as error:
        raise CaseError(error.field, error.message) from error
    explanation = result.explain()
    inputs = {key: case[key] for key in _FIELDS if key in case}
    steps = [f"{item['label']}: {item['formula']} ({item['citation']})" for item in explanation["items"]]
    steps.insert(
        0, f"Văn bản áp dụng: {explanation['regime_label']}; chính sách: {explanation['policy_label']}."
    )
    steps += explanation["notes"]
    return {
        "result": {
            "regime": result.regime,
            "policy": result.policy,
            "phase": result.phase,
            "items": [
                {
                    "code": item["code"],
                    "label": item["label"],
                    "amount": item["amount"],
                    "citation": item["citation"],
                }
                for item in explanation["items"]
            ],
            "total": result.total,
            "total_text": explanation["total_text"],
            "years_early": explanation["years_early"],
            "si_years_counted": explanation["si_years_counted"],
            "pension_rate_percent": explanation["pension_rate_percent"],
        },
        "explanation": {
            "inputs": inputs,
            "rules": explanation["rules"],
            "steps": steps,
            "items": explanation["items"],
        },
    }
