"""Export in the import layout: what the exporter writes, the importer reads back as the same records."""

import io

import openpyxl
import pytest

from conftest import START, make_person
from noivu.core.permissions import Action
from noivu.personnel.excel.exporter import export_persons
from noivu.personnel.excel.importer import import_workbook
from noivu.personnel.excel.reader import read_workbook
from noivu.personnel.excel.validation import Rule
from noivu.personnel.models import Gender, Person

pytestmark = pytest.mark.django_db

FIELDS = (
    "full_name",
    "birth_date",
    "gender",
    "cccd_number",
    "ethnic_group",
    "religion",
    "organization",
    "category",
)


def exported(persons, user) -> bytes:
    output = io.BytesIO()
    export_persons(persons, output, user=user)
    return output.getvalue()


def test_an_exported_scoped_list_imports_back_as_the_same_records(tree, hr_a, people):
    make_person(
        tree["dept_a"],
        "Đỗ Thị Hoa",
        gender=Gender.FEMALE,
        cccd_number="001190000777",
        birth_date=people["an"].birth_date.replace(year=1990),
        ethnic_group="08",
        religion="buddhism",
    )
    persons = Person.objects.restrict(hr_a, Action.EXPORT).order_by("full_name_folded")
    before = list(persons.values_list(*FIELDS))
    content = exported(persons, hr_a)
    assert len(before) == 3  # province B's person is outside the scope

    again = import_workbook(content, user=hr_a)
    assert {error.rule for error in again.row_errors} == {Rule.DUPLICATE_IN_DATABASE}
    assert len(again.row_errors) == 3

    Person.objects.filter(pk__in=persons.values("pk")).delete()
    outcome = import_workbook(content, user=hr_a)

    assert outcome.ok, (outcome.file_errors, outcome.row_errors)
    after = list(
        Person.objects.restrict(hr_a, Action.EXPORT).order_by("full_name_folded").values_list(*FIELDS)
    )
    assert after == before
    assert Person.objects.get(cccd_number="001190000777").assignments.get().effective_from == START


def test_export_writes_one_row_per_person_in_order(tree, national_admin, people):
    content = exported(Person.objects.order_by("full_name_folded"), national_admin)
    sheet = read_workbook(content)
    assert [row[0] for row in sheet.rows] == [1.0, 2.0, 3.0]
    assert [row[1] for row in sheet.rows] == ["Lê Đức Dũng", "Nguyễn Văn An", "Trần Thị Bình"]


def test_the_export_opens_in_openpyxl_with_bold_headers_and_formatted_dates(tree, national_admin, people):
    book = openpyxl.load_workbook(io.BytesIO(exported(Person.objects.all(), national_admin)))
    sheet = book.active

    assert sheet.title == "Danh sách"
    assert sheet["B1"].value == "Họ và tên" and sheet["B1"].font.bold
    birth = sheet.cell(row=2, column=[cell.value for cell in sheet[1]].index("Ngày sinh") + 1)
    assert birth.is_date and birth.number_format == "dd/mm/yyyy"
    assert birth.value.date() == people["duc"].birth_date  # first by name: Lê Đức Dũng
