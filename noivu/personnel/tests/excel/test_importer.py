"""The all-or-nothing import: what is written when every row is valid, what is reported when one is not."""

import datetime as dt
import unicodedata

import pytest

from noivu.core.models import AuditEvent
from noivu.personnel.excel import importer
from noivu.personnel.excel.importer import CHANGE_REASON, import_workbook
from noivu.personnel.excel.validation import Rule
from noivu.personnel.models import Assignment, Category, Gender, Person
from noivu.personnel.tests.excel.helpers import person_name, read_back, valid_row, workbook

pytestmark = pytest.mark.django_db


def test_valid_workbook_creates_every_person_with_assignment_and_history(tree, hr_a):
    rows = [valid_row(index) for index in range(30)]
    rows[0].update(
        {
            "Họ và tên": unicodedata.normalize("NFD", "  Đặng   Thị Hà "),
            "Giới tính": "nữ",
            "Số CCCD": "001190000000",
            "Ngày sinh": dt.date(1990, 2, 28),
            "Đối tượng": "VIEN CHUC",
            "Dân tộc": "Mông",
            "Mã đơn vị": "T01",
            "Ngày cấp CCCD": "10/03/2021",
            "Điện thoại": "0912 345 678",
            "Thư điện tử": "ha.dt@snv.gov.vn",
        }
    )
    outcome = import_workbook(workbook(rows), user=hr_a)

    assert outcome.ok, (outcome.file_errors, outcome.row_errors[:5])
    assert outcome.created == 30
    assert Person.objects.count() == 30
    assert Assignment.objects.filter(is_primary=True, effective_to__isnull=True).count() == 30
    first = Person.objects.get(cccd_number="001190000000")
    assert first.full_name == "Đặng Thị Hà"
    assert unicodedata.is_normalized("NFC", first.full_name)
    assert first.full_name_folded == "dang thi ha"
    assert first.birth_date == dt.date(1990, 2, 28)
    assert first.gender == Gender.FEMALE
    assert first.category == Category.PUBLIC_EMPLOYEE
    assert first.ethnic_group == "08"
    assert first.religion == "none"
    assert first.cccd_issued_on == dt.date(2021, 3, 10)
    assert first.phone == "0912 345 678"
    assert first.organization == tree["province_a"]
    assignment = first.assignments.get()
    assert (assignment.organization, assignment.category) == (tree["province_a"], Category.PUBLIC_EMPLOYEE)
    assert assignment.effective_from == dt.date(2020, 9, 1)
    assert assignment.position_title == "Chuyên viên"
    created = first.history.get()
    assert (created.history_type, created.history_user, created.history_change_reason) == (
        "+",
        hr_a,
        CHANGE_REASON,
    )
    assert assignment.history.get().history_user == hr_a
    assert Person.objects.get(cccd_number=rows[1]["Số CCCD"]).full_name == person_name(1)


def test_one_bad_row_writes_nothing_and_the_error_workbook_names_row_column_and_rule(tree, hr_a):
    rows = [valid_row(index) for index in range(5)]
    rows[2]["Ngày sinh"] = "31/02/1985"

    outcome = import_workbook(workbook(rows), user=hr_a)

    assert not outcome.ok
    assert Person.objects.count() == 0 and Assignment.objects.count() == 0
    assert [(error.row, error.column, error.rule) for error in outcome.row_errors] == [
        (4, "Ngày sinh", Rule.DATE)
    ]
    book = read_back(outcome.error_workbook)
    data, listing = book.worksheets
    assert [cell.value for cell in listing[2]] == [
        4,
        "Ngày sinh",
        "D4",
        "Ngày tháng hợp lệ",
        outcome.row_errors[0].message,
    ]
    assert data["D4"].value == "31/02/1985"
    assert data["D4"].fill.fgColor.rgb.endswith("FFC7CE")
    assert data["D3"].fill.fgColor.rgb in (None, "00000000")
    error_column = [cell.value for cell in data[1]].index("Lỗi") + 1
    assert "Ngày sinh" in data.cell(row=4, column=error_column).value
    assert data.cell(row=3, column=error_column).value is None
    assert data["B6"].value == rows[4]["Họ và tên"]


