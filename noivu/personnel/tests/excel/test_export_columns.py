"""Columns that parts of the record add to the export through the dossier registry."""

import datetime as dt
import io

import pytest

from noivu.core.permissions import Action
from noivu.personnel.dossier import registry
from noivu.personnel.dossier.models import RankHistory
from noivu.personnel.excel.exporter import export_persons
from noivu.personnel.excel.importer import import_workbook
from noivu.personnel.excel.reader import read_workbook
from noivu.personnel.models import Person

pytestmark = pytest.mark.django_db


def exported_rows(persons, user, day=None) -> dict[str, dict[str, object]]:
    output = io.BytesIO()
    export_persons(persons, output, user=user, day=day)
    sheet = read_workbook(output.getvalue())
    return {row[1]: dict(zip(sheet.headers, row, strict=True)) for row in sheet.rows}


def test_the_rank_column_holds_the_rank_held_on_the_export_day(tree, national_admin, people):
    an = people["an"]
    RankHistory.objects.create(
        person=an,
        rank_code="01.004",
        rank_name="Cán sự",
        effective_from=dt.date(2015, 1, 1),
        effective_to=dt.date(2022, 12, 31),
    )
    RankHistory.objects.create(
        person=an, rank_code="01.003", rank_name="Chuyên viên", effective_from=dt.date(2023, 1, 1)
    )
    persons = Person.objects.order_by("full_name_folded")
    assert exported_rows(persons, national_admin)["Nguyễn Văn An"]["Ngạch"] == "Chuyên viên (01.003)"
    then = exported_rows(persons, national_admin, day=dt.date(2021, 6, 1))
    assert then["Nguyễn Văn An"]["Ngạch"] == "Cán sự (01.004)"
    assert then["Lê Đức Dũng"]["Ngạch"] == ""  # no rank recorded: an empty cell


def test_a_column_registered_by_another_app_is_exported_and_ignored_on_import(tree, hr_a, people):
    def seniority(person_ids: list[int], day: dt.date) -> dict[int, str]:
        return {
            pk: f"thâm niên {pk}"
            for pk in Person.objects.unrestricted().filter(pk__in=person_ids).values_list("pk", flat=True)
        }

    registry.register(
        registry.DossierPart(
            "test-seniority", export_columns=(registry.ExportColumn("Thâm niên", seniority),)
        )
    )
    try:
        persons = Person.objects.restrict(hr_a, Action.EXPORT).order_by("full_name_folded")
        output = io.BytesIO()
        export_persons(persons, output, user=hr_a)
        rows = exported_rows(persons, hr_a)
        assert rows["Nguyễn Văn An"]["Thâm niên"] == f"thâm niên {people['an'].pk}"
        Person.objects.filter(pk__in=persons.values("pk")).delete()
        outcome = import_workbook(output.getvalue(), user=hr_a)
        assert outcome.ok, (outcome.file_errors, outcome.row_errors)
        assert Person.objects.restrict(hr_a).count() == 2
    finally:
        registry.unregister("test-seniority")
