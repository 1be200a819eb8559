"""The core spreadsheet layer: workbooks written by the one writer and read back by the one reader."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from noivu.core.excel.reader import Limits, WorkbookError, read_table, require_headers
from noivu.core.excel.writer import DATE, HEADER, TEXT, WRONG, Cell, Column, Sheet, workbook_bytes

COLUMNS = [Column("Họ và tên", 30), Column("Ngày sinh", 12, DATE), Column("Số CCCD", 16, TEXT)]


def people_sheet(rows: list[list]) -> bytes:
    return workbook_bytes([Sheet("Danh sách", COLUMNS, rows)])


def test_a_written_workbook_reads_back_with_its_headers_text_numbers_and_dates():
    content = people_sheet(
        [["Nguyễn Văn An", dt.date(1985, 5, 17), "001085000001"], ["Trần Thị Bình", None, 42]]
    )

    table = read_table(content)

    assert table.headers == ["Họ và tên", "Ngày sinh", "Số CCCD"]
    assert table.row_numbers == [2, 3]
    assert table.rows[0][0] == "Nguyễn Văn An"
    assert table.rows[0][1] == dt.date(1985, 5, 17)
    assert table.rows[0][2] == "001085000001"
    assert table.rows[1][2] == 42


def test_text_that_looks_like_a_formula_stays_text_and_keeps_excel_s_quote_prefix():
    hostile = ['=HYPERLINK("http://x","bấm")', "+1+1", "-2+3", "@SUM(A1)"]
    content = workbook_bytes(
        [Sheet("Danh sách", [Column(f"C{index}") for index in range(5)], [[*hostile, Cell("=1+1", WRONG)]])]
    )

    assert read_table(content).rows[0] == [*hostile, "=1+1"]
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    for cell in sheet[2]:
        assert cell.data_type == "s" and cell.quotePrefix
    assert sheet["E2"].fill.fgColor.rgb == "FFFFC7CE"


def test_styles_comments_drop_downs_and_several_sheets_are_written():
    columns = [
        Column("Giới tính", 10, comment="Nam hoặc Nữ", choices="'Danh mục'!$A$2:$A$3", choices_error="Sai"),
        Column("Ngày sinh", 12, DATE),
    ]
    content = workbook_bytes(
        [
            Sheet(
                "Danh sách",
                columns,
                [[Cell("Khác", WRONG, "Không có trong danh mục"), dt.date(1990, 1, 2)]],
                header_height=30,
                validation_rows=100,
            ),
            Sheet("Danh mục", [Column("Giới tính")], [["Nam"], ["Nữ"]]),
            Sheet("Lỗi", [Column("Dòng")], [[7], [9]], row_numbers=[7, 9]),
        ]
    )

    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Danh sách", "Danh mục", "Lỗi"]
    data = book["Danh sách"]
    assert data["A1"].font.bold and data["A1"].fill.fgColor.rgb == "FF" + HEADER.fill
    assert data["A1"].comment.text == "Nam hoặc Nữ"
    assert data["A2"].comment.text == "Không có trong danh mục"
    assert data["A2"].fill.fgColor.rgb == "FFFFC7CE"
    assert data["B2"].value == dt.datetime(1990, 1, 2) and data["B2"].number_format == "dd/mm/yyyy"
    assert data.freeze_panes == "A2"
    assert data.column_dimensions["A"].width == 10
    validation = data.data_validations.dataValidation[0]
    assert validation.formula1 == "'Danh mục'!$A$2:$A$3" and str(validation.sqref) == "A2:A101"
    assert [row[0].value for row in book["Lỗi"].iter_rows(min_row=7, max_row=9)] == [7, None, 9]


def test_characters_xml_forbids_are_dropped_and_long_text_is_cut_to_excel_s_limit():
    content = people_sheet([["Nguyễn\x00 Văn\x1f An & <Bình>", None, "x" * 40_000]])

    row = read_table(content).rows[0]
    assert row[0] == "Nguyễn Văn An & <Bình>"
    assert len(row[2]) == 32_767


def test_a_file_that_is_not_an_xlsx_is_refused():
    with pytest.raises(WorkbookError, match="không phải là tệp Excel"):
        read_table(b"name,birth\nAn,1985\n")
    with pytest.raises(WorkbookError, match="Excel 97"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)


def test_a_zip_bomb_and_a_too_large_file_are_refused_before_parsing():
    content = people_sheet([["Nguyễn Văn An", None, "x" * 30_000] for _ in range(50)])

    with pytest.raises(WorkbookError, match="giải nén quá lớn"):
        read_table(content, Limits(max_unpacked_bytes=100_000))
    with pytest.raises(WorkbookError, match="Tệp quá lớn"):
        read_table(content, Limits(max_file_bytes=1_000))


def test_a_far_away_cell_is_refused_instead_of_filling_memory():
    far_right = workbook_bytes([Sheet("A", [Column(f"C{index}") for index in range(60)], [["x"] * 60])])
    with pytest.raises(WorkbookError, match="cột BA1"):
        read_table(far_right)

    far_down = workbook_bytes([Sheet("A", COLUMNS, [["Nguyễn Văn An"]], row_numbers=[50_000])])
    with pytest.raises(WorkbookError, match="đến dòng 50,000"):
        read_table(far_down, Limits(max_rows=100))


def test_too_many_rows_and_a_sheet_without_data_are_refused():
    with pytest.raises(WorkbookError, match="hơn 2 dòng"):
        read_table(people_sheet([["An"], ["Bình"], ["Cường"]]), Limits(max_rows=2))
    with pytest.raises(WorkbookError, match="không có dòng dữ liệu"):
        read_table(people_sheet([]))


def test_header_check_runs_before_the_rows_are_read():
    def refuse(headers: list[str]) -> None:
        raise WorkbookError([f"tiêu đề {headers[0]}"])

    with pytest.raises(WorkbookError, match="tiêu đề Họ và tên"):
        read_table(people_sheet([]), check_headers=refuse)


def test_required_headers_are_matched_without_case_or_diacritics_and_the_missing_ones_named():
    content = people_sheet([["Nguyễn Văn An", "01/01/1990", "001090000001"]])
    check = require_headers(["HO VA TEN", "Số CCCD", "Đơn vị", "Chức vụ"], "Thiếu cột: %(columns)s.")

    with pytest.raises(WorkbookError, match=r"^Thiếu cột: Đơn vị, Chức vụ\.$"):
        read_table(content, check_headers=check)
    assert read_table(content, check_headers=require_headers(["ho va ten", "SỐ CCCD"], "%(columns)s")).rows
