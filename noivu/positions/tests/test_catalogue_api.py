"""The catalogue's workbook and history through the API: the export of the page, the all-or-nothing import
with each refused row named by row, column and rule in the API's 422 shape, and a position's history."""

import io

import openpyxl
import pytest

from conftest import make_user
from noivu.core.models import AuditEvent
from noivu.core.permissions import Role
from noivu.positions.catalogue.excel import COLUMNS
from noivu.positions.models import CatalogPosition

pytestmark = pytest.mark.django_db

HEADERS = [str(column.header) for column in COLUMNS]
EXPORT = "/api/v1/positions/catalogue/export"
IMPORT = "/api/v1/positions/catalogue/import"


@pytest.fixture
def ministry_officer(tree):
    return make_user("ministry_hr", Role.HR_OFFICER, tree["root"], full_name="Chuyên viên Vụ Tổ chức cán bộ")


def _exported(client) -> openpyxl.Workbook:
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _upload(client, book: openpyxl.Workbook, reason: str = ""):
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.name = "danh-muc.xlsx"
    buffer.seek(0)
    return client.post(IMPORT, {"workbook": buffer, "reason": reason})


def _rows(sheet) -> dict[str, int]:
    return {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}


def _column(name: str) -> int:
    return HEADERS.index(name) + 1


def test_the_api_exports_the_workbook_and_imports_it_back_with_history(client, ministry_officer, catalogue):
    client.force_login(ministry_officer)
    book = _exported(client)
    sheet = book.active
    assert [cell.value for cell in sheet[1]] == HEADERS
    rows = _rows(sheet)
    sheet.cell(rows["CM01"], _column("Nhiệm vụ")).value = "Lập dự toán ngân sách"
    sheet.append(["CM09", "Kiểm soát chi", "Chuyên môn, nghiệp vụ chuyên ngành", "Công chức"])

    answer = _upload(client, book, reason="Rà soát năm 2026")

    assert answer.status_code == 200, answer.content
    assert answer.json() == {"added": ["CM09"], "changed": ["CM01"], "unchanged": 3}
    assert CatalogPosition.objects.get(code="CM01").tasks == "Lập dự toán ngân sách"
    history = client.get("/api/v1/positions/catalogue/CM01/history")
    assert history.status_code == 200
    latest = history.json()[0]
    assert latest["kind"] == "changed" and latest["reason"] == "Rà soát năm 2026"
    assert latest["user"] == "Chuyên viên Vụ Tổ chức cán bộ" and latest["at"]
    assert {
        "field": "tasks",
        "label": latest["changes"][0]["label"],
        "old": "",
        "new": "Lập dự toán ngân sách",
    } in (latest["changes"])
    assert history.json()[-1]["kind"] == "created"


def test_a_refused_import_saves_nothing_and_names_row_column_and_rule(client, ministry_officer, catalogue):
    client.force_login(ministry_officer)
    book = _exported(client)
    sheet = book.active
    rows = _rows(sheet)
    sheet.cell(rows["CM01"], _column("Nhiệm vụ")).value = "Một thay đổi đúng không được ghi"
    sheet.cell(rows["LD01"], _column("Ngạch, chức danh tối thiểu (mã)")).value = "99.999"
    sheet.cell(rows["LD03"], _column("Nhóm")).value = "Nhóm lạ"
    sheet.cell(rows["HT01"], _column("Tên vị trí việc làm")).value = None

    answer = _upload(client, book)

    assert answer.status_code == 422
    body = answer.json()
    assert "3 lỗi" in body["detail"]
    found = {(e["row"], e["column"], e["rule"]) for e in body["errors"]}
    assert (rows["LD01"], "Ngạch, chức danh tối thiểu (mã)", "rank_unknown") in found
    assert (rows["LD03"], "Nhóm", "invalid_choice") in found
    assert (rows["HT01"], "Tên vị trí việc làm", "required") in found
    assert all(e["field"] and e["message"].startswith("Dòng ") for e in body["errors"])
    assert CatalogPosition.objects.get(code="CM01").tasks == ""
    assert CatalogPosition.objects.get(code="LD01").min_rank_code == "01.002"
    assert not AuditEvent.objects.filter(event_type="positions.catalog_imported").exists()


def test_a_file_that_is_not_a_workbook_or_not_a_catalogue_is_a_422_on_the_file(
    client, ministry_officer, catalogue
):
    client.force_login(ministry_officer)
    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", "Ngày sinh"])
    answer = _upload(client, book)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "workbook"
    assert "Tệp thiếu cột bắt buộc" in answer.json()["errors"][0]["message"]
    garbage = io.BytesIO(b"not a workbook")
    garbage.name = "x.xlsx"
    refused = client.post(IMPORT, {"workbook": garbage})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "workbook"


def test_a_provincial_officer_exports_and_reads_history_but_may_not_import(client, hr_a, catalogue):
    client.force_login(hr_a)
    sheet = _exported(client).active
    assert sorted(_rows(sheet)) == ["CM01", "HT01", "LD01", "LD03"]
    assert client.get("/api/v1/positions/catalogue/CM01/history").status_code == 200
    assert client.get("/api/v1/positions/catalogue/NOPE/history").status_code == 404
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    assert _upload(client, book).status_code == 403
