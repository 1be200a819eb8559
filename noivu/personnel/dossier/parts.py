"""Personnel's own parts of the record, registered like those of any other app (see
:mod:`noivu.personnel.dossier.registry`); imported once, by ``PersonnelConfig.ready()``."""

import datetime as dt

from noivu.personnel.dossier import timeline
from noivu.personnel.dossier.forms import KINDS
from noivu.personnel.dossier.models import RankHistory
from noivu.personnel.dossier.registry import DossierPart, ExportColumn, register


def ranks_held(person_ids: list[int], day: dt.date) -> dict[int, str]:
    """The rank (ngạch) each person held on ``day``, as "name (code)"."""
    held = RankHistory.objects.unrestricted().as_of(day).filter(person_id__in=person_ids)
    return {
        person_id: f"{name} ({code})"
        for person_id, name, code in held.values_list("person_id", "rank_name", "rank_code")
    }


# The person's own dated milestones and assignments: timeline entries without a kind of fact to enter.
register(DossierPart("milestones", timeline=timeline.personal_milestones))
register(DossierPart("assignments", timeline=timeline.assignments))
register(
    DossierPart(
        "rank",
        fact_kinds=(KINDS["rank"],),
        timeline=timeline.ranks,
        export_columns=(
            ExportColumn("Ngạch", ranks_held, width=28, doc="Ngạch giữ tại ngày kết xuất; chỉ để đọc."),
        ),
    )
)
register(DossierPart("party", fact_kinds=(KINDS["party"],), timeline=timeline.party))
register(DossierPart("education", fact_kinds=(KINDS["education"],), timeline=timeline.education))
register(DossierPart("family", fact_kinds=(KINDS["family"],)))
register(DossierPart("health", fact_kinds=(KINDS["health"],)))
