"""Reading a workbook defensively (đọc tệp Excel): python-calamine, never evaluating formulas.

Every problem with the file as a whole (not an .xlsx, a broken archive, a zip bomb, merged cells, a
formula without a saved value, data far outside the expected range, too many rows) raises
:class:`WorkbookError` with a Vietnamese message. What the headers and cells mean is the caller's
business: :func:`read_table` hands back the header row and the non-empty data rows.
"""

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from noivu.core.text import fold

T = TypeVar("T")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_REPORTED_CELLS = 20
# Patterns start with a literal so that the regex engine can skip through tens of megabytes quickly.
_FORMULAS = (re.compile(rb"<f[\s>/]"), re.compile(rb":f[\s>/]"))
_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_CACHED_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*/>")
# A cell reference beyond column AZ: three letters, or two letters from BA on.
_FAR_COLUMN = re.compile(rb' r="((?:[B-Z][A-Z]|[A-Z]{3})\d+)"')
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\br="(\d+)"')
FAR_ROW_MARGIN = 1_000
TRIM_THRESHOLD = 1_000_000  # bytes of trailing empty rows worth rewriting the archive for
_SHEET_ID = re.compile(rb'<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"|<(?:\w+:)?sheet\b[^>]*\bid="([^"]+)"')


class WorkbookError(Exception):
    """The file cannot be read as a whole; ``messages`` say why, in Vietnamese."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Limits:
    """What a workbook may hold. The uncompressed size guards against zip bombs (100,000 rows of the
    personnel template are ≈60 MB unpacked); data beyond column AZ is always refused."""

    max_rows: int = 200_000
    max_file_bytes: int = 50 * 1024 * 1024
    max_unpacked_bytes: int = 600 * 1024 * 1024


@dataclass
class Table:
    """The first worksheet: its header row (trailing empty headers dropped) and its non-empty data
    rows, each cut or padded to the header's width, with their Excel row numbers."""

    headers: list[str]
    row_numbers: list[int] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)


def column_letter(column_index: int) -> str:
    """The letters of a column: "B" for the second."""
    letters = ""
    number = column_index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_name(column_index: int, row_number: int) -> str:
    """The name of a cell: "B7" for the second column of Excel row 7."""
    return f"{column_letter(column_index)}{row_number}"


