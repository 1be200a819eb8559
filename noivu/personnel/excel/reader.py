"""Reading a personnel workbook (đọc tệp Excel nhập hồ sơ) through the core reader.

The core reader refuses files that cannot be read as a whole (not an .xlsx, a broken archive, merged
cells, a formula without a saved value, too many rows); here the headers are recognised as the
template's columns, wrong or duplicated ones refused with :class:`WorkbookError`. Problems of single
cells are left to :mod:`validation`.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from noivu.core.excel.reader import Limits, WorkbookError, cell_name, column_letter, read_table
from noivu.core.text import fold
from noivu.personnel.excel.columns import REQUIRED, Column, known_columns

__all__ = ["Sheet", "WorkbookError", "cell_name", "column_letter", "limit", "read_workbook"]

# Limits; each can be overridden in settings under the same name with the prefix PERSONNEL_IMPORT_.
MAX_ROWS = Limits.max_rows
MAX_FILE_BYTES = Limits.max_file_bytes
MAX_UNPACKED_BYTES = Limits.max_unpacked_bytes


@dataclass
class Sheet:
    """The data of the first worksheet: the headers as written, the recognised column of each header
    position, and the non-empty data rows with their Excel row numbers."""

    headers: list[str]
    columns: list[Column]
    row_numbers: list[int] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)

    def all_column_values(self) -> dict[Column, tuple[Any, ...]]:
        """Every column's cells at once (one transposition of the rows)."""
        return dict(zip(self.columns, zip(*self.rows, strict=True), strict=True))


def limit(name: str) -> int:
    """The limit ``name`` (MAX_ROWS, MAX_FILE_BYTES, MAX_UNPACKED_BYTES), as overridden in settings."""
    return getattr(settings, f"PERSONNEL_IMPORT_{name}", globals()[name])


def read_workbook(content: bytes) -> Sheet:
    """The first worksheet of ``content``, checked as a whole; WorkbookError when it cannot be imported."""
    limits = Limits(
        max_rows=limit("MAX_ROWS"),
        max_file_bytes=limit("MAX_FILE_BYTES"),
        max_unpacked_bytes=limit("MAX_UNPACKED_BYTES"),
    )
    recognised: list[Sheet] = []
    table = read_table(
        content, limits, check_headers=lambda headers: recognised.append(_recognise_headers(headers))
    )
    sheet = recognised[0]
    sheet.row_numbers, sheet.rows = table.row_numbers, table.rows
    return sheet


def _recognise_headers(headers: list[str]) -> Sheet:
    problems: list[str] = []
    columns: list[Column] = []
    seen: dict[Column, str] = {}
    known = known_columns()
    for index, header in enumerate(headers):
        column = known.get(fold(header))
        if column is None:
            problems.append(
                _("Cột %(column)s có tiêu đề «%(header)s» không có trong mẫu.")
                % {"column": column_letter(index), "header": header[:100] or _("(trống)")}
            )
            continue
        if column in seen:
            problems.append(
                _("Tiêu đề «%(header)s» xuất hiện hai lần (cột %(first)s và %(second)s).")
                % {"header": column.header, "first": seen[column], "second": column_letter(index)}
            )
        seen.setdefault(column, column_letter(index))
        columns.append(column)
    missing = [column.header for column in REQUIRED if column not in seen]
    if missing:
        problems.append(_("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)})
    if problems:
        problems.append(
            _("Hãy dùng tệp mẫu tải về từ hệ thống; tiêu đề phải ở dòng 1 của trang tính đầu tiên.")
        )
        raise WorkbookError(problems)
    return Sheet(headers=headers, columns=columns)
