"""Workbooks for the Excel import tests: valid rows that pass every rule, and ways to spoil them."""

import datetime as dt
import io
from typing import Any

import openpyxl

from noivu.personnel.excel.columns import COLUMNS

HEADERS = [column.header for column in COLUMNS]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Ngọc", "Quang", "Thanh", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Mai", "Nam", "Phúc", "Quân", "Sơn"]


def person_name(index: int) -> str:
    return f"{FAMILY[index % 10]} {MIDDLE[(index // 10) % 10]} {GIVEN[(index // 100) % 13]}"


def valid_row(index: int, unit: str = "T01-SNV", **changes: Any) -> dict[str, Any]:
    """A row that passes every rule: born 1985 (CCCD century digit 0 = male, 1 = female, year digits 85)."""
    female = index % 2 == 1
    row = {
        "STT": index + 1,
        "Họ và tên": person_name(index),
        "Ngày sinh": "17/05/1985",
        "Giới tính": "Nữ" if female else "Nam",
        "Số CCCD": f"001{1 if female else 0}85{index:06d}",
        "Dân tộc": "Kinh",
        "Tôn giáo": "Không",
        "Mã đơn vị": unit,
        "Đối tượng": "Công chức",
        "Ngày bắt đầu công tác tại đơn vị": "01/09/2020",
        "Chức vụ/chức danh": "Chuyên viên",
    }
    row.update(changes)
    return row


def workbook(rows: list[dict[str, Any]], headers: list[str] | None = None) -> bytes:
    """An .xlsx (written by openpyxl) with ``headers`` in row 1 and one line per row dict."""
    headers = headers or HEADERS
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.title = "Danh sách"
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def read_back(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))
