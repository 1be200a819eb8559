"""The dated facts of awards other apps read through ``noivu.core.extensions.person_facts`` without importing
this app: a discipline decision (``awards.discipline``), dated on its decision, its form as the detail
(reprimand, warning, demotion, dismissal_post…) and the decision as the citation. Payroll reads it to
postpone a step raise by the months its rule table sets for the form, succession to keep a person out of a
planning pool."""

import datetime as dt

from noivu.awards.models import DisciplineRecord
from noivu.core.extensions import PersonFact, PersonFactSource, person_fact_sources

DISCIPLINE = "awards.discipline"


def _facts(kind: str, person_ids: list[int] | None, start: dt.date, end: dt.date) -> list[PersonFact]:
    if kind != DISCIPLINE:
        return []
    rows = DisciplineRecord.objects.unrestricted().filter(decision_date__range=(start, end))
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    return [
        PersonFact(
            person_id,
            DISCIPLINE,
            decided,
            f"Quyết định {number}, {decided:%d/%m/%Y}" if number else f"Quyết định ngày {decided:%d/%m/%Y}",
            form,
        )
        for person_id, decided, number, form in rows.order_by("person_id", "decision_date").values_list(
            "person_id", "decision_date", "decision_number", "form"
        )
    ]


person_fact_sources.register(PersonFactSource(key="awards", order=5, kinds=(DISCIPLINE,), facts=_facts))
