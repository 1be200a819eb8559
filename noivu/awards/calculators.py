"""Calculators of emulation and commendation (công cụ tính thi đua, khen thưởng), for integrators and
auditors (see docs/calc.md):

- ``python manage.py calc award-eligibility --json FILE``: the titles and forms a person (or, given the
  unit's rating, the collective of the persons given) may be proposed for in a year, each with its
  conditions, citations and the condition that failed;
- ``python manage.py calc award-amount --json FILE``: the reward money of a title or form decided on a date.
"""

import datetime as dt
from dataclasses import replace
from typing import Any

import polars as pl

from noivu.awards import engine
from noivu.awards.models import InitiativeLevel
from noivu.core.calculation import Case, CaseError, date_field, register
from noivu.core.money import format_dong

LEVELS = ("HTXS", "HTT", "HT", "KHT")
ELIGIBILITY_FIELDS = (
    "year",
    "decided_on",
    "persons",
    "unit_rating",
    "unit_ratings",
    "unit_titles",
    "rounding",
)
PERSON_FIELDS = ("id", "ratings", "titles", "initiatives", "disciplines")
AMOUNT_FIELDS = ("award", "recipient", "decided_on", "rounding")


def _unknown(raw: dict, allowed: tuple[str, ...], where: str) -> None:
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise CaseError(f"{where}{unknown[0]}", f"trường không được hỗ trợ; các trường: {', '.join(allowed)}")


def _year(value: Any, field: str) -> int:
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1945 <= value <= 2100:
        raise CaseError(field, "phải là một năm (số nguyên từ 1945 đến 2100)")
    return value


def _date(raw: Any, field: str, *, required: bool = True) -> dt.date | None:
    return date_field({field: raw}, field, required=required)


def _list(raw: dict, name: str, where: str) -> list:
    value = raw.get(name, [])
    if not isinstance(value, list):
        raise CaseError(f"{where}{name}", "phải là danh sách")
    return value


def _person(raw: Any, index: int, codes: set[str]) -> tuple[int, list, list, list, list]:
    where = f"persons[{index}]."
    if not isinstance(raw, dict):
        raise CaseError(f"persons[{index}]", "phải là một đối tượng JSON (lịch sử của một người)")
    _unknown(raw, PERSON_FIELDS, where)
    person_id = raw.get("id", index + 1)
    if isinstance(person_id, bool) or not isinstance(person_id, int):
        raise CaseError(f"{where}id", "phải là số nguyên")
    ratings_raw = raw.get("ratings", {})
    if not isinstance(ratings_raw, dict):
        raise CaseError(f"{where}ratings", 'phải là đối tượng {"năm": "HTXS|HTT|HT|KHT"}')
    ratings = []
    for year, level in ratings_raw.items():
        if level not in LEVELS:
            raise CaseError(f"{where}ratings.{year}", f"phải là một trong: {', '.join(LEVELS)}")
        ratings.append((person_id, _year(year, f"{where}ratings.{year}"), level))
    titles = []
    for k, item in enumerate(_list(raw, "titles", where)):
        field = f"{where}titles[{k}]"
        if not isinstance(item, dict) or set(item) != {"year", "title"}:
            raise CaseError(field, 'phải là {"year": năm thành tích, "title": mã danh hiệu}')
        if item["title"] not in codes:
            raise CaseError(f"{field}.title", f"phải là một trong: {', '.join(sorted(codes))}")
        titles.append((person_id, _year(item["year"], f"{field}.year"), item["title"]))
    initiatives = []
    for k, item in enumerate(_list(raw, "initiatives", where)):
        field = f"{where}initiatives[{k}]"
        if not isinstance(item, dict) or set(item) - {"year", "level"} or "year" not in item:
            raise CaseError(field, 'phải là {"year": năm công nhận, "level": cấp công nhận}')
        level = item.get("level", InitiativeLevel.GRASSROOTS)
        if level not in InitiativeLevel.values:
            raise CaseError(f"{field}.level", f"phải là một trong: {', '.join(InitiativeLevel.values)}")
        initiatives.append((person_id, _year(item["year"], f"{field}.year"), level))
    disciplines = []
    for k, item in enumerate(_list(raw, "disciplines", where)):
        field = f"{where}disciplines[{k}]"
        if not isinstance(item, dict) or set(item) - {"from", "to", "form"} or "from" not in item:
            raise CaseError(
                field, 'phải là {"from": ngày bắt đầu, "to": ngày hết thời hạn, "form": hình thức}'
            )
        start = _date(item["from"], f"{field}.from")
        end = _date(item.get("to"), f"{field}.to", required=False)
        if start is not None and end is not None and end < start:
            raise CaseError(f"{field}.to", "không được trước ngày bắt đầu (from)")
        form = item.get("form", "reprimand")
        if not isinstance(form, str):
            raise CaseError(f"{field}.form", "phải là chuỗi ký tự")
        disciplines.append((person_id, start, end, form))
    return person_id, ratings, titles, initiatives, disciplines


