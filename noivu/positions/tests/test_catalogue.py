"""The position catalogue kept by the Ministry: exported to Excel, edited there and imported back all or
nothing with each problem named by row, column and rule; edited on its page with the same check as the
API; every change visible in the position's history."""

import io
import re

import openpyxl
import pytest

from conftest import make_user
from noivu.core.models import AuditEvent
from noivu.core.permissions import Role
from noivu.positions import actions
from noivu.positions.catalogue.excel import COLUMNS
from noivu.positions.models import CatalogPosition

pytestmark = pytest.mark.django_db

HEADERS = [str(column.header) for column in COLUMNS]


@pytest.fixture
def ministry_officer(tree):
    """An organisation-and-personnel officer of the Ministry: a right to change over the whole country."""
    return make_user("ministry_hr", Role.HR_OFFICER, tree["root"], full_name="Chuyên viên Vụ Tổ chức cán bộ")


def _exported(client) -> openpyxl.Workbook:
    response = client.get("/positions/catalogue/export/")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _upload(client, book: openpyxl.Workbook, reason: str = "") -> str:
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.name = "danh-muc.xlsx"
    buffer.seek(0)
    return client.post(
        "/positions/catalogue/import/", {"workbook": buffer, "reason": reason}
    ).content.decode()


def _column(name: str) -> int:
    return HEADERS.index(name) + 1


def test_the_catalogue_goes_to_excel_and_back_with_its_description_framework_rank_and_qualification(
    client, ministry_officer, catalogue
):
    client.force_login(ministry_officer)
    book = _exported(client)
    sheet = book.active
    assert [cell.value for cell in sheet[1]] == HEADERS
    rows = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}
    budget = rows["CM01"]
    assert sheet.cell(budget, _column("Nhóm")).value == "Chuyên môn, nghiệp vụ chuyên ngành"
    assert sheet.cell(budget, _column("Trình độ chuyên môn tối thiểu")).value == "Đại học"

    sheet.cell(budget, _column("Nhiệm vụ")).value = "Lập dự toán ngân sách\nThẩm tra quyết toán"
    sheet.cell(budget, _column("Khung năng lực")).value = "Phân tích tài chính: 4\nSoạn thảo văn bản: 3"
    sheet.cell(budget, _column("Ngạch, chức danh tối thiểu (mã)")).value = "01.002"
    sheet.cell(budget, _column("Trình độ chuyên môn tối thiểu")).value = "Thạc sĩ"
    new = sheet.max_row + 1
    for name, value in (
        ("Mã vị trí", "CM09"),
        ("Tên vị trí việc làm", "Quản lý nợ công"),
        ("Nhóm", "Chuyên môn, nghiệp vụ chuyên ngành"),
        ("Đối tượng", "Công chức"),
        ("Khung năng lực", "Quản lý rủi ro: 3"),
        ("Ngạch, chức danh tối thiểu (mã)", "01.003"),
    ):
        sheet.cell(new, _column(name)).value = value
    page = _upload(client, book, reason="Điều chỉnh theo Nghị định 361/2025")
    assert "thêm 1, sửa 1, giữ nguyên 3" in page

    changed = CatalogPosition.objects.get(code="CM01")
    assert changed.tasks == "Lập dự toán ngân sách\nThẩm tra quyết toán"
    assert changed.competencies == [
        {"name": "Phân tích tài chính", "level": "4"},
        {"name": "Soạn thảo văn bản", "level": "3"},
    ]
    assert (changed.min_rank_code, changed.min_qualification) == ("01.002", "master")
    added = CatalogPosition.objects.get(code="CM09")
    assert (added.group, added.staff_kind, added.active, added.required) == (
        "professional",
        "civil_servant",
        True,
        False,
    )
    assert AuditEvent.objects.filter(event_type="positions.catalog_imported").count() == 1

    again = _exported(client).active
    row = next(r for r in range(2, again.max_row + 1) if again.cell(r, 1).value == "CM01")
    assert again.cell(row, _column("Khung năng lực")).value == "Phân tích tài chính: 4\nSoạn thảo văn bản: 3"

    history = client.get(f"/positions/catalogue/{changed.pk}/").content.decode()
    assert "Lịch sử thay đổi" in history and "Điều chỉnh theo Nghị định 361/2025" in history
    assert "01.003 → 01.002" in history and "Chuyên viên Vụ Tổ chức cán bộ" in history


def test_an_import_with_an_unknown_code_a_bad_group_or_a_missing_cell_saves_nothing(
    client, ministry_officer, catalogue
):
    client.force_login(ministry_officer)
    book = _exported(client)
    sheet = book.active
    rows = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}
    sheet.cell(rows["CM01"], _column("Nhiệm vụ")).value = "Một thay đổi đúng không được ghi"
    sheet.cell(rows["LD01"], _column("Ngạch, chức danh tối thiểu (mã)")).value = "99.999"
    sheet.cell(rows["LD03"], _column("Nhóm")).value = "Nhóm lạ"
    sheet.cell(rows["HT01"], _column("Tên vị trí việc làm")).value = None
    page = _upload(client, book)

    assert "Tệp có 3 lỗi" in page
    assert f'<td data-label="Dòng">{rows["LD01"]}</td>' in page
    assert "Ngạch, chức danh có trong bảng ngạch" in page and "99.999" in page
    assert "Giá trị trong danh mục" in page and "Nhóm lạ" in page
    assert "Bắt buộc nhập" in page and f"B{rows['HT01']}" in page
    assert CatalogPosition.objects.get(code="CM01").tasks == ""
    assert CatalogPosition.objects.get(code="LD01").min_rank_code == "01.002"
    assert not AuditEvent.objects.filter(event_type="positions.catalog_imported").exists()


