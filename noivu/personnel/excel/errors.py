"""The error workbook (tệp báo lỗi) returned when an import is refused.

The first sheet repeats the uploaded rows at their original row numbers, with each faulty cell
highlighted and a last column «Lỗi» explaining the row's problems; after correcting it the user can
upload this very file again (the «Lỗi» column is ignored on import). The second sheet lists every
problem: row, column, cell, rule and message.
"""

import datetime as dt
import io
from collections import defaultdict
from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _

from noivu.personnel.excel.columns import ERROR_HEADER
from noivu.personnel.excel.reader import Sheet, cell_name
from noivu.personnel.excel.validation import RowError

MAX_CELL_CHARS = 32_767  # Excel's own limit
WORKBOOK_OPTIONS = {
    # Text is written as text: a name beginning with "=" must not become a formula, nor a number a URL.
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "constant_memory": True,
}


def write_cell(sheet, row: int, column: int, value: Any, text_format, date_format) -> None:
    if value is None or value == "":
        if text_format is not None:
            sheet.write_blank(row, column, None, text_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value, text_format)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value, text_format)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, column, value, date_format)
    else:
        sheet.write_string(row, column, str(value)[:MAX_CELL_CHARS], text_format)


def error_workbook(sheet: Sheet, errors: list[RowError]) -> bytes:
    """The .xlsx bytes of the error workbook for ``sheet`` and its ``errors``."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, WORKBOOK_OPTIONS)
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    wrong = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    wrong_date = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "num_format": "dd/mm/yyyy"})
    note = book.add_format({"font_color": "#9C0006", "text_wrap": False})

    position = {column.header: index for index, column in enumerate(sheet.columns)}
    by_row: dict[int, list[RowError]] = defaultdict(list)
    for error in errors:
        by_row[error.row].append(error)

    data = book.add_worksheet(_("Dữ liệu có lỗi"))
    data.freeze_panes(1, 0)
    for index, column in enumerate(sheet.columns):
        data.set_column(index, index, column.width)
    error_column = len(sheet.headers)
    data.set_column(error_column, error_column, 80)
    for index, header in enumerate(sheet.headers):
        data.write_string(0, index, header, bold)
    data.write_string(0, error_column, ERROR_HEADER, bold)
    for number, values in zip(sheet.row_numbers, sheet.rows, strict=True):
        row_errors = by_row.get(number, [])
        faulty = {position[error.column] for error in row_errors if error.column in position}
        for index, value in enumerate(values):
            if index in faulty:
                write_cell(data, number - 1, index, value, wrong, wrong_date)
            else:
                write_cell(data, number - 1, index, value, None, date)
        if row_errors:
            data.write_string(
                number - 1,
                error_column,
                "; ".join(f"{error.column}: {error.message}" for error in row_errors),
                note,
            )

    listing = book.add_worksheet(_("Danh sách lỗi"))
    listing.freeze_panes(1, 0)
    for index, (header, width) in enumerate(
        ((_("Dòng"), 8), (_("Cột"), 28), (_("Ô"), 8), (_("Quy tắc"), 26), (_("Nội dung lỗi"), 90))
    ):
        listing.set_column(index, index, width)
        listing.write_string(0, index, header, bold)
    for line, error in enumerate(errors, start=1):
        listing.write_number(line, 0, error.row)
        listing.write_string(line, 1, error.column)
        column = position.get(error.column)
        listing.write_string(line, 2, cell_name(column, error.row) if column is not None else "")
        listing.write_string(line, 3, str(error.rule))
        listing.write_string(line, 4, error.message)
    book.close()
    return output.getvalue()