def test_corrected_error_workbook_can_be_imported_as_it_is(tree, hr_a):
    rows = [valid_row(index) for index in range(3)]
    rows[1]["Giới tính"] = "Không rõ"
    refused = import_workbook(workbook(rows), user=hr_a)
    book = read_back(refused.error_workbook)
    sheet = book.worksheets[0]
    assert sheet["E3"].value == "Không rõ"
    sheet["E3"] = "Nữ"
    import io

    fixed = io.BytesIO()
    book.save(fixed)

    outcome = import_workbook(fixed.getvalue(), user=hr_a)

    assert outcome.ok, outcome.row_errors
    assert Person.objects.count() == 3


def test_every_cell_problem_is_reported_with_its_rule(tree, hr_a):
    rows = [
        valid_row(0, **{"Họ và tên": ""}),
        valid_row(1, **{"Họ và tên": "Nguyễn Văn 3"}),
        valid_row(2, **{"Giới tính": "X"}),
        valid_row(3, **{"Ngày sinh": "1985-05-17"}),
        valid_row(4, **{"Ngày sinh": "17/05/2010"}),
        valid_row(5, **{"Đối tượng": "Bộ đội"}),
        valid_row(6, **{"Số CCCD": "0010850000"}),
        valid_row(7, **{"Giới tính": "Nam"}),
        valid_row(8, **{"Mã đơn vị": "KHONG-CO"}),
        valid_row(9, **{"Dân tộc": "Sao Hỏa"}),
        valid_row(10, **{"Thư điện tử": "khong-phai-thu"}),
        valid_row(11, **{"Ngày cấp CCCD": "01/01/1980"}),
        valid_row(12, **{"Số CCCD": 1085000012.0}),
        valid_row(13, **{"Chức vụ/chức danh": "x" * 201}),
    ]

    outcome = import_workbook(workbook(rows), user=hr_a)

    found = {(error.row, error.column, error.rule) for error in outcome.row_errors}
    assert found == {
        (2, "Họ và tên", Rule.REQUIRED),
        (3, "Họ và tên", Rule.NAME),
        (4, "Giới tính", Rule.CODE_LIST),
        (5, "Ngày sinh", Rule.DATE),
        (6, "Ngày sinh", Rule.AGE),
        (6, "Số CCCD", "cccd.birth_year_mismatch"),
        (6, "Số CCCD", "cccd.century_mismatch"),
        (7, "Đối tượng", Rule.CODE_LIST),
        (8, "Số CCCD", Rule.CCCD),
        (9, "Số CCCD", "cccd.gender_mismatch"),
        (10, "Mã đơn vị", Rule.ORGANIZATION_UNKNOWN),
        (11, "Dân tộc", Rule.CODE_LIST),
        (12, "Thư điện tử", Rule.EMAIL),
        (13, "Ngày cấp CCCD", Rule.DATE_ORDER),
        (14, "Số CCCD", Rule.TYPE),
        (15, "Chức vụ/chức danh", Rule.MAX_LENGTH),
    }
    assert Person.objects.count() == 0


def test_huge_strings_are_refused_without_echoing_them(tree, hr_a):
    huge = "A" * 30_000
    outcome = import_workbook(
        workbook([valid_row(0, **{"Tên gọi khác": huge, "Nơi cấp CCCD": huge})]), user=hr_a
    )

    assert {error.rule for error in outcome.row_errors} == {Rule.MAX_LENGTH}
    assert all(len(error.message) < 200 for error in outcome.row_errors)
    assert Person.objects.count() == 0


def test_duplicate_cccd_inside_the_file_and_against_the_database(tree, hr_a, people):
    rows = [valid_row(index) for index in range(4)]
    rows[3]["Số CCCD"] = rows[1]["Số CCCD"]
    rows[3]["Giới tính"] = rows[1]["Giới tính"]
    rows[0]["Số CCCD"] = people["an"].cccd_number

    outcome = import_workbook(workbook(rows), user=hr_a)

    found = {(error.row, error.rule): error.message for error in outcome.row_errors}
    assert set(found) == {
        (2, Rule.DUPLICATE_IN_DATABASE),
        (3, Rule.DUPLICATE_IN_FILE),
        (5, Rule.DUPLICATE_IN_FILE),
    }
    assert "dòng 5" in found[(3, Rule.DUPLICATE_IN_FILE)]
    assert "dòng 3" in found[(5, Rule.DUPLICATE_IN_FILE)]
    assert Person.objects.count() == 3


