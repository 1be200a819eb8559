"""Malformed and hostile workbooks: each gets a clear Vietnamese message and nothing is written."""

import io
import re
import time
import zipfile

import openpyxl
import pytest
import xlsxwriter

from noivu.personnel.excel.importer import import_workbook
from noivu.personnel.excel.reader import WorkbookError, read_workbook
from noivu.personnel.models import Person
from noivu.personnel.tests.excel.helpers import HEADERS, valid_row, workbook

pytestmark = pytest.mark.django_db


def refused(content: bytes, user) -> str:
    outcome = import_workbook(content, user=user)
    assert not outcome.ok and outcome.file_errors and outcome.error_workbook is None
    assert Person.objects.count() == 0
    return " ".join(outcome.file_errors)


def test_a_file_that_is_not_xlsx_is_refused(tree, hr_a):
    assert "không phải là tệp Excel .xlsx" in refused(b"%PDF-1.7 renamed to .xlsx", hr_a)
    assert "không phải là tệp Excel .xlsx" in refused(b"", hr_a)


def test_an_old_xls_file_is_refused_with_advice(tree, hr_a):
    assert "Excel 97–2003 (.xls)" in refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, hr_a)


def test_a_zip_that_is_not_a_workbook_is_refused(tree, hr_a):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "thiếu xl/workbook.xml" in refused(output.getvalue(), hr_a)


def test_a_truncated_workbook_is_refused(tree, hr_a):
    content = workbook([valid_row(0)])
    assert "không đọc được" in refused(content[: len(content) // 2], hr_a)


def test_wrong_missing_and_duplicated_headers_are_named(tree, hr_a):
    headers = ["STT", "Ho va ten", "Ngày sinh", "Ngày sinh", "Quê quán", "Giới tính", "Số CCCD", "Mã đơn vị"]
    message = refused(workbook([valid_row(0)], headers=headers), hr_a)

    assert "«Quê quán» không có trong mẫu" in message
    assert "«Ngày sinh» xuất hiện hai lần (cột C và D)" in message
    assert "Thiếu cột bắt buộc: Đối tượng, Ngày bắt đầu công tác tại đơn vị" in message
    assert "Họ và tên" not in message.split("Thiếu cột bắt buộc")[1]  # matched without diacritics


def test_merged_cells_are_refused(tree, hr_a):
    book = openpyxl.load_workbook(io.BytesIO(workbook([valid_row(0), valid_row(1)])))
    book.active.merge_cells("H2:H3")
    output = io.BytesIO()
    book.save(output)

    assert "ô gộp (H2:H3)" in refused(output.getvalue(), hr_a)


def test_a_formula_without_saved_value_is_refused_and_one_with_a_value_is_read(tree, hr_a):
    book = openpyxl.load_workbook(io.BytesIO(workbook([valid_row(0), valid_row(1)])))
    book.active["S3"] = '=CONCATENATE("Chuyên", " viên")'
    output = io.BytesIO()
    book.save(output)
    assert "Các ô S3 chứa công thức chưa có giá trị" in refused(output.getvalue(), hr_a)

    output = io.BytesIO()
    writer = xlsxwriter.Workbook(output)
    sheet = writer.add_worksheet()
    row = valid_row(0)
    for column, header in enumerate(HEADERS):
        sheet.write_string(0, column, header)
        if row.get(header) is not None:
            sheet.write(1, column, row[header])
    sheet.write_formula(
        1, HEADERS.index("Chức vụ/chức danh"), '="Chuyên"&" viên chính"', None, "Chuyên viên chính"
    )
    writer.close()

    outcome = import_workbook(output.getvalue(), user=hr_a)
    assert outcome.ok, (outcome.file_errors, outcome.row_errors)
    assert Person.objects.get().assignments.get().position_title == "Chuyên viên chính"


def _with_empty_rows(content: bytes, last_row: int) -> bytes:
    """The workbook with an empty text cell in every row down to ``last_row``, as some programs save it."""
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                first = int(re.findall(rb'<row r="(\d+)"', data)[-1]) + 1
                empty = "".join(
                    f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t></t></is></c></row>'
                    for n in range(first, last_row + 1)
                )
                data = data.replace(b"</sheetData>", empty.encode() + b"</sheetData>")
                data = re.sub(
                    rb'<dimension ref="[^"]*"/>', f'<dimension ref="A1:S{last_row}"/>'.encode(), data
                )
            archive.writestr(info, data)
    return output.getvalue()


def test_a_million_empty_rows_cost_only_their_reading(tree, hr_a):
    content = _with_empty_rows(workbook([valid_row(0), valid_row(1)]), 1_000_000)
    started = time.perf_counter()

    outcome = import_workbook(content, user=hr_a)

    assert outcome.ok and outcome.created == 2 and outcome.rows == 2
    assert time.perf_counter() - started < 20


def test_more_rows_than_the_limit_are_refused(tree, hr_a, settings):
    settings.PERSONNEL_IMPORT_MAX_ROWS = 3
    assert "hơn 3 dòng" in refused(workbook([valid_row(index) for index in range(4)]), hr_a)


def test_a_file_over_the_size_limit_is_refused(tree, hr_a, settings):
    settings.PERSONNEL_IMPORT_MAX_FILE_BYTES = 1_000
    assert "Tệp quá lớn" in refused(workbook([valid_row(0)]), hr_a)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tree, hr_a, settings):
    settings.PERSONNEL_IMPORT_MAX_UNPACKED_BYTES = 100_000
    assert "khi giải nén quá lớn" in refused(_with_empty_rows(workbook([valid_row(0)]), 5_000), hr_a)


def test_a_sheet_without_data_rows_is_refused(tree, hr_a):
    assert "không có dòng dữ liệu" in refused(workbook([]), hr_a)


def test_reader_skips_empty_rows_but_keeps_excel_row_numbers():
    content = workbook([valid_row(0), {}, {"STT": " "}, valid_row(3)])
    sheet = read_workbook(content)
    assert sheet.row_numbers == [2, 5]
    with pytest.raises(WorkbookError):
        read_workbook(b"not a workbook")


def test_a_value_far_below_or_right_of_the_data_is_refused_before_reading(tree, hr_a):
    book = openpyxl.load_workbook(io.BytesIO(workbook([valid_row(0)])))
    book.active["A900000"] = "x"
    output = io.BytesIO()
    book.save(output)
    assert "dữ liệu đến dòng 900,000" in refused(output.getvalue(), hr_a)

    book = openpyxl.load_workbook(io.BytesIO(workbook([valid_row(0)])))
    book.active["XFD2"] = "x"
    output = io.BytesIO()
    book.save(output)
    assert "ở cột XFD2" in refused(output.getvalue(), hr_a)