def _unit_history(case: Case, year: int, codes: set[str]) -> dict[str, pl.DataFrame]:
    """The unit's own ratings of the years before ``year`` (``unit_ratings``) and the collective titles it
    holds (``unit_titles``), as the frames of the history."""
    raw = case.get("unit_ratings", {})
    if not isinstance(raw, dict):
        raise CaseError("unit_ratings", 'phải là đối tượng {"năm": "HTXS|HTT|HT|KHT"}')
    ratings = []
    for given, level in raw.items():
        if level not in LEVELS:
            raise CaseError(f"unit_ratings.{given}", f"phải là một trong: {', '.join(LEVELS)}")
        earlier = _year(given, f"unit_ratings.{given}")
        if earlier >= year:
            raise CaseError(f"unit_ratings.{given}", "chỉ các năm trước năm xét (year)")
        ratings.append((0, earlier, level))
    titles = []
    for k, item in enumerate(_list(case, "unit_titles", "")):
        field = f"unit_titles[{k}]"
        if not isinstance(item, dict) or set(item) != {"year", "title"}:
            raise CaseError(field, 'phải là {"year": năm thành tích, "title": mã danh hiệu}')
        if item["title"] not in codes:
            raise CaseError(f"{field}.title", f"phải là một trong: {', '.join(sorted(codes))}")
        titles.append((0, _year(item["year"], f"{field}.year"), item["title"]))
    return {
        "unit_ratings": pl.DataFrame(ratings, schema=engine.UNIT_RATINGS, orient="row"),
        "unit_held": pl.DataFrame(titles, schema=engine.UNIT_HELD, orient="row"),
    }


def _explained(screening: engine.Screening, key: str, who: int) -> list[dict[str, Any]]:
    results = screening.results.filter(pl.col(key) == who).to_dicts()
    checks = screening.conditions.filter(pl.col(key) == who).to_dicts()
    out = []
    for row in results:
        rule = screening.rules[row["title"]]
        out.append(
            {
                "code": row["title"],
                "name": rule.value["name"],
                "eligible": row["eligible"],
                "failed": row["failed"],
                "failed_message": screening.messages[row["failed"]].message if row["failed"] else None,
                "citation": rule.legal_basis.citation,
                "confidence": rule.legal_basis.confidence,
                "conditions": [
                    {
                        "code": c["condition"],
                        "met": c["met"],
                        "message": screening.messages[c["condition"]].message,
                    }
                    for c in checks
                    if c["title"] == row["title"]
                ],
            }
        )
    return out