def test_units_outside_the_users_scope_are_refused_row_by_row(tree, hr_a, hr_b):
    rows = [valid_row(0, unit="T01-SNV"), valid_row(1, unit="T02-SNV"), valid_row(2, unit="T02")]

    outcome = import_workbook(workbook(rows), user=hr_a)

    assert [(error.row, error.rule) for error in outcome.row_errors] == [
        (3, Rule.ORGANIZATION_OUT_OF_SCOPE),
        (4, Rule.ORGANIZATION_OUT_OF_SCOPE),
    ]
    assert Person.objects.count() == 0
    assert import_workbook(workbook(rows[1:]), user=hr_b).created == 2


def test_a_user_without_the_right_to_change_records_imports_nothing(tree, leader_a):
    outcome = import_workbook(workbook([valid_row(0)]), user=leader_a)

    assert [error.rule for error in outcome.row_errors] == [Rule.ORGANIZATION_OUT_OF_SCOPE]
    assert Person.objects.count() == 0


def test_a_unit_closed_before_the_start_date_is_refused(tree, hr_a):
    tree["dept_a"].effective_to = dt.date(2020, 6, 30)
    tree["dept_a"].save()

    outcome = import_workbook(workbook([valid_row(0)]), user=hr_a)

    assert [error.rule for error in outcome.row_errors] == [Rule.ORGANIZATION_NOT_IN_FORCE]


def test_a_failure_in_the_middle_of_the_commit_rolls_everything_back(tree, hr_a, monkeypatch):
    written = []
    real_insert = importer.insert_rows

    def insert_then_fail(model, *args, **kwargs):
        if written:
            raise RuntimeError("disk full")
        written.append(model)
        return real_insert(model, *args, **kwargs)

    monkeypatch.setattr(importer, "insert_rows", insert_then_fail)

    with pytest.raises(RuntimeError):
        import_workbook(workbook([valid_row(index) for index in range(10)]), user=hr_a)

    assert written == [Person]
    assert Person.objects.count() == 0
    assert Person.history.count() == 0


def test_a_cccd_recorded_by_someone_else_during_the_import_rolls_everything_back(tree, hr_a, monkeypatch):
    rows = [valid_row(index) for index in range(5)]
    real_validate = importer.validate

    def validate_then_someone_adds(sheet, *, user):
        validated = real_validate(sheet, user=user)
        Person.objects.create(
            full_name="Người Khác",
            birth_date=dt.date(1985, 1, 1),
            gender=Gender.MALE,
            cccd_number=rows[3]["Số CCCD"],
            organization=tree["dept_a"],
            category=Category.CIVIL_SERVANT,
        )
        return validated

    monkeypatch.setattr(importer, "validate", validate_then_someone_adds)

    outcome = import_workbook(workbook(rows), user=hr_a)

    assert not outcome.ok and outcome.created == 0
    assert "trùng số CCCD" in outcome.file_errors[0]
    assert list(Person.objects.values_list("full_name", flat=True)) == ["Người Khác"]


def test_progress_is_reported_in_order(tree, hr_a):
    seen = []
    import_workbook(
        workbook([valid_row(0)]), user=hr_a, progress=lambda percent, message: seen.append(percent)
    )

    assert seen == sorted(seen) and len(seen) >= 3


def test_commit_writes_one_event_per_unit_with_the_count_received(tree, hr_a):
    rows = [valid_row(index) for index in range(3)]
    rows[0]["Mã đơn vị"] = "T01"
    assert import_workbook(workbook(rows), user=hr_a).ok
    events = AuditEvent.objects.filter(event_type=importer.IMPORT_COMMITTED).order_by("organization_path")
    assert [(e.acting_user, e.organization_path, e.extra["created"]) for e in events] == [
        (hr_a, tree["province_a"].path, 1),
        (hr_a, tree["dept_a"].path, 2),
    ]
