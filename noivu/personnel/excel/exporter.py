"""Export of any list of persons in the import layout (xuất danh sách hồ sơ theo mẫu nhập).

Rows stream from the database (``values_list`` + ``iterator``) into the streaming writer of
:mod:`noivu.core.excel.writer`, so memory stays flat whatever the size of the list; the file can be
edited and imported back.
"""

import datetime as dt
from collections.abc import Iterator
from itertools import islice
from typing import IO, Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from noivu.core import dates
from noivu.core.excel.writer import Column, Sheet, write_workbook
from noivu.core.models import in_force_condition
from noivu.personnel import codelists
from noivu.personnel.dossier import registry
from noivu.personnel.excel.columns import COLUMNS, Kind
from noivu.personnel.models import Assignment, Category, Gender, Person
from noivu.personnel.records.presenters import PersonPresenter

CHUNK = 5_000
# The columns holding personal data, by the presenter column that masks them.
PERSONAL = {Kind.CCCD: "cccd_number", Kind.PHONE: "phone", Kind.EMAIL: "email"}


def _current_assignment(field: str, day: dt.date) -> Subquery:
    primary = Assignment.objects.filter(
        in_force_condition(day), person=OuterRef("pk"), is_primary=True
    ).order_by("-effective_from")
    return Subquery(primary.values(field)[:1])


def export_persons(
    persons: QuerySet[Person], output: IO[bytes], *, user: Any, day: dt.date | None = None
) -> int:
    """Write ``persons`` (already scoped by the caller) to ``output`` as .xlsx; returns the row count.

    Unit, category and position are those of the primary assignment in force on ``day`` (today by
    default). Personal data is masked as :class:`PersonPresenter` masks it for ``user`` on every page.
    """
    day = day or dates.today()
    dated = day != dates.today()
    presenter = PersonPresenter(user)
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
        elif name in ("organization", "category") and not dated:
            # Today the record mirrors the primary assignment in force: no subquery per row.
            fields.append("organization__code" if name == "organization" else "category")
        elif name == "organization":
            fields.append("current_organization__code")
        else:
            fields.append(f"current_{name}")
    dated_fields = ["effective_from", "position_title"]
    if dated:
        dated_fields += ["organization__code", "organization__name", "category"]
    annotations = {f"current_{name}": _current_assignment(name, day) for name in dated_fields}
    unit_name = "current_organization__name" if dated else "organization__name"
    rows = (
        persons.annotate(**annotations)
        .values_list("organization__path", unit_name, *fields, "pk")
        .iterator(chunk_size=CHUNK)
    )
    extra = registry.export_columns()

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
        number = 0
        while batch := list(islice(rows, CHUNK)):
            ids = [row[-1] for row in batch]
            values = [column.values(ids, day) for column in extra]
            for row in batch:
                number += 1
                yield [*line(number, row), *(found.get(row[-1]) for found in values)]

    def line(number: int, row: tuple[Any, ...]) -> list[Any]:
        path = row[0]
        cells: list[Any] = []
        for source, kind in plan:
            value: Any = number if source is None else row[source]
            if value is None or value == "" or source is None:
                cells.append(value)
            elif kind in labels:
                cells.append(labels[kind].get(value, value))
            elif kind in PERSONAL:
                cells.append(presenter.value_at(path, PERSONAL[kind], value))
            elif kind == Kind.DATE:
                cells.append(value)
            else:
                cells.append(str(value))
        return cells

    headers = [Column(column.header, column.width) for column in COLUMNS]
    headers += [Column(column.header, column.width) for column in extra]
    sheet = Sheet(_("Danh sách"), headers, lines())
    write_workbook(output, [sheet])
    return sheet.written
