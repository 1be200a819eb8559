"""The deadline of a dossier of a religious-affairs procedure (hạn giải quyết thủ tục tín ngưỡng, tôn
giáo): procedure, date of receipt and supplement requests → the due date with its articles of law."""

from typing import Any

from noivu.core.calculation import Case, CaseError, date_field, register
from noivu.core.rules import rule_table
from noivu.organizations.models import Organization
from noivu.religion.procedures.calendar import calendar_for
from noivu.religion.procedures.clock import (
    AUTHORITY_LABELS,
    COUNTING,
    PROCEDURES,
    CalendarRow,
    Pause,
    Procedure,
    deadline,
)


def _dates(case: Case, field: str) -> list[Any]:
    raw = case.get(field) or []
    if not isinstance(raw, list):
        raise CaseError(field, "phải là danh sách ngày")
    return [date_field({field: value}, field) for value in raw]


def _pauses(case: Case) -> list[Pause]:
    raw = case.get("pauses") or []
    if not isinstance(raw, list):
        raise CaseError("pauses", "phải là danh sách {requested_on, received_on}")
    pauses = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise CaseError(f"pauses[{index}]", "phải là đối tượng {requested_on, received_on}")
        requested = date_field(item, "requested_on")
        received = date_field(item, "received_on", required=False)
        if received is not None and received < requested:
            raise CaseError(f"pauses[{index}].received_on", "ngày nhận bổ sung trước ngày yêu cầu bổ sung")
        pauses.append(Pause(requested, received))
    return pauses


@register(
    "procedure-deadline",
    'Hạn giải quyết hồ sơ thủ tục tín ngưỡng, tôn giáo: {"procedure": "TG_SHTGTT", "received_on": '
    '"2025-01-10", "pauses": [{"requested_on": "...", "received_on": "..."}]}',
)
def calculate_procedure_deadline(case: Case) -> dict[str, Any]:
    code = case.get("procedure")
    if not isinstance(code, str) or not code:
        raise CaseError("procedure", "bắt buộc: mã thủ tục của bảng religion_procedures")
    received_on = date_field(case, "received_on")
    table = rule_table(PROCEDURES)
    if code not in table:
        raise CaseError("procedure", f"không có thủ tục '{code}'; có: {', '.join(table.codes())}")
    rule = table.get(code, received_on)
    if rule is None:
        raise CaseError("procedure", f"thủ tục '{code}' không có hiệu lực ngày {received_on:%d/%m/%Y}")
    pauses = _pauses(case)
    for index, pause in enumerate(pauses):
        if pause.requested_on < received_on:
            raise CaseError(f"pauses[{index}].requested_on", "yêu cầu bổ sung trước ngày nhận hồ sơ")
    path = ""
    organization_code = case.get("organization")
    if organization_code:
        # The calendar rows of a province are public announcements: any caller may use them.
        found = Organization.objects.unrestricted().filter(code=str(organization_code)).first()
        if found is None:
            raise CaseError("organization", f"không có đơn vị mã '{organization_code}'")
        path = found.path
    calendar = calendar_for(path)
    for day in _dates(case, "days_off"):
        calendar.rows[day] = CalendarRow(day, False, "ngày nghỉ nêu trong hồ sơ tính")
    for day in _dates(case, "working_days"):
        calendar.rows[day] = CalendarRow(day, True, "ngày làm việc bù nêu trong hồ sơ tính")
    procedure = Procedure.of(rule)
    result = deadline(procedure, received_on, pauses, calendar, rule_table(COUNTING))
    return {
        "result": {
            "procedure": code,
            "procedure_name": procedure.name,
            "authority": AUTHORITY_LABELS.get(procedure.authority, procedure.authority),
            "days": procedure.days,
            "count": procedure.count,
            "received_on": received_on.isoformat(),
            "paused": result.paused,
            "due_on": result.due_on.isoformat() if result.due_on else None,
            "due_on_text": result.due_on.strftime("%d/%m/%Y") if result.due_on else None,
            "paused_days": result.paused_days,
            "moved_from": result.moved_from.isoformat() if result.moved_from else None,
            "article": rule.legal_basis.citation,
        },
        "explanation": {
            "inputs": {
                "procedure": code,
                "received_on": received_on.isoformat(),
                "pauses": [
                    {
                        "requested_on": p.requested_on.isoformat(),
                        "received_on": p.received_on.isoformat() if p.received_on else None,
                    }
                    for p in pauses
                ],
                "organization": organization_code or None,
            },
            "rules": [used.explain() for used in result.rules],
            "steps": result.steps,
        },
    }