def in_each_language(build: Callable[[], T]) -> list[T]:
    """``build()`` under each language of the interface, the reader's own first: a workbook downloaded on
    the English interface is read on the Vietnamese one, and the other way round."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    languages = [current, *(code for code, _name in settings.LANGUAGES if code != current)]
    results = []
    for language in languages:
        with translation.override(language):
            results.append(build())
    return results


def require_headers(required: Iterable[str | tuple[str, ...]], message: str) -> Callable[[list[str]], None]:
    """A ``check_headers`` for :func:`read_table` refusing a header row that lacks any of the
    ``required`` headers (compared without case or diacritics) with ``message``, whose
    ``%(columns)s`` names the missing ones. A required header given as a tuple is any one of its names
    (the same column in each language), and is named by the first."""
    wanted = [(names,) if isinstance(names, str) else names for names in required]

    def check(headers: list[str]) -> None:
        present = {fold(header) for header in headers}
        missing = [names[0] for names in wanted if not any(fold(name) in present for name in names)]
        if missing:
            raise WorkbookError([message % {"columns": ", ".join(missing)}])

    return check


def read_table(
    content: bytes,
    limits: Limits = Limits(),
    check_headers: Callable[[list[str]], None] | None = None,
) -> Table:
    """The first worksheet of ``content``, checked as a whole; WorkbookError when it cannot be read.

    ``check_headers`` sees the header row before any data row is read and raises WorkbookError to
    refuse it, so that a wrong file is named as such before its other problems.
    """
    if len(content) > limits.max_file_bytes:
        raise WorkbookError(
            [
                _("Tệp quá lớn (%(size)s MB); giới hạn là %(max)s MB.")
                % {"size": len(content) // 2**20, "max": limits.max_file_bytes // 2**20}
            ]
        )
    content = _check_archive(content, limits)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        if not book.sheet_names:
            raise WorkbookError([_("Tệp không có trang tính nào.")])
        sheet = book.get_sheet_by_index(0)
        merged = sheet.merged_cell_ranges or []
        rows = sheet.iter_rows()
        header_row = next(rows, None)
        if header_row is None:
            raise WorkbookError([_("Trang tính đầu tiên trống: không có dòng tiêu đề.")])
        headers = [str(value).strip() if value is not None else "" for value in header_row]
        while headers and not headers[-1]:
            headers.pop()
        if check_headers is not None:
            check_headers(headers)
        _reject_merged(merged)
        table = Table(headers=headers)
        _collect_rows(table, rows, limits.max_rows)
    except (CalamineError, ValueError, zipfile.BadZipFile) as error:
        raise WorkbookError(
            [_("Tệp Excel bị hỏng hoặc không đọc được (%(error)s).") % {"error": error}]
        ) from error
    return table


def _check_archive(content: bytes, limits: Limits) -> bytes:
    """``content`` checked as an archive; returned with trailing empty rows cut from the first sheet."""
    if content.startswith(OLE_MAGIC):
        raise WorkbookError(
            [
                _(
                    "Tệp có định dạng Excel 97–2003 (.xls) hoặc đã được đặt mật khẩu; hãy mở bằng Excel và "
                    "lưu lại thành .xlsx (Excel Workbook)."
                )
            ]
        )
    if not content.startswith(ZIP_MAGIC):
        raise WorkbookError([_("Tệp không phải là tệp Excel .xlsx (có thể là tệp khác được đổi đuôi).")])
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = {info.filename: info for info in archive.infolist()}
        if "xl/workbook.xml" not in members:
            raise WorkbookError([_("Tệp nén không phải là sổ tính Excel .xlsx (thiếu xl/workbook.xml).")])
        if sum(info.file_size for info in members.values()) > limits.max_unpacked_bytes:
            raise WorkbookError([_("Nội dung tệp khi giải nén quá lớn; hãy chia thành nhiều tệp nhỏ hơn.")])
        sheet_path = _first_sheet_path(archive)
        if sheet_path not in members:
            return content
        sheet_xml = archive.read(sheet_path)
        _reject_formulas_without_value(sheet_xml)
        _reject_far_cells(sheet_xml)
        trimmed = _without_trailing_empty_rows(sheet_xml)
        _reject_far_rows(trimmed, limits.max_rows)
        if trimmed is sheet_xml:
            return content
        return _replace_member(archive, sheet_path, trimmed)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as error:
        raise WorkbookError(
            [_("Tệp Excel bị hỏng hoặc không đọc được (%(error)s).") % {"error": error}]
        ) from error


def _last_value_end(sheet_xml: bytes, start: int) -> int:
    """The offset just after the last non-empty value (``<v>`` or text ``<t>``) after ``start``, or -1."""
    best = -1
    for closing in (b"</v>", b"</t>"):
        end = len(sheet_xml)
        while True:
            found = sheet_xml.rfind(closing, start, end)
            if found == -1 or found <= best:
                break
            if sheet_xml[found - 1 : found] != b">":  # "<t></t>" holds nothing
                best = found
                break
            end = found
    return best


def _without_trailing_empty_rows(sheet_xml: bytes) -> bytes:
    """The sheet without the rows after the last non-empty value.

    Some programs save empty strings (or styles) down to row 1,048,576; python-calamine would then
    build the whole rectangle in memory. Cutting them before parsing keeps such a file as cheap as its
    real content. Returns ``sheet_xml`` itself when there is nothing worth cutting.
    """
    data_start = sheet_xml.find(b"<sheetData")
    data_end = sheet_xml.rfind(b"</sheetData>")
    if data_start == -1 or data_end == -1:
        return sheet_xml
    last_value = _last_value_end(sheet_xml, data_start)
    cut = (
        data_start + sheet_xml[data_start:].find(b">") + 1
        if last_value == -1
        else sheet_xml.find(b"</row>", last_value)
    )
    if cut == -1:
        return sheet_xml
    if last_value != -1:
        cut += len(b"</row>")
    if data_end - cut < TRIM_THRESHOLD:
        return sheet_xml
    head = _DIMENSION.sub(b"", sheet_xml[:cut])
    return head + sheet_xml[data_end:]


def _reject_far_cells(sheet_xml: bytes) -> None:
    """Refuse values beyond column AZ (and, in :func:`_reject_far_rows`, far below the row limit):
    python-calamine holds the used range as a full rectangle, so one cell far away costs gigabytes."""
    far = _FAR_COLUMN.search(sheet_xml)
    if far is not None:
        raise WorkbookError(
            [
                _("Trang tính có dữ liệu ở cột %(column)s, ngoài vùng của mẫu; hãy xóa các cột thừa.")
                % {"column": far.group(1).decode()}
            ]
        )


def _reject_far_rows(sheet_xml: bytes, max_rows: int) -> None:
    last = sheet_xml.rfind(b"<row ")
    number = _ROW_NUMBER.match(sheet_xml, last) if last != -1 else None
    if number is not None and int(number.group(1)) > max_rows + FAR_ROW_MARGIN:
        raise WorkbookError(
            [
                _("Trang tính có dữ liệu đến dòng %(row)s; tối đa %(max)s dòng dữ liệu mỗi tệp.")
                % {"row": f"{int(number.group(1)):,}", "max": f"{max_rows:,}"}
            ]
        )


def _replace_member(archive: zipfile.ZipFile, name: str, data: bytes) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_STORED) as rebuilt:
        for info in archive.infolist():
            rebuilt.writestr(info.filename, data if info.filename == name else archive.read(info.filename))
    return output.getvalue()


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    workbook = archive.read("xl/workbook.xml")
    found = _SHEET_ID.search(workbook)
    if found is None:
        return ""
    relation = (found.group(1) or found.group(2)).decode()
    relations = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    target = re.search(rf'<Relationship\b[^>]*\bId="{re.escape(relation)}"[^>]*\bTarget="([^"]+)"', relations)
    if target is None:
        target = re.search(
            rf'<Relationship\b[^>]*\bTarget="([^"]+)"[^>]*\bId="{re.escape(relation)}"', relations
        )
    if target is None:
        return ""
    path = target.group(1)
    return path.lstrip("/") if path.startswith("/") else f"xl/{path}"


def _reject_formulas_without_value(sheet_xml: bytes) -> None:
    """Formulas are never evaluated: their saved values are read. A formula cell saved without a value
    (written by a program that does not compute formulas) would be read as empty, so it is refused."""
    missing: list[str] = []
    for match in (match for pattern in _FORMULAS for match in pattern.finditer(sheet_xml)):
        start = sheet_xml.rfind(b"<c ", 0, match.start())
        end = sheet_xml.find(b"</c>", match.start())
        cell = sheet_xml[start:end]
        if not _CACHED_VALUE.search(cell):
            reference = _CELL_REF.search(cell)
            missing.append(b"".join(reference.groups()).decode() if reference else "?")
            if len(missing) >= MAX_REPORTED_CELLS:
                break
    if missing:
        raise WorkbookError(
            [
                _(
                    "Các ô %(cells)s chứa công thức chưa có giá trị được lưu. Hệ thống không tính công "
                    "thức: hãy mở tệp bằng Excel, lưu lại (hoặc dán giá trị thay cho công thức) rồi nhập lại."
                )
                % {"cells": ", ".join(missing)}
            ]
        )


def _reject_merged(merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    if merged:
        cells = [
            f"{cell_name(a[1], a[0] + 1)}:{cell_name(b[1], b[0] + 1)}" for a, b in merged[:MAX_REPORTED_CELLS]
        ]
        raise WorkbookError(
            [
                _("Trang tính có ô gộp (%(cells)s). Hãy bỏ gộp ô: mỗi hồ sơ một dòng, mỗi thông tin một ô.")
                % {"cells": ", ".join(cells)}
            ]
        )


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def _collect_rows(table: Table, rows: Iterator[list[Any]], max_rows: int) -> None:
    """Keep the non-empty rows, each cut or padded to the header's width; empty rows are skipped, so a
    sheet whose used range runs to row 1,000,000 costs only the reading of its empty cells."""
    width = len(table.headers)
    for number, row in enumerate(rows, start=2):
        cells = row[:width]
        # A first cell filled settles the common full row; any() the common empty row (cells "" or None),
        # each without a Python call per cell.
        if (not cells or _is_empty(cells[0])) and (
            not any(cells) or all(_is_empty(value) for value in cells)
        ):
            continue
        if len(table.rows) >= max_rows:
            raise WorkbookError(
                [_("Tệp có hơn %(max)s dòng dữ liệu; hãy chia thành nhiều tệp.") % {"max": f"{max_rows:,}"}]
            )
        if len(cells) < width:
            cells = [*cells, *([""] * (width - len(cells)))]
        table.row_numbers.append(number)
        table.rows.append(cells)
    if not table.rows:
        raise WorkbookError([_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")])
