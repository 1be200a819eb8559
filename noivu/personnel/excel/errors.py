"""The error workbook (tệp báo lỗi) returned when an import is refused.

The first sheet repeats the uploaded rows at their original row numbers, each faulty cell highlighted
and commented with its problem, and a last column «Lỗi» explaining the row's problems; after correcting
it the user can upload this very file again (the «Lỗi» column is ignored on import). The second sheet
lists every problem: row, column, cell, rule and message.
"""

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from django.utils.translation import gettext as _

from noivu.core.excel.writer import NOTE, WRONG, Cell, Column, Sheet, workbook_bytes
from noivu.personnel.excel.columns import ERROR_HEADER
from noivu.personnel.excel.reader import Sheet as ImportedSheet
from noivu.personnel.excel.reader import cell_name
from noivu.personnel.excel.validation import RowError, rule_label


def error_workbook(sheet: ImportedSheet, errors: list[RowError]) -> bytes:
    """The .xlsx bytes of the error workbook for ``sheet`` and its ``errors``."""
    position = {column.header: index for index, column in enumerate(sheet.columns)}
    by_row: dict[int, list[RowError]] = defaultdict(list)
    for error in errors:
        by_row[error.row].append(error)

    def data_rows() -> Iterator[Sequence[Any]]:
        for number, values in zip(sheet.row_numbers, sheet.rows, strict=True):
            row_errors = by_row.get(number)
            if not row_errors:
                yield values
                continue
            faulty: dict[int, list[str]] = defaultdict(list)
            for error in row_errors:
                if error.column in position:
                    faulty[position[error.column]].append(error.message)
            line: list[Any] = [
                Cell(value, WRONG, "\n".join(faulty[index])) if index in faulty else value
                for index, value in enumerate(values)
            ]
            line.append(Cell("; ".join(f"{error.column}: {error.message}" for error in row_errors), NOTE))
            yield line

    data_columns = [
        Column(header, column.width) for header, column in zip(sheet.headers, sheet.columns, strict=True)
    ]
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
            error.row,
            error.column,
            cell_name(position[error.column], error.row) if error.column in position else "",
            rule_label(error.rule),
            error.message,
        ]
        for error in errors
    )
    return workbook_bytes(
        [
            Sheet(
                _("Dữ liệu có lỗi"),
                [*data_columns, Column(ERROR_HEADER, 80)],
                data_rows(),
                row_numbers=sheet.row_numbers,
            ),
            Sheet(_("Danh sách lỗi"), listing_columns, listing),
        ]
    )
