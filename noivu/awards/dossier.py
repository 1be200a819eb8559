"""The awards and discipline on a person's record, through personnel's dossier registry: each a kind of fact
(entry of a decision taken on paper, correction, deletion, API kinds ``award`` and ``discipline``), its
entries in the timeline and its line of the 2C form ("20) Khen thưởng", "21) Kỷ luật", Thông tư
06/2023/TT-BNV)."""

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.awards import actions
from noivu.awards.models import AwardRecord, DisciplineRecord
from noivu.personnel.dossier.forms import FactKind, fact_form
from noivu.personnel.dossier.registry import DossierPart, register
from noivu.personnel.dossier.timeline import Kind, TimelineEntry
from noivu.personnel.models import Person

PERIOD = ("effective_from", "effective_to")

AWARD_KIND = FactKind(
    slug="award",
    title=gettext_lazy("Khen thưởng"),
    form=fact_form(AwardRecord, ("form", "decision_date", "decision_number", "authority", "reason")),
    action=actions.do_record_award,
    related_name="awards",
    columns=("form", "decision_date", "decision_number", "authority", "reason"),
)

DISCIPLINE_KIND = FactKind(
    slug="discipline",
    title=gettext_lazy("Kỷ luật"),
    form=fact_form(
        DisciplineRecord,
        ("form", "decision_date", *PERIOD, "decision_number", "authority", "reason"),
        optional=("effective_from",),
    ),
    action=actions.do_record_discipline,
    related_name="disciplines",
    columns=("form", "decision_date", *PERIOD, "decision_number", "authority", "reason"),
)


def _decision(authority: str, number: str) -> str:
    decision = _("Quyết định số %(number)s") % {"number": number} if number else ""
    return ", ".join(part for part in (authority, decision) if part)


def award_entries(person: Person) -> list[TimelineEntry]:
    """Awards (khen thưởng), dated on their decision."""
    return [
        TimelineEntry(
            row.decision_date,
            Kind.AWARD,
            _("Khen thưởng: %(form)s") % {"form": row.form},
            None,
            _decision(row.authority, row.decision_number),
        )
        for row in AwardRecord.objects.filter(person_id=person.pk).order_by("decision_date")
    ]


def discipline_entries(person: Person) -> list[TimelineEntry]:
    """Disciplinary measures (kỷ luật), from their decision to the end of their period."""
    return [
        TimelineEntry(
            row.decision_date,
            Kind.DISCIPLINE,
            _("Kỷ luật: %(form)s") % {"form": row.get_form_display()},
            row.effective_to,
            _decision(row.authority, row.decision_number),
        )
        for row in DisciplineRecord.objects.filter(person_id=person.pk).order_by("decision_date")
    ]


def award_lines(person: Person, day: dt.date) -> dict[str, Any]:
    """Item 20 of the 2C form: each award as "form (year)"."""
    rows = AwardRecord.objects.filter(person_id=person.pk).order_by("decision_date")
    return {"awards": [f"{row.form} ({row.decision_date:%Y})" for row in rows]}


def discipline_lines(person: Person, day: dt.date) -> dict[str, Any]:
    """Item 21 of the 2C form: each discipline as "form (year)"."""
    rows = DisciplineRecord.objects.filter(person_id=person.pk).order_by("decision_date")
    return {"disciplines": [f"{row.get_form_display()} ({row.decision_date:%Y})" for row in rows]}


register(DossierPart("award", fact_kinds=(AWARD_KIND,), timeline=award_entries, cv_facts=award_lines))
register(
    DossierPart(
        "discipline", fact_kinds=(DISCIPLINE_KIND,), timeline=discipline_entries, cv_facts=discipline_lines
    )
)
