"""Calculator of planning eligibility (công cụ xét điều kiện quy hoạch), for integrators and auditors:
``python manage.py calc planning-eligibility --json FILE`` (see docs/calc.md). From a person's birth date,
gender, rank, yearly ratings, disciplines and programmes completed, which levels of leadership position
they may be planned for in a term, with the reasons, and the programmes still needed at each level."""

import datetime as dt
from typing import Any

from noivu.awards.models import DisciplineForm
from noivu.core.calculation import Case, CaseError, date_field, register
from noivu.core.dates import today
from noivu.core.rules import RuleNotFound
from noivu.evaluation.models import Level
from noivu.personnel import codelists
from noivu.succession import engine
from noivu.succession.models import LeadershipLevel, Programme

FIELDS = (
    "birth_date",
    "gender",
    "date",
    "term_start",
    "rank_code",
    "ratings",
    "disciplines",
    "programmes",
    "levels",
)
GENDERS = {"M": "M", "F": "F", "Nam": "M", "Nữ": "F", "male": "M", "female": "F"}


def _ratings(raw: Any) -> dict[int, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise CaseError("ratings", 'phải là đối tượng {"năm": "mức"}, ví dụ {"2024": "HTT"}')
    found = {}
    for year, level in raw.items():
        if not str(year).isdigit() or not 1900 <= int(year) <= 2100:
            raise CaseError(f"ratings.{year}", "năm không hợp lệ")
        if level not in Level.values:
            raise CaseError(f"ratings.{year}", f"mức xếp loại phải là một trong {', '.join(Level.values)}")
        found[int(year)] = level
    return found


def _disciplines(raw: Any) -> list[tuple[dt.date, str]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise CaseError("disciplines", 'phải là danh sách [{"date": "...", "form": "..."}]')
    found = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise CaseError(f"disciplines[{index}]", "phải là đối tượng có date và form")
        if item.get("form") not in DisciplineForm.values:
            raise CaseError(
                f"disciplines[{index}].form",
                f"hình thức kỷ luật phải là một trong {', '.join(DisciplineForm.values)}",
            )
        found.append((date_field(item, "date"), item["form"]))
    return found


def _codes(raw: Any, field: str, allowed: list[str]) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(code, str) for code in raw):
        raise CaseError(field, "phải là danh sách mã")
    for code in raw:
        if code not in allowed:
            raise CaseError(field, f"'{code}' không có trong danh mục ({', '.join(allowed)})")
    return list(raw)


@register("planning-eligibility", "Điều kiện quy hoạch cán bộ lãnh đạo, quản lý theo từng cấp chức danh")
def planning_eligibility(case: Case) -> dict[str, Any]:
    unknown = sorted(set(case) - set(FIELDS))
    if unknown:
        raise CaseError(unknown[0], "trường không được hỗ trợ")
    birth = date_field(case, "birth_date")
    gender = GENDERS.get(str(case.get("gender", "")))
    if gender is None:
        raise CaseError("gender", "phải là M hoặc F")
    day = date_field(case, "date", required=False) or today()
    term_start = case.get("term_start")
    if isinstance(term_start, bool) or not isinstance(term_start, int) or not 2000 <= term_start <= 2100:
        raise CaseError("term_start", "năm bắt đầu nhiệm kỳ, số nguyên từ 2000 đến 2100 — bắt buộc")
    rank_code = case.get("rank_code") or ""
    if not isinstance(rank_code, str):
        raise CaseError("rank_code", "phải là mã ngạch dạng chuỗi, ví dụ 01.003")
    rank = codelists.rank_on(rank_code, day) if rank_code else None
    if rank_code and rank is None:
        raise CaseError("rank_code", f"mã ngạch '{rank_code}' không có trong bảng ngạch ngày {day:%d/%m/%Y}")
    levels = _codes(case.get("levels"), "levels", LeadershipLevel.values) or list(LeadershipLevel.values)
    facts = engine.Facts(
        birth_date=birth,
        gender=gender,
        ratings=_ratings(case.get("ratings")),
        disciplines=_disciplines(case.get("disciplines")),
        programmes=set(_codes(case.get("programmes"), "programmes", Programme.values)),
        rank_code=rank_code,
        rank_group=rank.value.get("salary_group", "") if rank else "",
    )
    tables = engine.tables()
    results: list[dict[str, Any]] = []
    rules: dict[tuple[str, str, str], dict] = {}
    try:
        for level in levels:
            ready = engine.readiness(facts, level, term_start, day, tables)
            results.append(
                {
                    "level": level,
                    "level_name": engine.leadership_level_name(level),
                    "eligible": ready.eligible,
                    "reasons": [reason.as_dict() for reason in ready.reasons],
                    "missing_programmes": ready.missing_programmes,
                    "missing_programme_names": ready.missing_names,
                }
            )
            for reason in ready.reasons:
                if reason.rule is not None:
                    key = (reason.rule.table, reason.rule.code, reason.rule.effective_from.isoformat())
                    rules[key] = reason.rule.explain()
    except RuleNotFound as error:
        raise CaseError("date", str(error)) from error
    steps = [
        f"{row['level_name']}: {'đủ' if row['eligible'] else 'chưa đủ'} điều kiện quy hoạch — "
        + "; ".join(reason["message"] for reason in row["reasons"])
        for row in results
    ]
    return {
        "result": {
            "eligible_levels": [row["level"] for row in results if row["eligible"]],
            "levels": results,
        },
        "explanation": {
            "inputs": {
                "birth_date": birth.isoformat(),
                "gender": gender,
                "date": day.isoformat(),
                "term_start": term_start,
                "rank_code": rank_code,
                "rank_group": facts.rank_group,
                "ratings": {str(year): level for year, level in sorted(facts.ratings.items())},
                "disciplines": [{"date": d.isoformat(), "form": f} for d, f in facts.disciplines],
                "programmes": sorted(facts.programmes),
            },
            "rules": list(rules.values()),
            "steps": steps,
        },
    }
