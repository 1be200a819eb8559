"""Dossiers of another installation, made from this database's own export: every id moved by an offset
and the identification numbers replaced, as if another province had sent them."""

import copy
import gzip
import io
import json
from typing import Any

from noivu.edossier import documents, initial_export

OFFSET = 100_000


def exported(path: str) -> list[dict[str, Any]]:
    out = io.BytesIO()
    initial_export.write_export(path, out)
    out.seek(0)
    return list(initial_export.read_export(out))


def as_other(document: dict[str, Any], identifier: str | None, offset: int = OFFSET) -> dict[str, Any]:
    """``document`` as the other installation would send it: its own ids (``offset`` more) and
    ``identifier`` instead of ours."""
    moved = copy.deepcopy(document)
    moved["reference"] += offset
    moved["identifier"] = identifier
    moved["person"]["id"] += offset
    moved["person"]["cccd_number"] = identifier
    columns = documents.fact_columns()
    for label, rows in moved["facts"].items():
        person_at = columns[label].index("person_id")
        for row in rows:
            row[0] += offset
            row[person_at] += offset
    return moved


def ndjson(lines: list[Any], *, packed: bool = True) -> bytes:
    text = b"".join(json.dumps(line, ensure_ascii=False).encode() + b"\n" for line in lines)
    return gzip.compress(text) if packed else text


def row_of(document: dict[str, Any], label: str, index: int = 0) -> dict[str, Any]:
    return dict(zip(documents.fact_columns()[label], document["facts"][label][index], strict=True))
