"""The completeness of a person's electronic dossier on their record page (mức độ đầy đủ hồ sơ điện tử):
the score, the four marks and the required fields still missing, through personnel's dossier registry."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from noivu.core.dates import today
from noivu.edossier import engine
from noivu.personnel.dossier.registry import DossierPart, RecordSection, register
from noivu.personnel.models import Person


def person_quality(person: Person) -> dict[str, Any] | None:
    """The completeness of one person's dossier today, as the reports count it; None for a person the
    decree's dossier does not cover (a contract worker)."""
    frame = engine.completeness(Person.objects.filter(pk=person.pk), today())
    if frame.is_empty():
        return None
    row = frame.row(0, named=True)
    groups = engine.data_groups()
    return {
        "score": row["score"],
        "marks": [(engine.MARK_LABELS[m], engine.MARK_HELP[m], row[m]) for m in engine.MARKS],
        "missing": [groups.field(code) for code in row["missing"]],
        "problems": [engine.PROBLEM_LABELS[code] for code in row["problems"]],
    }


def _context(person: Person, full: bool) -> dict[str, Any]:
    return {"quality": person_quality(person)}


register(
    DossierPart(
        name="edossier.quality",
        record_section=RecordSection(
            _("Hồ sơ điện tử (Nghị định 27/2026/NĐ-CP)"), "edossier/_record_section.html", _context
        ),
    )
)
