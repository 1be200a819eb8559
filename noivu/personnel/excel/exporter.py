"""Export of any list of persons in the import layout (xuất danh sách hồ sơ theo mẫu nhập).

Rows stream from the database (``values_list`` + ``iterator``) into the streaming writer of
:mod:`noivu.core.excel.writer`, so memory stays flat whatever the size of the list; the file can be
edited and imported back.
"""

import datetime as dt
from collections.abc import Iterator
from typing import IO, Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from noivu.core import dates
from noivu.core.excel.writer import Column, Sheet, write_workbook
from noivu.core.permissions import Action, granted_paths
from noivu.personnel import codelists
from noivu.personnel.excel.columns import COLUMNS, Kind
from noivu.personnel.models import Assignment, Category, Gender, Person

CHUNK = 5_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _current_assignment(field: str, day: dt.date) -> Subquery:
    primary = Assignment.objects.filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=day),
        person=OuterRef("pk"),
        is_primary=True,
        effective_from__lte=day,
    ).order_by("-effective_from")
    return Subquery(primary.values(field)[:1])


def export_persons(
    persons: QuerySet[Person], output: IO[bytes], *, user: Any, day: dt.date | None = None
) -> int:
    """Write ``persons`` (already scoped by the caller) to ``output`` as .xlsx; returns the row count.

    The CCCD number is written in full only where ``user`` may see personal data, masked elsewhere.
    """
    day = day or dates.today()
    labels = {
        Kind.GENDER: {code: str(label) for code, label in Gender.choices},
        Kind.CATEGORY: {code: str(label) for code, label in Category.choices},
        Kind.ETHNIC_GROUP: {item.code: item.name for item in codelists.ethnic_groups().items},
        Kind.RELIGION: {item.code: item.name for item in codelists.religions().items},
    }
    fields: list[str] = []
    for column in COLUMNS:
        if column.target is None:
            continue
        model, name = column.target.split(".")
        if model == "person":
            fields.append(name)
        elif name == "organization":
            fields.append("organization__code")
        elif name == "category":
            fields.append("category")
        else:
            fields.append(f"current_{name}")
    annotations = {
        f"current_{column.target.split('.')[1]}": _current_assignment(column.target.split(".")[1], day)
        for column in COLUMNS
        if column.target in ("assignment.effective_from", "assignment.position_title")
    }
    rows = (
        persons.annotate(**annotations)
        .values_list("organization__path", "organization__name", *fields)
        .iterator(chunk_size=CHUNK)
    )
    personal_paths = tuple(granted_paths(user, Action.VIEW_PERSONAL_DATA))

    # Where each column's value sits in the fetched tuple (after path and unit name), and how to write it.
    plan: list[tuple[int | None, Kind]] = []
    position = 2
    for column in COLUMNS:
        if column.kind == Kind.SEQUENCE:
            plan.append((None, column.kind))
        elif column.kind == Kind.INFORMATION:
            plan.append((1, column.kind))
        else:
            plan.append((position, column.kind))
            position += 1

    def lines() -> Iterator[list[Any]]:
        for number, row in enumerate(rows, start=1):
            path = row[0]
            line: list[Any] = []
            for source, kind in plan:
                value: Any = number if source is None else row[source]
                if value is None or value == "" or source is None:
                    line.append(value)
                elif kind in labels:
                    line.append(labels[kind].get(value, value))
                elif kind == Kind.CCCD and not path.startswith(personal_paths):
                    line.append(value[:3] + "*" * (len(value) - 5) + value[-2:])
                elif kind == Kind.DATE:
                    line.append(value)
                else:
                    line.append(str(value))
            yield line

    sheet = Sheet(_("Danh sách"), [Column(column.header, column.width) for column in COLUMNS], lines())
    write_workbook(output, [sheet])
    return sheet.written
