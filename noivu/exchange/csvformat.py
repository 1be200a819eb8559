"""The persons' CSV bulk format (định dạng CSV hồ sơ, phiên bản 1): one row per person, the record's own
fields only (no facts), for a first load from a system that cannot write NDJSON.

The header is versioned: its first column is ``format_version`` and every row carries ``1`` there; then
``reference``, ``identifier``, ``agency`` and the record's columns of dossier format 1 (``person``, as
``#/$defs/person`` of ``dossier-1.schema.json`` lists them, ``id`` and ``organization_id`` aside: the
reference and the agency stand for them). An empty cell is ``null`` for a field that may be empty of a
value, ``""`` otherwise. Each row is turned into a dossier without facts and checked against the same
schema, so a problem names the row (the header is row 1), the field and the rule; it is then applied by
the same engine (the persons' facts are left as they are).
"""

import csv
import io
from typing import IO, Any

from django.db import models
from django.utils.translation import gettext as _

from noivu.edossier import documents
from noivu.exchange import engine, schemas
from noivu.personnel.models import Person

VERSION = "1"
LEADING = ["format_version", "reference", "identifier", "agency"]


def person_columns() -> list[str]:
    properties = schemas.load(schemas.DOSSIER)["$defs"]["person"]["properties"]
    return [name for name in properties if name not in ("id", "organization_id")]


def header() -> list[str]:
    return [*LEADING, *person_columns()]


def write_csv(persons: "models.QuerySet[Person]", out: IO[str]) -> int:
    """Write ``persons`` in the CSV format; how many rows."""
    columns = person_columns()
    writer = csv.writer(out)
    writer.writerow(header())
    count = 0
    rows = persons.order_by("pk").values_list("pk", "organization__code", *columns)
    for pk, agency, *values in rows.iterator(2000):
        record = dict(zip(columns, values, strict=True))
        writer.writerow(
            [VERSION, pk, record["cccd_number"] or "", agency, *(_cell(value) for value in values)]
        )
        count += 1
    return count


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    json_value = documents.json_value(value) if not isinstance(value, (str, int, float)) else value
    return str(json_value)


def _typed(text: str, schema: dict[str, Any]) -> Any:
    """A cell's value as the schema's type wants it (a wrong one is left as text for the schema to name)."""
    kinds = schema.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if text == "":
        return None if "null" in kinds else ""
    try:
        if "integer" in kinds:
            return int(text)
        if "number" in kinds:
            return float(text)
    except ValueError:
        return text
    if "boolean" in kinds and text in ("true", "false"):
        return text == "true"
    return text


def incoming_rows(stream: IO[bytes]) -> tuple[list[engine.Incoming], list[engine.Problem]]:
    """The persons of a CSV file as incoming dossiers without facts, each checked; the problems found."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    found: list[engine.Incoming] = []
    problems: list[engine.Problem] = []
    first = next(reader, None)
    if first != header():
        return [], [
            engine.Problem(
                1,
                "$",
                "header",
                _("Dòng tiêu đề phải là (phiên bản 1): %(header)s") % {"header": ",".join(header())},
            )
        ]
    properties = schemas.load(schemas.DOSSIER)["$defs"]["person"]["properties"]
    for number, row in enumerate(reader, 2):
        if len(row) != len(first):
            problems.append(
                engine.Problem(
                    number,
                    "$",
                    "columns",
                    _("Dòng có %(found)s cột, cần %(wanted)s.") % {"found": len(row), "wanted": len(first)},
                )
            )
            continue
        cells = dict(zip(first, row, strict=True))
        if cells["format_version"] != VERSION:
            problems.append(
                engine.Problem(number, "$.format_version", "const", _("format_version phải là 1."))
            )
            continue
        person = {name: _typed(cells[name], properties[name]) for name in person_columns()}
        reference = _typed(cells["reference"], {"type": "integer"})
        person["id"] = reference
        # The CSV names the unit by its code only: no id of the source's unit to learn.
        person["organization_id"] = 0
        document = {
            "format_version": VERSION,
            "identifier": cells["identifier"] or None,
            "reference": reference,
            "agency": cells["agency"],
            "person": person,
            "facts": {label: [] for label in documents.FACT_MODELS},
        }
        wrong = engine.check_document(number, document)
        if wrong:
            problems.extend(wrong)
            continue
        item = engine.incoming_document(number, document)
        item.facts = None  # the CSV carries no facts: those held stay as they are
        found.append(item)
        if len(problems) >= engine.MAX_PROBLEMS:
            break
    return found, problems


def import_csv(stream: IO[bytes], source: str, user: Any, *, reason: str = "") -> engine.Outcome:
    """Import a CSV file of persons received from ``source``: every row checked, then applied all or
    nothing."""
    items, problems = incoming_rows(stream)
    if problems:
        return engine.Outcome(source, lines=len(items), problems=problems)
    return engine.apply_documents(items, source, user, reason=reason)