@register(
    "award-eligibility",
    "Danh hiệu thi đua, hình thức khen thưởng đủ điều kiện đề nghị trong một năm, theo lịch sử của cá nhân "
    "(và của tập thể khi cho xếp loại tập thể)",
)
def calculate_eligibility(case: Case) -> dict[str, Any]:
    _unknown(case, ELIGIBILITY_FIELDS, "")
    if "year" not in case:
        raise CaseError("year", "bắt buộc (năm xét thành tích)")
    year = _year(case["year"], "year")
    decided_on = date_field(case, "decided_on", required=False) or dt.date(year + 1, 1, 15)
    try:
        regime = engine.regime_on(decided_on)
    except engine.ScreeningError as error:
        raise CaseError("decided_on", str(error)) from error
    codes = set(engine.title_rules(decided_on))
    raw_persons = case.get("persons")
    if not isinstance(raw_persons, list) or not raw_persons:
        raise CaseError("persons", "bắt buộc: danh sách lịch sử của từng người (ít nhất một)")
    parsed = [_person(raw, i, codes) for i, raw in enumerate(raw_persons)]
    ids = [p[0] for p in parsed]
    if len(set(ids)) != len(ids):
        raise CaseError("persons", "mỗi người một id khác nhau")
    history = engine.History(
        pl.DataFrame([r for p in parsed for r in p[1]], schema=engine.RATINGS, orient="row"),
        pl.DataFrame([r for p in parsed for r in p[2]], schema=engine.HELD, orient="row"),
        pl.DataFrame([r for p in parsed for r in p[3]], schema=engine.INITIATIVES, orient="row"),
        pl.DataFrame([r for p in parsed for r in p[4]], schema=engine.DISCIPLINES, orient="row"),
    )
    persons = pl.DataFrame({"person_id": ids}, schema={"person_id": pl.Int64})
    screening = engine.screen(persons, history, year, decided_on)
    people = []
    for person_id in ids:
        titles = _explained(screening, "person_id", person_id)
        people.append(
            {"id": person_id, "eligible": [t["code"] for t in titles if t["eligible"]], "titles": titles}
        )
    steps = [
        f"Năm xét {year}, ngày quyết định {decided_on:%d/%m/%Y}: chế độ {regime.legal_basis.citation}.",
        f"Không xét khen thưởng khi đang chịu kỷ luật; thành tích tính từ khi hết thời hạn kỷ luật "
        f"({screening.rules['DISCIPLINE'].legal_basis.citation}).",
    ]
    result: dict[str, Any] = {"year": year, "decided_on": decided_on.isoformat(), "persons": people}
    rules = [regime.explain(), *[screening.explain(code) for code in screening.rules]]
    if "unit_rating" not in case and ("unit_ratings" in case or "unit_titles" in case):
        raise CaseError("unit_rating", "bắt buộc khi cho unit_ratings hoặc unit_titles")
    if "unit_rating" in case:
        rating = case["unit_rating"]
        if rating not in LEVELS:
            raise CaseError("unit_rating", f"phải là một trong: {', '.join(LEVELS)}")
        members = persons.with_columns(pl.lit(0, pl.Int64).alias("organization_id"))
        units = pl.DataFrame({"organization_id": [0], "rating": [rating]}, schema=engine.UNITS)
        history = replace(history, **_unit_history(case, year, set(engine.title_rules(decided_on))))
        collective = engine.screen_collectives(members, units, history, year, decided_on)
        titles = _explained(collective, "organization_id", 0)
        result["collective"] = {"eligible": [t["code"] for t in titles if t["eligible"]], "titles": titles}
        rules += [collective.explain(code) for code in collective.rules]
        steps.append(f"Tập thể {len(ids)} thành viên, xếp loại tập thể {rating}.")
    return {"result": result, "explanation": {"inputs": case, "rules": rules, "steps": steps}}


@register(
    "award-amount",
    'Tiền thưởng danh hiệu, hình thức khen thưởng: {"award": "CSTDCS", "recipient": "individual", '
    '"decided_on": "2025-07-15"}',
)
def calculate_amount(case: Case) -> dict[str, Any]:
    _unknown(case, AMOUNT_FIELDS, "")
    award = case.get("award")
    if not isinstance(award, str) or not award:
        raise CaseError("award", "bắt buộc: mã danh hiệu, hình thức khen thưởng (ví dụ CSTDCS, BK_TTG)")
    recipient = case.get("recipient", engine.INDIVIDUAL)
    if recipient not in (engine.INDIVIDUAL, engine.COLLECTIVE):
        raise CaseError("recipient", "phải là individual (cá nhân) hoặc collective (tập thể)")
    rounding = case.get("rounding", True)
    if not isinstance(rounding, bool):
        raise CaseError("rounding", "phải là true hoặc false")
    decided_on = date_field(case, "decided_on")
    try:
        reward = engine.reward_amount(award, recipient, decided_on, rounding=rounding)
    except engine.ScreeningError as error:
        field = "decided_on" if decided_on < engine.FIRST_DECISION else "award"
        raise CaseError(field, str(error)) from error
    return {
        "result": {
            "award": award,
            "recipient": recipient,
            "decided_on": decided_on.isoformat(),
            "coefficient": str(reward.coefficient),
            "base_salary": reward.base_salary,
            "unrounded": format(reward.unrounded.normalize(), "f"),
            "amount": reward.amount,
            "amount_text": format_dong(reward.amount),
        },
        "explanation": {
            "inputs": case,
            "rules": [rule.explain() for rule in reward.rules],
            "steps": reward.steps,
        },
    }
