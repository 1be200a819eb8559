"""The error workbook (tệp báo lỗi) of a refused import, one layout for every importer.

The first sheet repeats the uploaded rows at their original row numbers, each faulty cell highlighted
and commented with its problem, and a last column «Lỗi» naming the column and rule of each problem of
the row; after correcting it the user can upload this very file again (importers ignore the «Lỗi»
column). The second sheet lists every problem: row, column, cell, rule and message.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from noivu.core.excel.reader import cell_name
from noivu.core.excel.writer import NOTE, WRONG, Cell, Column, Sheet, workbook_bytes

ERROR_HEADER = "Lỗi"


@dataclass(frozen=True)
class Problem:
    """One problem of a refused import as the error workbook shows it: the sheet row, the column's
    header and its index among the data columns (None for a problem of the whole row), the rule's label
    and the message."""

    row: int
    column: str
    index: int | None
    rule: str
    message: str


def error_workbook(
    columns: Sequence[Column],
    row_numbers: Sequence[int],
    rows: Iterable[Sequence[Any]],
    problems: Sequence[Problem],
) -> bytes:
    """The .xlsx bytes of the error workbook: ``rows`` (the uploaded values under ``columns``, at
    ``row_numbers``) with their ``problems`` marked, and the list of the problems."""
    by_row: dict[int, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_row[problem.row].append(problem)

    def data_rows() -> Iterator[Sequence[Any]]:
        for number, values in zip(row_numbers, rows, strict=True):
            row_problems = by_row.get(number)
            if not row_problems:
                yield values
                continue
            faulty: dict[int, list[str]] = defaultdict(list)
            for problem in row_problems:
                if problem.index is not None:
                    faulty[problem.index].append(problem.message)
            line: list[Any] = [
                Cell(value, WRONG, "\n".join(faulty[index])) if index in faulty else value
                for index, value in enumerate(values)
            ]
            line += [None] * (len(columns) - len(line))
            line.append(
                Cell(
                    "; ".join(
                        f"{problem.column} ({problem.rule}): {problem.message}" for problem in row_problems
                    ),
                    NOTE,
                )
            )
            yield line

    listing_columns = [
        Column(header, width)
        for header, width in (
            (_("Dòng"), 8),
            (_("Cột"), 28),
            (_("Ô"), 8),
            (_("Quy tắc"), 26),
            (_("Nội dung lỗi"), 90),
        )
    ]
    listing = (
        [
            problem.row,
            problem.column,
            cell_name(problem.index, problem.row) if problem.index is not None else "",
            problem.rule,
            problem.message,
        ]
        for problem in problems
    )
    return workbook_bytes(
        [
            Sheet(
                _("Dữ liệu có lỗi"),
                [*columns, Column(ERROR_HEADER, 80)],
                data_rows(),
                row_numbers=row_numbers,
            ),
            Sheet(_("Danh sách lỗi"), listing_columns, listing),
        ]
    )
