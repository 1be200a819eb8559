"""Calculator of a job-position project's checks (kiểm tra đề án vị trí việc làm), for integrators and
auditors: ``python manage.py calc position-project --json FILE`` (see docs/calc.md). The same validation
as the pages and the API, on a case given in full (no database row is read but the rule tables)."""

from typing import Any

from noivu.core.calculation import Case, CaseError, date_field, register
from noivu.positions.models import LeadershipRole, PositionGroup, StaffKind
from noivu.positions.validation import (
    HOLDER_SCHEMA,
    PEOPLE_SCHEMA,
    POSITION_SCHEMA,
    PROJECT_SCHEMA,
    REQUIRED_SCHEMA,
    Rules,
    explain,
    frame,
    validate,
)

_FIELDS = ("date", "staff_kind", "level", "quota", "divisions", "positions", "people", "required")
_LEVELS = ("central", "province", "commune")
_POSITION_FIELDS = (
    "code",
    "name",
    "group",
    "leadership_role",
    "headcount",
    "rank_code",
    "min_rank_code",
    "min_qualification",
)
_PERSON_FIELDS = ("id", "name", "rank_code", "qualification", "position", "concurrent")


def _integer(value: Any, field: str, *, required: bool = True, high: int = 1_000_000) -> int | None:
    if value is None:
        if required:
            raise CaseError(field, "bắt buộc")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise CaseError(field, "phải là số nguyên")
    if not 0 <= value <= high:
        raise CaseError(field, f"phải từ 0 đến {high}")
    return value


def _text(value: Any, field: str, choices: tuple[str, ...] | None = None, *, required: bool = False) -> str:
    if value in (None, ""):
        if required:
            raise CaseError(field, "bắt buộc")
        return ""
    if not isinstance(value, str):
        raise CaseError(field, "phải là chuỗi ký tự")
    if choices is not None and value not in choices:
        raise CaseError(field, f"phải là một trong: {', '.join(c for c in choices if c)}")
    return value.strip()


def _list(case: Case, field: str) -> list[dict[str, Any]]:
    raw = case.get(field) or []
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise CaseError(field, "phải là danh sách các đối tượng")
    return raw


