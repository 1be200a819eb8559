"""The stored dossier documents: each write to a record, a fact or a unit's code, whether an action, a bulk
update or a statement outside the actions, marks the person's document out of date, and the next export
carries the change; a document missing or of a person removed is rebuilt or dropped."""

import datetime as dt
import gzip
import io
import json

import pytest
from django.db import connection

from noivu.edossier import documents, initial_export
from noivu.edossier.models import DossierDocument, StaleDossier
from noivu.organizations.models import Organization
from noivu.personnel.dossier.actions import do_record_rank_change
from noivu.personnel.dossier.models import FamilyRelation, Relation
from noivu.personnel.models import Person

pytestmark = pytest.mark.django_db


def _export(path: str = "") -> dict[str, dict]:
    out = io.BytesIO()
    initial_export.write_export(path, out)
    out.seek(0)
    return {d["identifier"]: d for d in initial_export.read_export(out)}


def test_every_write_marks_the_document_and_the_next_export_carries_it(tree, people, hr_a):
    an, binh, duc = people["an"], people["binh"], people["duc"]
    FamilyRelation.objects.create(person=binh, relation=Relation.MOTHER, full_name="Trần Thị Mai")
    _export()
    assert not StaleDossier.objects.exists() and DossierDocument.objects.count() == 3
    do_record_rank_change(person=an, rank_code="01.003", effective_from=dt.date(2024, 1, 1), acting_user=hr_a)
    FamilyRelation.objects.filter(person=binh).update(full_name="Trần Thị Mơ")
    with connection.cursor() as cursor:  # outside the actions and the ORM
        cursor.execute("UPDATE personnel_person SET phone = %s WHERE id = %s", ["0912345678", duc.pk])
    Organization.objects.filter(pk=tree["dept_a"].pk).update(code="T01-SNV2")
    assert set(StaleDossier.objects.values_list("person_id", flat=True)) == {an.pk, binh.pk, duc.pk}

    exported = _export()
    columns = documents.fact_columns()
    ranks = exported[an.cccd_number]["facts"]["personnel.RankHistory"]
    assert [row[columns["personnel.RankHistory"].index("rank_code")] for row in ranks] == ["01.003"]
    assert exported[an.cccd_number]["agency"] == "T01-SNV2"
    relations = exported[binh.cccd_number]["facts"]["personnel.FamilyRelation"]
    names = [row[columns["personnel.FamilyRelation"].index("full_name")] for row in relations]
    assert names == ["Trần Thị Mơ"]
    assert exported[duc.cccd_number]["person"]["phone"] == "0912345678"
    assert not StaleDossier.objects.exists()


def test_the_stored_document_is_the_line_built_for_the_person(tree, people):
    _export()
    stored = DossierDocument.objects.get(person=people["an"])
    line = gzip.decompress(bytes(stored.packed))
    [(person, built)] = documents.build_lines([people["an"].pk])
    assert (person, line, stored.length) == (people["an"].pk, built + b"\n", len(built) + 1)
    assert json.loads(line)["identifier"] == people["an"].cccd_number


def test_a_document_lost_is_rebuilt_and_a_person_removed_loses_theirs(tree, people):
    _export()
    DossierDocument.objects.filter(person=people["binh"]).delete()  # does not mark: the export finds it
    Person.objects.unrestricted().filter(pk=people["duc"].pk).update(category="contract")
    exported = _export()
    assert set(exported) == {people["an"].cccd_number, people["binh"].cccd_number}
    assert set(DossierDocument.objects.values_list("person_id", flat=True)) == {
        people["an"].pk,
        people["binh"].pk,
    }


def test_the_triggers_cover_the_record_every_kind_of_fact_and_the_units_codes(db):
    if connection.vendor == "postgresql":
        query = "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'edossier_stale_%%'"
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'edossier_stale_%'"
    with connection.cursor() as cursor:
        cursor.execute(query)
        installed = {row[0] for row in cursor.fetchall()}
    tables = [Person._meta.db_table] + [m._meta.db_table for m in documents.fact_models()]
    expected = {documents.trigger_name(t, op) for t in tables for op in ("INSERT", "UPDATE", "DELETE")}
    expected.add(documents.trigger_name(Organization._meta.db_table, "UPDATE"))
    assert installed == expected and len(tables) == 1 + len(documents.FACT_MODELS)


def test_an_export_of_one_province_rebuilds_only_the_documents_of_that_province(tree, people, hr_a):
    _export()
    an, duc = people["an"], people["duc"]
    do_record_rank_change(person=an, rank_code="01.003", effective_from=dt.date(2024, 1, 1), acting_user=hr_a)
    Person.objects.unrestricted().filter(pk=duc.pk).update(phone="0912345678")  # province B
    exported = _export(tree["province_a"].path)
    assert len(exported[an.cccd_number]["facts"]["personnel.RankHistory"]) == 1
    assert list(StaleDossier.objects.values_list("person_id", flat=True)) == [duc.pk]
    assert _export()[duc.cccd_number]["person"]["phone"] == "0912345678"
