"""Every export writes text as text: a name such as ``=HYPERLINK(...)`` or ``=cmd|' /C calc'!A0`` comes back
as a string cell, never as a formula (no ``<f>`` element in any sheet)."""

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import make_org, make_person
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.excel.exporter import export_persons
from noivu.personnel.excel.importer import import_workbook
from noivu.personnel.models import AddressKind, Gender, Person, PersonAddress
from noivu.personnel.tests.excel.helpers import valid_row, workbook
from noivu.personnel.tests.retirement.test_views import _born_retiring_from

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "=cmd|' /C calc'!A0"
OTHERS = ("+1+1", "-2+3", "@SUM(A1:A2)")


def assert_text_only(content: bytes, *expected: str) -> None:
    """No sheet holds a formula, and each of ``expected`` is a string cell with exactly that value."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name).decode()
                assert "<f>" not in xml and "<f " not in xml, name
    book = openpyxl.load_workbook(io.BytesIO(content))
    strings = {
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "s"
    }
    for value in expected:
        assert value in strings, value


def stored(org, name: str, **extra) -> Person:
    """A person named ``name`` as stored before the entry rules refused such names."""
    return make_person(org, name, **extra)


def test_person_export(tree, national_admin):
    people = [stored(tree["dept_a"], name) for name in (HYPERLINK, DDE, *OTHERS)]
    output = io.BytesIO()
    export_persons(Person.objects.filter(pk__in=[p.pk for p in people]), output, user=national_admin)
    assert_text_only(output.getvalue(), HYPERLINK, DDE, *OTHERS)


def test_retirement_list(client, tree, hr_a):
    born = _born_retiring_from(Gender.MALE, timezone.localdate())
    stored(tree["dept_a"], HYPERLINK, birth_date=born)
    stored(tree["dept_a"], DDE, birth_date=born)
    client.force_login(hr_a)
    response = client.get("/persons/retirements.xlsx")
    assert response.status_code == 200
    assert_text_only(response.content, HYPERLINK, DDE)


def as_text_cells(content: bytes) -> bytes:
    """``content`` with the cells openpyxl took for formulas written as text, as a user's file holds them."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    for row in book.worksheets[0].iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def test_error_workbook(tree, hr_a):
    rows = [
        valid_row(0, **{"Họ và tên": HYPERLINK}),
        valid_row(1, **{"Chức vụ/chức danh": DDE, "Họ và tên": "1"}),
    ]
    outcome = import_workbook(as_text_cells(workbook(rows)), user=hr_a)
    assert outcome.error_workbook
    assert_text_only(outcome.error_workbook, HYPERLINK, DDE)


def test_address_list(tree, tmp_path: Path):
    person = stored(tree["dept_a"], HYPERLINK)
    PersonAddress.objects.create(
        person=person,
        kind=AddressKind.HOMETOWN,
        legacy_province_code="01",
        legacy_district_code="273",
        legacy_commune_code="09796",
        legacy_text=DDE,
    )
    path = tmp_path / "can-chon.xlsx"
    call_command("convert_addresses", "--organization", "T01", "--xlsx", str(path), stdout=io.StringIO())
    assert_text_only(path.read_bytes(), HYPERLINK, DDE)


def test_import_template(client, tree, hr_a):
    make_org(tree["province_a"], "T01-X", HYPERLINK, OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE)
    client.force_login(hr_a)
    response = client.get("/persons/import/template.xlsx")
    assert response.status_code == 200
    assert_text_only(response.content, HYPERLINK)