def parse_case(case: Case) -> tuple[Any, ...]:
    """The frames of the case; CaseError names the field at fault."""
    unknown = sorted(set(case) - set(_FIELDS))
    if unknown:
        raise CaseError(unknown[0], f"trường không được hỗ trợ; các trường: {', '.join(_FIELDS)}")
    day = date_field(case, "date")
    kind = _text(case.get("staff_kind"), "staff_kind", tuple(StaffKind.values), required=True)
    level = _text(case.get("level"), "level", _LEVELS, required=True)
    quota = _integer(case.get("quota"), "quota", required=False)
    divisions = _integer(case.get("divisions", 0), "divisions", high=1000) or 0
    positions = []
    codes: dict[str, int] = {}
    for index, item in enumerate(_list(case, "positions")):
        where = f"positions[{index}]"
        extra = sorted(set(item) - set(_POSITION_FIELDS))
        if extra:
            raise CaseError(f"{where}.{extra[0]}", "trường không được hỗ trợ")
        code = _text(item.get("code"), f"{where}.code", required=True)
        if code in codes:
            raise CaseError(f"{where}.code", f"mã vị trí {code} trùng với positions[{codes[code]}]")
        codes[code] = index
        roles = tuple(LeadershipRole.values)
        positions.append(
            (
                1,
                index + 1,
                code,
                _text(item.get("name"), f"{where}.name") or code,
                _text(item.get("group"), f"{where}.group", tuple(PositionGroup.values), required=True),
                _text(item.get("leadership_role"), f"{where}.leadership_role", roles),
                _integer(item.get("headcount"), f"{where}.headcount", high=100_000),
                _text(item.get("rank_code"), f"{where}.rank_code"),
                _text(item.get("min_rank_code"), f"{where}.min_rank_code"),
                _text(item.get("min_qualification"), f"{where}.min_qualification"),
                kind,
                "",
                True,
            )
        )
    people, holders = [], []
    seen: dict[int, int] = {}
    for index, item in enumerate(_list(case, "people")):
        where = f"people[{index}]"
        extra = sorted(set(item) - set(_PERSON_FIELDS))
        if extra:
            raise CaseError(f"{where}.{extra[0]}", "trường không được hỗ trợ")
        person_id = _integer(item.get("id"), f"{where}.id", high=10**12)
        assert person_id is not None
        if person_id in seen:
            raise CaseError(f"{where}.id", f"trùng với people[{seen[person_id]}]")
        seen[person_id] = index
        name = _text(item.get("name"), f"{where}.name") or str(person_id)
        people.append(
            (
                1,
                person_id,
                name,
                _text(item.get("rank_code"), f"{where}.rank_code") or None,
                _text(item.get("qualification"), f"{where}.qualification") or None,
            )
        )
        main = item.get("position")
        mains = main if isinstance(main, list) else ([main] if main else [])
        concurrent = item.get("concurrent") or []
        if not isinstance(concurrent, list):
            raise CaseError(f"{where}.concurrent", "phải là danh sách mã vị trí")
        for is_main, codes_held in ((True, mains), (False, concurrent)):
            for code in codes_held:
                if code not in codes:
                    field = "position" if is_main else "concurrent"
                    raise CaseError(f"{where}.{field}", f"mã vị trí {code} không có trong positions")
                holders.append((1, person_id, codes[code] + 1, is_main))
    required = []
    for index, item in enumerate(_list(case, "required")):
        code = _text(item.get("code"), f"required[{index}].code", required=True)
        required.append((code, _text(item.get("name"), f"required[{index}].name") or code, kind, ""))
    projects = [(1, level, kind, quota, divisions)]
    return (
        day,
        frame(projects, PROJECT_SCHEMA),
        frame(positions, POSITION_SCHEMA),
        frame(people, PEOPLE_SCHEMA),
        frame(holders, HOLDER_SCHEMA),
        frame(required, REQUIRED_SCHEMA),
        {row[1]: row[2] for row in people},
    )


@register(
    "position-project",
    "Kiểm tra đề án vị trí việc làm (Nghị định 62/2020, 106/2020, 361/2025, 232/2026): "
    '{"date": "2026-03-01", "staff_kind": "civil_servant", "level": "province", "quota": 10, '
    '"divisions": 2, "positions": [{"code": "LD01", "group": "leadership", "leadership_role": "head", '
    '"headcount": 1, "rank_code": "01.001"}], "people": [{"id": 1, "name": "Nguyễn Văn A", '
    '"rank_code": "01.002", "position": "LD01"}]}',
)
def calculate_position_project(case: Case) -> dict[str, Any]:
    day, projects, positions, people, holders, required, names = parse_case(case)
    rules = Rules.load(day)
    findings = explain(validate(projects, positions, people, holders, required, rules), rules, names)
    errors = sum(1 for finding in findings if finding.severity == "error")
    used = {}
    for finding in findings:
        if finding.rule is not None:
            used[f"{finding.rule['table']}.{finding.rule['code']}"] = finding.rule
    total = int(positions["headcount"].sum() or 0)
    steps = [
        f"Tổng số người làm việc theo đề án: {total}"
        + (f"; biên chế được giao: {case['quota']}." if case.get("quota") is not None else "."),
        f"Số người hiện có: {people.height}; số vị trí: {positions.height}.",
        *(f"[{f.severity}] {f.message} ({f.citation})" for f in findings),
    ]
    return {
        "result": {
            "valid": errors == 0,
            "errors": errors,
            "warnings": len(findings) - errors,
            "total_headcount": total,
            "findings": [finding.as_dict() for finding in findings],
        },
        "explanation": {
            "inputs": {key: case[key] for key in _FIELDS if key in case},
            "rules": list(used.values()),
            "steps": steps,
        },
    }
