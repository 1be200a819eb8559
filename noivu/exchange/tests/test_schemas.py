"""The published JSON Schemas match the columns of dossier format 1, so that the two cannot drift, and
are what the models give; a document of this installation's own export passes them."""

import json

import pytest

from noivu.edossier import documents
from noivu.exchange import schemas
from noivu.exchange.tests.helpers import exported


def test_the_dossier_schema_has_every_kind_of_fact_with_its_columns_in_order():
    published = schemas.load(schemas.DOSSIER)
    columns = documents.fact_columns()
    kinds = published["properties"]["facts"]["properties"]
    assert set(kinds) == set(columns) == set(published["properties"]["facts"]["required"])
    for label, names in columns.items():
        row = published["$defs"][label]
        assert [item["title"] for item in row["prefixItems"]] == names
        assert row["minItems"] == len(names) and row["items"] is False
    assert len(published["$defs"]["personnel.RankHistory"]["prefixItems"]) == 8
    assert len(published["$defs"]["evaluation.Evaluation"]["prefixItems"]) == 26


@pytest.mark.parametrize("name", schemas.NAMES)
def test_the_files_are_what_the_models_give(name):
    assert schemas.path_of(name).read_text(encoding="utf-8") == schemas.render(schemas.GENERATORS[name]())
    assert json.loads(schemas.path_of(name).read_text())["$schema"].endswith("2020-12/schema")


@pytest.mark.django_db
def test_a_document_of_the_export_passes_the_schema_and_a_wrong_value_is_named(tree, people):
    document = exported(tree["province_a"].path)[0]
    check = schemas.validator(schemas.DOSSIER)
    assert list(check.iter_errors(document)) == []
    document["person"]["birth_date"] = "17/05/1985"
    document["facts"]["personnel.Assignment"][0][5] = "boss"  # category
    errors = sorted((e.json_path, e.validator) for e in check.iter_errors(document))
    assert errors == [
        ("$.facts['personnel.Assignment'][0][5]", "enum"),
        ("$.person.birth_date", "format"),
        ("$.person.birth_date", "pattern"),
    ]