def test_a_file_that_is_not_a_catalogue_is_refused_as_a_whole(client, ministry_officer, catalogue):
    client.force_login(ministry_officer)
    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", "Ngày sinh"])
    book.active.append(["Nguyễn Văn A", "01/01/1980"])
    page = _upload(client, book)
    assert "Tệp thiếu cột bắt buộc: Mã vị trí, Tên vị trí việc làm, Nhóm, Đối tượng" in page


def test_the_form_and_the_api_refuse_what_the_import_refuses(client, ministry_officer, catalogue):
    client.force_login(ministry_officer)
    item = catalogue["budget"]
    page = client.post(
        f"/positions/catalogue/{item.pk}/edit/",
        {
            "name": item.name,
            "group": "support",
            "staff_kind": "civil_servant",
            "leadership_role": "head",
            "competencies": "Phân tích tài chính: 7",
            "min_rank_code": "99.999",
            "active": "on",
        },
    ).content.decode()
    assert "không có trong bảng ngạch" in page
    assert "cấp độ từ 1 đến 5" in page
    assert "Chỉ vị trí thuộc nhóm" in page
    answer = client.post(
        "/api/v1/positions/catalogue/CM01",
        {
            "name": item.name,
            "group": "professional",
            "staff_kind": "civil_servant",
            "min_rank_code": "99.999",
        },
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "min_rank_code"
    assert "không có trong bảng ngạch" in answer.json()["errors"][0]["message"]
    assert CatalogPosition.objects.get(code="CM01").min_rank_code == "01.003"
    title = client.post(
        "/api/v1/positions/catalogue/VC01",
        {
            "name": "Giáo viên tiểu học",
            "group": "professional",
            "staff_kind": "public_employee",
            "min_rank_code": "V.07.03.29",
        },
        content_type="application/json",
    )
    assert title.status_code == 200 and title.json()["min_rank_code"] == "V.07.03.29"


def test_the_ministry_edits_a_position_and_its_page_shows_who_changed_what(
    client, ministry_officer, catalogue
):
    client.force_login(ministry_officer)
    item = catalogue["clerk"]
    response = client.post(
        f"/positions/catalogue/{item.pk}/edit/",
        {
            "name": "Văn thư, lưu trữ",
            "group": "support",
            "staff_kind": "civil_servant",
            "tasks": "Quản lý văn bản đến, đi",
            "competencies": "Lưu trữ: 2",
            "min_qualification": "college",
            "required": "on",
            "active": "on",
            "reason": "Bổ sung nhiệm vụ lưu trữ",
        },
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Văn thư → Văn thư, lưu trữ" in page and "Bổ sung nhiệm vụ lưu trữ" in page
    assert "Lưu trữ" in page and "Cao đẳng" in page


def test_a_provincial_officer_reads_the_catalogue_but_does_not_change_it(client, hr_a, catalogue):
    client.force_login(hr_a)
    listing = client.get("/positions/catalogue/").content.decode()
    assert "Xuất Excel" in listing and "Thêm vị trí" not in listing
    assert client.get(f"/positions/catalogue/{catalogue['budget'].pk}/").status_code == 200
    assert client.get(f"/positions/catalogue/{catalogue['budget'].pk}/edit/").status_code == 403
    assert client.get("/positions/catalogue/import/").status_code == 403
    exported = openpyxl.load_workbook(io.BytesIO(client.get("/positions/catalogue/export/").content)).active
    assert sorted(exported.cell(row, 1).value for row in range(2, exported.max_row + 1)) == [
        "CM01",
        "HT01",
        "LD01",
        "LD03",
    ]
    with pytest.raises(Exception, match="toàn quốc|quốc gia"):
        actions.do_save_catalog_position(code="CM01", name="X", acting_user=hr_a)


def test_a_refused_import_offers_the_error_workbook_with_the_rows_and_an_error_column(
    client, ministry_officer, catalogue
):
    client.force_login(ministry_officer)
    book = _exported(client)
    sheet = book.active
    rows = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}
    sheet.cell(rows["LD03"], _column("Nhóm")).value = "Nhóm lạ"
    page = _upload(client, book)
    assert 'id="import-error-file"' in page
    link = re.search(r'id="import-error-file" href="([^"]+)"', page).group(1)

    response = client.get(link)
    assert response.status_code == 200
    errors = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    data, listing = errors.worksheets
    headers = [cell.value for cell in data[1]]
    assert headers == [*HEADERS, "Lỗi"]
    assert data.cell(rows["LD03"], 1).value == "LD03"
    assert data.cell(rows["LD03"], _column("Nhóm")).value == "Nhóm lạ"
    note = data.cell(rows["LD03"], len(headers)).value
    assert "Nhóm" in note and "Giá trị trong danh mục" in note
    assert data.cell(rows["CM01"], len(headers)).value is None
    assert [cell.value for cell in listing[2]][:4] == [
        rows["LD03"],
        "Nhóm",
        f"C{rows['LD03']}",
        "Giá trị trong danh mục",
    ]
    assert CatalogPosition.objects.get(code="LD03").group != "Nhóm lạ"

    # The corrected error workbook goes back in as it is; another user does not get the file.
    data.cell(rows["LD03"], _column("Nhóm")).value = "Lãnh đạo, quản lý"
    del errors[listing.title]
    assert "Đã cập nhật danh mục" in _upload(client, errors)
    other = make_user("ministry_hr2", Role.HR_OFFICER, ministry_officer.grants.first().organization)
    client.force_login(other)
    assert client.get(link).status_code == 404
