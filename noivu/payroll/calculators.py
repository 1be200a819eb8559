"""The salary calculator: ``python manage.py calc salary --json FILE`` (docs/calc.md)."""

from decimal import Decimal
from typing import Any

from noivu.core.calculation import Case, CaseError, date_field, register
from noivu.payroll.engine import (
    AllowanceInput,
    SalaryCase,
    SalaryInputError,
    SalaryLaw,
    compute_salary,
    decimal_of,
)

DESCRIPTION = (
    'Lương tháng theo từng khoản, có căn cứ: {"on": "2026-07-15", "rank_code": "01.003", "step": 3, '
    '"allowances": [{"kind": "regional", "coefficient": "0.2"}]}'
)


def _integer(case: Case, name: str, *, minimum: int = 0) -> int | None:
    value = case.get(name)
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise CaseError(name, f"phải là số nguyên từ {minimum}")
    return value


def _flag(case: Case, name: str) -> bool | None:
    value = case.get(name)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise CaseError(name, "phải là true hoặc false")
    return value


def _allowances(case: Case) -> tuple[AllowanceInput, ...]:
    raw = case.get("allowances") or []
    if not isinstance(raw, list):
        raise CaseError("allowances", "phải là một danh sách")
    found = []
    for index, item in enumerate(raw):
        name = f"allowances[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("kind"), str):
            raise CaseError(
                name, 'phải là {"kind": ..., "coefficient": ...} hoặc {"kind": ..., "percent": ...}'
            )
        coefficient = item.get("coefficient")
        percent = item.get("percent")
        found.append(
            AllowanceInput(
                item["kind"],
                coefficient=decimal_of(coefficient, f"{name}.coefficient")
                if coefficient is not None
                else None,
                percent=decimal_of(percent, f"{name}.percent") if percent is not None else None,
                title=str(item.get("title") or ""),
            )
        )
    return tuple(found)


def salary_case(case: Case) -> SalaryCase:
    """Read a JSON case into a :class:`SalaryCase`, naming the field of any bad value."""
    on = date_field(case, "date" if "date" in case and "on" not in case else "on")
    coefficient = case.get("coefficient")
    leadership_coefficient = case.get("leadership_coefficient")
    allowances = _allowances(case)
    if leadership_coefficient is not None:
        allowances = (
            AllowanceInput(
                "leadership", coefficient=decimal_of(leadership_coefficient, "leadership_coefficient")
            ),
            *allowances,
        )
    base_salary = _integer(case, "base_salary", minimum=1)
    category = case.get("category") or "civil_servant"
    if not isinstance(category, str):
        raise CaseError("category", "phải là mã đối tượng (civil_servant, public_employee, ...)")
    return SalaryCase(
        on=on,
        category=category,
        rank_code=str(case.get("rank_code") or ""),
        scale=str(case.get("scale") or ""),
        step=_integer(case, "step", minimum=1),
        coefficient=decimal_of(coefficient, "coefficient") if coefficient is not None else None,
        seniority_percent=_integer(case, "seniority_percent"),
        last_step_since=date_field(case, "last_step_since", required=False),
        seniority_delay_months=_integer(case, "seniority_delay_months") or 0,
        reserved_coefficient=decimal_of(case.get("reserved_coefficient") or "0", "reserved_coefficient"),
        leadership_code=str(case.get("leadership") or ""),
        allowances=allowances,
        public_duty=_flag(case, "public_duty"),
        union_member=bool(_flag(case, "union_member")),
        base_salary=base_salary,
    )


@register("salary", DESCRIPTION)
def calculate_salary(case: Case) -> dict[str, Any]:
    salary = salary_case(case)
    try:
        result = compute_salary(salary, SalaryLaw.load())
    except SalaryInputError:
        raise
    inputs = {
        "on": salary.on.isoformat(),
        "category": salary.category,
        "rank_code": salary.rank_code,
        "scale": result.scale,
        "step": result.step,
        "seniority_percent": salary.seniority_percent,
        "reserved_coefficient": str(salary.reserved_coefficient),
        "leadership": salary.leadership_code,
        "allowances": [
            {"kind": a.kind, "coefficient": _text(a.coefficient), "percent": _text(a.percent)}
            for a in salary.allowances
        ],
        "base_salary": salary.base_salary,
    }
    return {
        "result": result.as_dict(),
        "explanation": {"inputs": inputs, "rules": result.rules, "steps": result.steps},
    }


def _text(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


PLACEMENT_DESCRIPTION = (
    "Xếp lương khi nâng ngạch, chuyển ngạch (Thông tư 02/2007/TT-BNV Mục II): "
    '{"on": "2025-09-01", "old_scale": "bang_3_vien_chuc.A1", "old_step": 9, "old_seniority_percent": 7, '
    '"old_since": "2018-01-01", "new_scale": "bang_3_vien_chuc.A2.2"} hoặc "new_rank_code": "01.002"'
)


def _coefficients(law: SalaryLaw, case: Case, prefix: str, on: Any) -> tuple[str, list[Decimal]]:
    scale = case.get(f"{prefix}_scale")
    rank = case.get(f"{prefix}_rank_code")
    if not scale and not rank:
        raise CaseError(f"{prefix}_scale", f"ghi {prefix}_scale (bảng.nhóm) hoặc {prefix}_rank_code")
    if not isinstance(scale or rank, str):
        raise CaseError(f"{prefix}_scale", "phải là chuỗi")
    try:
        code = str(scale) if scale else law.scale_of_rank(str(rank), on)
        found = law.scale_on(code, on)
    except SalaryInputError as error:
        raise CaseError(f"{prefix}_scale" if scale else f"{prefix}_rank_code", error.message) from error
    return code, [Decimal(value) for value in found.value["coefficients"]]


@register("rank-placement", PLACEMENT_DESCRIPTION)
def calculate_rank_placement(case: Case) -> dict[str, Any]:
    from noivu.payroll.raises import place_on_new_scale

    on = date_field(case, "on")
    law = SalaryLaw.load()
    old_scale, old = _coefficients(law, case, "old", on)
    new_scale, new = _coefficients(law, case, "new", on)
    old_step = _integer(case, "old_step", minimum=1)
    if old_step is None:
        raise CaseError("old_step", "bắt buộc")
    percent = _integer(case, "old_seniority_percent") or 0
    since = date_field(case, "old_since")
    transfer = bool(_flag(case, "transfer"))
    placement = place_on_new_scale(old, old_step, percent, since, new, on, transfer=transfer)
    return {
        "result": {
            "scale": new_scale,
            "step": placement.step,
            "coefficient": str(placement.coefficient),
            "reserved_coefficient": str(placement.reserved_coefficient),
            "seniority_percent": placement.seniority_percent,
            "old_total": str(placement.old_total),
            "clock_from": placement.clock_from.isoformat(),
        },
        "explanation": {
            "inputs": {
                "on": on.isoformat(),
                "old_scale": old_scale,
                "old_step": old_step,
                "old_seniority_percent": percent,
                "old_since": since.isoformat(),
                "new_scale": new_scale,
                "transfer": transfer,
            },
            "rules": [
                law.scales.lookup(old_scale, on).explain(),
                law.scales.lookup(new_scale, on).explain(),
            ],
            "steps": [placement.reason],
        },
    }
