"""The JSON Schemas (draft 2020-12) of the exchange formats (lược đồ JSON của định dạng trao đổi):
dossier format 1, one line of the initial export (``dossier-1.schema.json``), and event format 1, a batch
of the outbox (``event-1.schema.json``), both described in ``docs/edossier-sync.md``.

The files are generated from the models by :func:`dossier_schema` and :func:`event_schema` and kept in
``schemas/`` so that another installation can read them without this code; a test compares the files
with what the models give, so that a change of the columns (``documents.fact_columns()``) cannot go
unnoticed: it is a new format version.
"""

import functools
import json
from pathlib import Path
from typing import Any

from django.db import models
from jsonschema import Draft202012Validator

from noivu.edossier import documents
from noivu.personnel.models import Person

FOLDER = Path(__file__).parent / "schemas"
DOSSIER = "dossier-1"
EVENT = "event-1"
NAMES = (DOSSIER, EVENT)
BASE_URI = "https://noivu.gov.vn/schemas/exchange/"
IDENTIFIER = {"type": ["string", "null"], "pattern": "^[0-9]{12}$"}


def _value(field: models.Field) -> dict[str, Any]:
    """The schema of one column's value, as the export writes it (PostgreSQL's JSON, or ``json_value``)."""
    schema: dict[str, Any]
    if isinstance(field, models.ForeignKey):
        schema = {"type": "integer"}
    elif isinstance(field, models.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, (models.AutoField, models.IntegerField)):
        schema = {"type": "integer"}
    elif isinstance(field, (models.DecimalField, models.FloatField)):
        schema = {"type": "number"}
    elif isinstance(field, models.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(field, models.DateField):
        schema = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    elif isinstance(field, models.JSONField):
        schema = {}
    elif isinstance(field, models.UUIDField):
        schema = {"type": "string", "format": "uuid"}
    else:
        schema = {"type": "string"}
        if field.max_length:
            schema["maxLength"] = field.max_length
        if field.choices:
            schema["enum"] = [
                *([""] if field.blank else []),
                *(str(value) for value, _label in field.choices),
            ]
    if field.null and "type" in schema:
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:
            schema["enum"].append(None)
    schema["title"] = field.column
    return schema


def _fields(model: type[models.Model], excluded: tuple[str, ...]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.attname not in excluded]


def _person() -> dict[str, Any]:
    fields = _fields(Person, documents.PERSON_EXCLUDED)
    return {
        "type": "object",
        "description": "Hồ sơ (mẫu 2C): các trường theo tên cột, khóa ngoại theo id.",
        "properties": {f.column: _value(f) for f in fields},
        "required": [f.column for f in fields if not f.null and not f.blank],
        "additionalProperties": False,
    }


def _row(model: type[models.Model]) -> dict[str, Any]:
    fields = _fields(model, documents.REMOVAL_FIELDS)
    return {
        "type": "array",
        "description": f"Một dòng {model._meta.label}: " + ", ".join(f.column for f in fields),
        "prefixItems": [_value(f) for f in fields],
        "minItems": len(fields),
        "items": False,
    }


def dossier_schema() -> dict[str, Any]:
    """The schema of one line of the initial export (dossier format 1)."""
    models_ = documents.fact_models()
    defs: dict[str, Any] = {"person": _person()}
    for model in models_:
        defs[model._meta.label] = _row(model)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE_URI + DOSSIER + ".schema.json",
        "title": "Hồ sơ điện tử, định dạng 1 (một dòng NDJSON)",
        "type": "object",
        "properties": {
            "format_version": {"const": documents.FORMAT_VERSION},
            "identifier": {**IDENTIFIER, "description": "Số định danh cá nhân (12 chữ số)."},
            "reference": {"type": "integer", "minimum": 1, "description": "Số hồ sơ ở hệ thống gửi."},
            "agency": {"type": "string", "minLength": 1, "maxLength": 32, "description": "Mã đơn vị."},
            "key": {"type": "string", "format": "uuid"},
            "person": {"$ref": "#/$defs/person"},
            "facts": {
                "type": "object",
                "properties": {
                    m._meta.label: {"type": "array", "items": {"$ref": f"#/$defs/{m._meta.label}"}}
                    for m in models_
                },
                "required": [m._meta.label for m in models_],
                "additionalProperties": False,
            },
        },
        "required": ["format_version", "identifier", "reference", "agency", "person", "facts"],
        "additionalProperties": False,
        "$defs": defs,
    }


def event_schema() -> dict[str, Any]:
    """The schema of a batch of events (event format 1); each event's ``data`` is the row of its model,
    checked against that model's columns of dossier format 1 when it is applied."""
    labels = [Person._meta.label, *documents.FACT_MODELS]
    event = {
        "type": "object",
        "properties": {
            "format_version": {"const": documents.FORMAT_VERSION},
            "key": {"type": "string", "format": "uuid", "pattern": "^[0-9a-fA-F-]{36}$"},
            "kind": {"type": "string"},
            "event_type": {"type": "string"},
            "occurred_at": {"type": "string", "format": "date-time"},
            "agency": {"type": "string", "minLength": 1, "maxLength": 32},
            "person": {
                "type": "object",
                "properties": {"identifier": IDENTIFIER, "reference": {"type": "integer", "minimum": 1}},
                "required": ["identifier", "reference"],
            },
            "data": {
                "type": "object",
                "properties": {
                    "model": {"enum": labels},
                    "deleted": {"type": "boolean"},
                    "id": {"type": ["integer", "null"]},
                },
                "required": ["model", "deleted", "id"],
            },
        },
        "required": [
            "format_version",
            "key",
            "kind",
            "event_type",
            "occurred_at",
            "agency",
            "person",
            "data",
        ],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE_URI + EVENT + ".schema.json",
        "title": "Lô sự kiện đồng bộ, định dạng 1",
        "type": "object",
        "properties": {
            "format_version": {"const": documents.FORMAT_VERSION},
            "events": {"type": "array", "items": {"$ref": "#/$defs/event"}},
        },
        "required": ["format_version", "events"],
        "$defs": {"event": event},
    }


GENERATORS = {DOSSIER: dossier_schema, EVENT: event_schema}


def path_of(name: str) -> Path:
    return FOLDER / f"{name}.schema.json"


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"


def write_files() -> list[Path]:
    """Write the schema files from the models (after a change of the columns: a new format version)."""
    written = []
    for name, generate in GENERATORS.items():
        path_of(name).write_text(render(generate()), encoding="utf-8")
        written.append(path_of(name))
    return written


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The schema file ``name`` (``dossier-1`` or ``event-1``), as published."""
    return dict(json.loads(path_of(name).read_text(encoding="utf-8")))


@functools.cache
def validator(name: str, definition: str | None = None) -> Draft202012Validator:
    """A validator of the schema ``name``, or of one of its ``$defs`` (a kind of fact's row)."""
    schema = load(name)
    if definition is not None:
        schema = {"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
