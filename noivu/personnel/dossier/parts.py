"""Personnel's own parts of the record, registered like those of any other app (see
:mod:`noivu.personnel.dossier.registry`); imported once, by ``PersonnelConfig.ready()``."""

from noivu.personnel.dossier import timeline
from noivu.personnel.dossier.forms import KINDS
from noivu.personnel.dossier.registry import DossierPart, register

# The person's own dated milestones and assignments: timeline entries without a kind of fact to enter.
register(DossierPart("milestones", timeline=timeline.personal_milestones))
register(DossierPart("assignments", timeline=timeline.assignments))
register(DossierPart("rank", fact_kinds=(KINDS["rank"],), timeline=timeline.ranks))
register(DossierPart("salary", fact_kinds=(KINDS["salary"],), timeline=timeline.salaries))
register(
    DossierPart(
        "allowance", fact_kinds=(KINDS["allowance"], KINDS["allowance-end"]), timeline=timeline.allowances
    )
)
register(DossierPart("party", fact_kinds=(KINDS["party"],), timeline=timeline.party))
register(DossierPart("education", fact_kinds=(KINDS["education"],), timeline=timeline.education))
register(DossierPart("training", fact_kinds=(KINDS["training"],), timeline=timeline.training))
register(DossierPart("family", fact_kinds=(KINDS["family"],)))
register(DossierPart("evaluation", fact_kinds=(KINDS["evaluation"],), timeline=timeline.evaluations))
register(DossierPart("award", fact_kinds=(KINDS["award"],), timeline=timeline.awards))
register(DossierPart("discipline", fact_kinds=(KINDS["discipline"],), timeline=timeline.disciplines))
register(DossierPart("health", fact_kinds=(KINDS["health"],)))
