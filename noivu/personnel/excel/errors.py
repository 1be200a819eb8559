"""The personnel import's error workbook (tệp báo lỗi): the shared layout of ``noivu.core.excel.errors``
over the uploaded sheet and its row errors."""

from noivu.core.excel.errors import Problem
from noivu.core.excel.errors import error_workbook as shared_error_workbook
from noivu.core.excel.writer import Column
from noivu.personnel.excel.reader import Sheet as ImportedSheet
from noivu.personnel.excel.validation import RowError, rule_label


def error_workbook(sheet: ImportedSheet, errors: list[RowError]) -> bytes:
    """The .xlsx bytes of the error workbook for ``sheet`` and its ``errors``."""
    position = {column.header: index for index, column in enumerate(sheet.columns)}
    columns = [
        Column(header, column.width) for header, column in zip(sheet.headers, sheet.columns, strict=True)
    ]
    problems = [
        Problem(error.row, error.column, position.get(error.column), rule_label(error.rule), error.message)
        for error in errors
    ]
    return shared_error_workbook(columns, sheet.row_numbers, sheet.rows, problems)
