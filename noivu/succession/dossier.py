"""Succession's part of a person's record, given back through personnel's dossier registry: the training
courses (đào tạo, bồi dưỡng) as a kind of fact (entry, correction, deletion, API kind ``training``), their
timeline entries and the rows they add to the training table of the printable CV (mẫu 2C). Imported by
``SuccessionConfig.ready()``."""

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.personnel.dossier.forms import FactKind, fact_form
from noivu.personnel.dossier.registry import DossierPart, register
from noivu.personnel.dossier.timeline import Kind, TimelineEntry
from noivu.personnel.models import Person
from noivu.succession import actions
from noivu.succession.models import TrainingCourse

TRAINING = FactKind(
    slug="training",
    title=gettext_lazy("Đào tạo, bồi dưỡng"),
    form=fact_form(
        TrainingCourse,
        ("name", "institution", "start_date", "end_date", "mode", "certificate", "programme", "periods"),
        optional=("programme",),
    ),
    action=actions.do_add_training_course,
    related_name="training_courses",
    columns=("name", "institution", "start_date", "end_date", "mode", "certificate", "programme", "periods"),
)


def courses(person: Person) -> list[TrainingCourse]:
    return list(TrainingCourse.objects.unrestricted().filter(person=person).order_by("start_date"))


def training(person: Person) -> list[TimelineEntry]:
    """Training courses (đào tạo, bồi dưỡng)."""
    return [
        TimelineEntry(
            row.start_date,
            Kind.TRAINING,
            _("Đào tạo, bồi dưỡng: %(name)s") % {"name": row.name},
            row.end_date,
            row.institution,
        )
        for row in courses(person)
    ]


def cv_facts(person: Person, day: dt.date) -> dict[str, Any]:
    """The courses the 2C form lists in its table of training, after the degrees."""
    return {"training_courses": courses(person)}


register(DossierPart("training", fact_kinds=(TRAINING,), timeline=training, cv_facts=cv_facts))
