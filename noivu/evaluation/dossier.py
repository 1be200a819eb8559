"""The evaluations on a person's record, through personnel's dossier registry: the yearly results as a kind
of fact (entry of a result decided on paper, correction, deletion, API kind ``evaluation``), the timeline
and the table "31) Nhận xét, đánh giá" of the printable CV (mẫu 2C, Thông tư 06/2023/TT-BNV)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.evaluation import actions
from noivu.evaluation.models import Evaluation, Level, PeriodKind, Status
from noivu.personnel.dossier.forms import FactKind, fact_form
from noivu.personnel.dossier.registry import CvTable, DossierPart, RecordSection, register
from noivu.personnel.dossier.timeline import TimelineEntry
from noivu.personnel.models import Person


@dataclass(frozen=True)
class YearlyResults(FactKind):
    """The decided yearly results only: the steps of an evaluation in progress and the quarterly or
    monthly ratings are the evaluation pages' business."""

    def rows(self, person: models.Model) -> models.QuerySet[Any]:
        return decided_years(person)


def decided_years(person: models.Model) -> models.QuerySet[Evaluation]:
    return Evaluation.objects.filter(person_id=person.pk, period_kind=PeriodKind.YEAR, status=Status.DECIDED)


EVALUATION_KIND = YearlyResults(
    slug="evaluation",
    title=gettext_lazy("Kết quả đánh giá, xếp loại"),
    form=fact_form(
        Evaluation,
        ("year", "rating", "decided_on", "note"),
        extra={"rating": forms.ChoiceField(label=gettext_lazy("xếp loại"), choices=Level.choices)},
    ),
    action=actions.do_record_evaluation,
    related_name="evaluations",
    columns=("year", "rating", "decided_on", "note"),
)


def timeline(person: Person) -> list[TimelineEntry]:
    """Yearly ratings (xếp loại), dated the last day of the year."""
    entries = []
    for year, rating in decided_years(person).order_by("year").values_list("year", "rating"):
        if dt.MINYEAR <= year <= dt.MAXYEAR:
            day = dt.date(year, 12, 31)
            label = _("Xếp loại năm %(year)s: %(rating)s") % {"year": year, "rating": _level_name(rating)}
            entries.append(TimelineEntry(day, "evaluation", label, year_only=True))
    return entries


def _level_name(code: str) -> str:
    return str(dict(Level.choices).get(code, code))


def cv_rows(person: Person, full: bool) -> list[tuple[str, ...]]:
    return [
        (str(year), _level_name(rating), note)
        for year, rating, note in decided_years(person).order_by("year").values_list("year", "rating", "note")
    ]


def section(person: Person, full: bool) -> dict[str, Any]:
    """The last periods rated, newest first, and the way to the person's evaluations."""
    rows = Evaluation.objects.filter(person_id=person.pk).order_by("-year", "-period_kind", "-period_number")[
        :6
    ]
    return {"rows": list(rows), "person_id": person.pk}


register(
    DossierPart(
        "evaluation",
        fact_kinds=(EVALUATION_KIND,),
        timeline=timeline,
        record_section=RecordSection(
            gettext_lazy("Đánh giá, xếp loại chất lượng"), "evaluation/_record_section.html", section
        ),
        cv_table=CvTable(
            gettext_lazy("31) Nhận xét, đánh giá của cơ quan, đơn vị quản lý và sử dụng"),
            (gettext_lazy("Năm"), gettext_lazy("Kết quả xếp loại"), gettext_lazy("Ghi chú")),
            cv_rows,
        ),
    )
)
