"""Calculator of a rating (công cụ xếp loại chất lượng), for integrators and auditors:
``python manage.py calc evaluation --json FILE`` (see docs/calc.md). The regime is the one in force on the
case's ``date`` (the last day of the period rated) for the person's ``category``."""

from decimal import Decimal, InvalidOperation
from typing import Any

from noivu.core.calculation import Case, CaseError, date_field, register
from noivu.core.rules import RuleNotFound, rule_table
from noivu.evaluation import engine
from noivu.evaluation.models import Level, Regime
from noivu.evaluation.rules import nd90_2020
from noivu.evaluation.rules.nd335_2025 import ScoreInputs, TaskResults, year_score

CATEGORIES = (
    "civil_servant",
    "public_employee",
    "cadre",
    "commune_cadre",
    "commune_servant",
    "non_professional",
)
FIELDS = (
    "date",
    "category",
    "criteria",
    "general_points",
    "tasks",
    "score",
    "period_scores",
    "is_manager",
    "unit_result_percent",
    "organising_percent",
    "overriding_reason",
)
CRITERIA = {
    "general_criteria_met": bool,
    "tasks_total": int,
    "tasks_on_time_with_quality": int,
    "tasks_exceeded": int,
    "disciplined": bool,
    "is_manager": bool,
    "unit_targets_met_percent": float,
    "unit_targets_exceeded_percent": float,
    "absent_months": int,
    "maternity_leave": bool,
}
TASK_FIELDS = ("assigned", "finished", "with_quality", "on_time")


def _decimal(value: Any, field: str, low: int = 0, high: int = 100) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise CaseError(field, "phải là số")
    try:
        number = Decimal(str(value))
    except InvalidOperation as error:
        raise CaseError(field, f"'{value}' không phải số") from error
    if not number.is_finite() or not low <= number <= high:
        raise CaseError(field, f"phải từ {low} đến {high} (thang điểm {high})")
    return number


def _whole(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CaseError(field, "phải là số nguyên không âm")
    return value


def _criteria(raw: Any) -> nd90_2020.Criteria:
    if not isinstance(raw, dict):
        raise CaseError("criteria", "phải là một đối tượng JSON (tiêu chí theo Nghị định 90/2020)")
    unknown = sorted(set(raw) - set(CRITERIA))
    if unknown:
        raise CaseError(f"criteria.{unknown[0]}", f"không hỗ trợ; các trường: {', '.join(CRITERIA)}")
    values: dict[str, Any] = {}
    for name, kind in CRITERIA.items():
        if name not in raw:
            continue
        value = raw[name]
        field = f"criteria.{name}"
        if kind is bool and not isinstance(value, bool):
            raise CaseError(field, "phải là true hoặc false")
        if kind is int:
            value = _whole(value, field)
        if kind is float:
            value = float(_decimal(value, field))
        values[name] = value
    for required in ("general_criteria_met", "tasks_total", "tasks_on_time_with_quality"):
        if required not in values:
            raise CaseError(f"criteria.{required}", "bắt buộc")
    if values["tasks_on_time_with_quality"] > values["tasks_total"]:
        raise CaseError("criteria.tasks_on_time_with_quality", "không vượt quá tasks_total")
    return nd90_2020.Criteria(**values)


def _tasks(raw: Any) -> TaskResults:
    if not isinstance(raw, dict):
        raise CaseError("tasks", f"phải là một đối tượng JSON với {', '.join(TASK_FIELDS)}")
    values = [_whole(raw.get(name, 0), f"tasks.{name}") for name in TASK_FIELDS]
    for name, value in zip(TASK_FIELDS[1:], values[1:], strict=True):
        if value > values[0]:
            raise CaseError(f"tasks.{name}", "không vượt quá số sản phẩm được giao (assigned)")
    return TaskResults(*values)


@register("evaluation", "Xếp loại chất lượng theo chế độ đánh giá có hiệu lực ở kỳ đánh giá")
def calculate(case: Case) -> dict[str, Any]:
    unknown = sorted(set(case) - set(FIELDS))
    if unknown:
        raise CaseError(unknown[0], f"trường không được hỗ trợ; các trường: {', '.join(FIELDS)}")
    day = date_field(case, "date")
    category = case.get("category", "civil_servant")
    if category not in CATEGORIES:
        raise CaseError("category", f"phải là một trong: {', '.join(CATEGORIES)}")
    table = rule_table(engine.RULES)
    try:
        regime_rule = engine.regime_for(category, day, table)
    except RuleNotFound as error:
        raise CaseError("date", str(error)) from error
    regime = regime_rule.value
    if regime == Regime.EARLIER:
        raise CaseError(
            "date", "trước Nghị định 90/2020/NĐ-CP: chỉ ghi lại kết quả đã quyết định, không tính"
        )
    if regime == Regime.ND90:
        if "criteria" not in case:
            raise CaseError(
                "criteria", "bắt buộc với chế độ Nghị định 90/2020/NĐ-CP (xếp loại theo tiêu chí)"
            )
        result = engine.rate_by_criteria(_criteria(case["criteria"]))
    elif "period_scores" in case:
        scores = case["period_scores"]
        if not isinstance(scores, list) or not scores:
            raise CaseError("period_scores", "phải là danh sách điểm các tháng hoặc quý")
        average = year_score([_decimal(value, f"period_scores[{i}]") for i, value in enumerate(scores)])
        result = engine.level_from_score(average, day, table)
        result.steps.insert(0, f"Điểm năm = trung bình {len(scores)} kỳ = {average}.")
    elif "score" in case:
        result = engine.level_from_score(_decimal(case["score"], "score"), day, table)
    else:
        if "general_points" not in case:
            raise CaseError("general_points", "bắt buộc (điểm tiêu chí chung) khi không cho score")
        reason = case.get("overriding_reason", "")
        if not isinstance(reason, str):
            raise CaseError("overriding_reason", "phải là chuỗi ký tự")
        inputs = ScoreInputs(
            _decimal(case["general_points"], "general_points", 0, 30),
            _tasks(case.get("tasks")),
            is_manager=bool(case.get("is_manager", False)),
            unit_result_percent=_optional(case, "unit_result_percent"),
            organising_percent=_optional(case, "organising_percent"),
            overriding_reason=reason,
        )
        try:
            result = engine.score_period(regime, day, inputs, table)
        except ValueError as error:
            raise CaseError("general_points", str(error)) from error
    rating = result.rating
    return {
        "result": {
            "regime": regime,
            "regime_title": str(Regime(regime).label),
            "rating": rating,
            "rating_name": str(Level(rating).label) if rating else None,
            "score": str(result.score) if result.score is not None else None,
            "components": result.components,
        },
        "explanation": {
            "inputs": case,
            "rules": [regime_rule.explain(), *result.rules],
            "steps": result.steps,
        },
    }


def _optional(case: Case, field: str) -> Decimal | None:
    return None if case.get(field) is None else _decimal(case[field], field)
