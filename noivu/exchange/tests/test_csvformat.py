"""The persons' CSV format: written with its versioned header, read back as dossiers without facts,
checked by the same schema (row, field, rule) and applied by the same engine, idempotently."""

import csv
import io

import pytest

from noivu.edossier.initial_export import dossier_persons
from noivu.exchange import csvformat, engine
from noivu.exchange.tests.helpers import OFFSET
from noivu.personnel.models import Person

pytestmark = pytest.mark.django_db
NUMBERS = {"001085012345": "001085077771", "001185054321": "001185077772"}


def _as_other(text):
    rows = list(csv.DictReader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csvformat.header(), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        row["reference"] = str(int(row["reference"]) + OFFSET)
        row["identifier"] = row["cccd_number"] = NUMBERS[row["identifier"]]
        writer.writerow(row)
    return out.getvalue()


@pytest.fixture
def sent(tree, people):
    out = io.StringIO()
    assert csvformat.write_csv(dossier_persons(tree["province_a"].path), out) == 2
    return _as_other(out.getvalue())


def _import(text, user):
    return csvformat.import_csv(io.BytesIO(text.encode()), "T01", user)


def test_the_header_is_versioned_and_lists_the_record_columns(sent):
    first = sent.splitlines()[0].split(",")
    assert first[:4] == ["format_version", "reference", "identifier", "agency"]
    assert "full_name" in first and "id" not in first and "organization_id" not in first
    assert sent.splitlines()[1].startswith("1,")


def test_the_persons_are_applied_once(sent, tree, national_admin):
    outcome = _import(sent, national_admin)
    assert outcome.ok, outcome.problems
    assert outcome.counts == {
        engine.PERSON: {"created": 2, "updated": 0, "unchanged": 0, "deleted": 0, "skipped": 0}
    }
    binh = Person.objects.get(cccd_number="001185077772")
    assert (binh.full_name, binh.organization) == ("Trần Thị Bình", tree["province_a"])
    again = _import(sent, national_admin)
    assert again.changed == 0 and again.counts[engine.PERSON]["unchanged"] == 2


def test_a_wrong_cell_and_a_wrong_header_are_named(sent, national_admin):
    persons = Person.objects.count()
    lines = sent.splitlines()
    broken = lines[2].replace("1985-05-17", "17/05/1985")
    outcome = _import("\n".join([lines[0], lines[1], broken]) + "\n", national_admin)
    assert {(p.line, p.field, p.rule) for p in outcome.problems} == {
        (3, "$.person.birth_date", "format"),
        (3, "$.person.birth_date", "pattern"),
    }
    header = _import("id,name\n1,x\n", national_admin)
    assert [(p.line, p.rule) for p in header.problems] == [(1, "header")]
    assert Person.objects.count() == persons
