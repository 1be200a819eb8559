"""Calculator of an exam result (kết quả thi tuyển, xét tuyển) for integrators and auditors:
``python manage.py calc exam-result --json FILE`` (see docs/calc.md). The rules are those in force on the
exam ``date`` for the ``staff_kind``; the same engine ranks a whole round."""

from typing import Any

import polars as pl

from noivu.core.calculation import Case, CaseError, date_field, register
from noivu.core.rules import RuleNotFound
from noivu.recruitment import ranking

FIELDS = ("date", "staff_kind", "method", "exam_form", "scores", "priority_grounds", "exemptions", "eligible")
KINDS = ("civil_servant", "public_employee")
FORMS = ("single", "written_interview")


def _score(raw: Any, field: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise CaseError(field, "phải là số")
    if not 0 <= raw <= 100:
        raise CaseError(field, f"{raw} ngoài thang điểm 100 (từ 0 đến 100)")
    return float(raw)


@register(
    "exam-result", "Kết quả thi tuyển, xét tuyển: đạt hay không, tổng điểm có điểm ưu tiên, các khóa xếp hạng"
)
def calculate(case: Case) -> dict[str, Any]:
    unknown = sorted(set(case) - set(FIELDS))
    if unknown:
        raise CaseError(unknown[0], f"trường không được hỗ trợ; các trường: {', '.join(FIELDS)}")
    day = date_field(case, "date")
    kind = case.get("staff_kind", "civil_servant")
    if kind not in KINDS:
        raise CaseError("staff_kind", f"phải là một trong: {', '.join(KINDS)}")
    method = case.get("method", "exam")
    if method not in ("exam", "selection"):
        raise CaseError("method", "phải là exam (thi tuyển) hoặc selection (xét tuyển)")
    exam_form = case.get("exam_form", "single")
    if exam_form not in FORMS:
        raise CaseError("exam_form", f"phải là một trong: {', '.join(FORMS)}")
    try:
        rules = ranking.Rules.load(kind, day)
    except RuleNotFound as error:
        raise CaseError("date", str(error)) from error
    scores = case.get("scores")
    if not isinstance(scores, dict):
        raise CaseError(
            "scores", "phải là một đối tượng JSON: general, professional hoặc written và interview"
        )
    extra = sorted(set(scores) - set(ranking.PARTS))
    if extra:
        raise CaseError(f"scores.{extra[0]}", f"không hỗ trợ; các phần: {', '.join(ranking.PARTS)}")
    values = {
        part: _score(scores[part], f"scores.{part}") if scores.get(part) is not None else None
        for part in ranking.PARTS
    }
    needed = ("written", "interview") if exam_form == "written_interview" else ("professional",)
    for part in needed:
        if values[part] is None:
            raise CaseError(f"scores.{part}", f"bắt buộc với hình thức thi {exam_form}")
    grounds = case.get("priority_grounds", [])
    if not isinstance(grounds, list) or not all(isinstance(g, str) for g in grounds):
        raise CaseError("priority_grounds", "phải là danh sách mã đối tượng ưu tiên")
    for index, ground in enumerate(grounds):
        if ground not in rules.priority_points:
            raise CaseError(
                f"priority_grounds[{index}]",
                f"'{ground}' không có; các mã: {', '.join(rules.priority_points)}",
            )
    exemptions = case.get("exemptions", [])
    if not isinstance(exemptions, list) or any(e not in ("general", "foreign_language") for e in exemptions):
        raise CaseError("exemptions", "phải là danh sách gồm general, foreign_language")
    eligible = case.get("eligible", True)
    if not isinstance(eligible, bool):
        raise CaseError("eligible", "phải là true hoặc false")
    frame = pl.DataFrame(
        [
            {
                "candidate_id": 1,
                "position_id": 1,
                "quota": 1,
                "exam_form": exam_form,
                "round1": method == "exam",
                "eligible": eligible,
                "general_exempt": "general" in exemptions,
                "grounds": grounds,
                **values,
            }
        ],
        schema=ranking.SCHEMA,
    )
    row = ranking.rank(frame, rules).row(0, named=True)
    passed = row["reason"] is None
    return {
        "result": {
            "passed": passed,
            "reason": ranking.REASONS[row["reason"]] if row["reason"] else None,
            "score": row["score"],
            "priority_points": row["priority"],
            "total": row["total"],
            "rank_keys": {
                "total": row["total"],
                **{name: row[ranking._source(name)] for name in rules.tie_break},
            },
            "tie_break": list(rules.tie_break),
        },
        "explanation": {
            "inputs": case,
            "rules": [
                source.explain()
                for source in rules.sources
                if source.table == ranking.EXAM_TABLE or source.code.split(".", 1)[1] in grounds
            ],
            "steps": ranking.explain(row, rules),
        },
    }
