"""Base salary (mức lương cơ sở) in force on a date."""

import datetime as dt

from noivu.core import rules
from noivu.core.calculation import Case, CaseError, date_field, register
from noivu.core.money import format_dong

BASE_SALARY = ("base_salary", "base_salary")


def base_salary_on(day: dt.date) -> rules.RuleValue:
    """The base salary row in force on ``day``."""
    return rules.lookup(*BASE_SALARY, day)


@register("base-salary", 'Mức lương cơ sở áp dụng tại một ngày: {"date": "2025-01-15"}')
def calculate_base_salary(case: Case) -> dict:
    day = date_field(case, "date")
    try:
        rule = base_salary_on(day)
    except rules.RuleNotFound as missing:
        raise CaseError("date", str(missing)) from missing
    return {
        "result": {"date": day.isoformat(), "amount": rule.value, "amount_text": format_dong(rule.value)},
        "explanation": {
            "inputs": {"date": day.isoformat()},
            "rules": [rule.explain()],
            "steps": [
                f"Ngày {day:%d/%m/%Y} thuộc khoảng hiệu lực {rule.period_label()} của mức lương cơ sở "
                f"{format_dong(rule.value)} theo {rule.legal_basis.citation}."
            ],
        },
    }
