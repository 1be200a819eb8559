"""Recruitment's part of a person's record, given through personnel's dossier registry: the probation
(tập sự) and the talent-attraction tracks (diện thu hút tài năng) with their conditions and incentives, as
a section of the record page (not the timeline, which reads each kind in one query under a fixed cap).
Imported by ``RecruitmentConfig.ready()``."""

from typing import Any

from django.utils.translation import gettext_lazy

from noivu.personnel.dossier.registry import DossierPart, RecordSection, register
from noivu.personnel.models import Person
from noivu.recruitment.models import Probation, TalentGrant
from noivu.recruitment.talent import label_grants


def _grants(person: Person) -> list[Any]:
    # The record page has already read the person through its scope.
    return label_grants(TalentGrant.objects.unrestricted().filter(person=person).order_by("granted_on", "pk"))


def _probations(person: Person) -> list[Probation]:
    return list(Probation.objects.unrestricted().filter(person=person).order_by("starts_on", "pk"))


def section(person: Person, full: bool) -> dict[str, Any]:
    return {"probations": _probations(person), "grants": _grants(person), "person_id": person.pk}


register(
    DossierPart(
        "recruitment",
        record_section=RecordSection(
            gettext_lazy("Tuyển dụng, tập sự, thu hút tài năng"), "recruitment/_record_section.html", section
        ),
    )
)
