"""The dated facts of staffing other apps read through ``noivu.core.extensions.person_facts`` without
importing it: a person's streamlining leave applied for or approved (``staffing.streamlining_leave``),
dated on the leave date, the regime (``nd178_2024``, ``nd154_2025``, ``nd29_2023``) as the detail and the
case as the citation. A case returned is not a fact. Payroll reads it to refuse an early step raise to a
person leaving under the regime its rule table names (``step_raise_rules``, row ``streamlining_exclusion``).
"""

import datetime as dt

from noivu.core.extensions import PersonFact, PersonFactSource, person_fact_sources
from noivu.staffing.models import StreamliningCase, Workflow

STREAMLINING_LEAVE = "staffing.streamlining_leave"


def _facts(kind: str, person_ids: list[int] | None, start: dt.date, end: dt.date) -> list[PersonFact]:
    if kind != STREAMLINING_LEAVE:
        return []
    rows = (
        StreamliningCase.objects.unrestricted()
        .filter(leave_date__range=(start, end))
        .exclude(status=Workflow.RETURNED)
    )
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    found = []
    for person_id, leave, applied, status, number, regime in rows.order_by(
        "person_id", "leave_date"
    ).values_list("person_id", "leave_date", "case_date", "status", "decision_number", "regime"):
        label = Workflow(status).label
        citation = (
            f"hồ sơ tinh giản lập ngày {applied:%d/%m/%Y}, {label.lower()}"
            + (f", quyết định {number}" if number else "")
            + f", nghỉ từ {leave:%d/%m/%Y}"
        )
        found.append(PersonFact(person_id, STREAMLINING_LEAVE, leave, citation, regime))
    return found


person_fact_sources.register(
    PersonFactSource(key="staffing", order=20, kinds=(STREAMLINING_LEAVE,), facts=_facts)
)
