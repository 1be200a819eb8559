"""The full initial export of the electronic dossiers (kết xuất toàn bộ hồ sơ điện tử) to the national
database, Nghị định 27/2026/NĐ-CP: every cadre's, civil servant's and public employee's dossier of a scope
as one JSON document per person (``docs/edossier-sync.md``, dossier format 1), keyed by the personal
identification number, written as gzip-compressed NDJSON.

The documents are built by PostgreSQL itself, set-wise: persons are taken in ranges of ids, and for each
range every kind of fact is aggregated per person in one pass over the rows of that range (``json_agg``
grouped by ``person_id``) and joined to the person's row; the lines are streamed out with ``COPY`` and
compressed as they come. On other databases (SQLite in development) the same documents are assembled from
one query per kind of fact per range. No ORM object is built.

Each document's ``checksum`` is the SHA-256 of the line as written, so that the receiver's acknowledgement
can be checked against it. The documents are also delivered to the receiver in batches
(:func:`deliver_export`), each carrying the idempotency key ``<export key>:<identifier>``.
"""

import datetime as dt
import gzip
import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.apps import apps
from django.db import connection, models

from noivu.core.models import SoftDeletable
from noivu.edossier.engine import DOSSIER_CATEGORIES
from noivu.personnel.models import Person

FORMAT_VERSION = "1"
RANGE = 20_000
DELIVERY_BATCH = 500

# The kinds of fact a dossier carries, by the model they are kept in (each row's own fields, by id).
FACT_MODELS = (
    "personnel.PersonAddress",
    "personnel.FamilyRelation",
    "personnel.HealthNote",
    "personnel.Assignment",
    "personnel.RankHistory",
    "personnel.Education",
    "personnel.PartyMembership",
    "payroll.SalaryHistory",
    "payroll.Allowance",
    "awards.AwardRecord",
    "awards.DisciplineRecord",
    "evaluation.Evaluation",
    "succession.TrainingCourse",
    "positions.PositionHolder",
)
# The record's own fields left out of the document: the search helper and the record's bookkeeping.
PERSON_EXCLUDED = ("full_name_folded", "created_at", "updated_at")

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class ExportTotals:
    dossiers: int
    bytes_written: int
    checksum: str


def _fact_models() -> list[type[models.Model]]:
    return [apps.get_model(label) for label in FACT_MODELS]


# Who removed a fact, when and why is not part of format 1; a removed fact is not exported at all.
REMOVAL_FIELDS = ("deleted_at", "deleted_by_id", "deletion_reason")


def _columns(model: type[models.Model], excluded: tuple[str, ...] = REMOVAL_FIELDS) -> list[str]:
    return [f.column for f in model._meta.concrete_fields if f.attname not in excluded]


def _id_ranges(persons: "models.QuerySet[Person]", size: int) -> list[tuple[int, int]]:
    ids = persons.order_by().aggregate(low=models.Min("id"), high=models.Max("id"))
    if ids["low"] is None:
        return []
    return [(start, start + size) for start in range(ids["low"], ids["high"] + 1, size)]


def _postgres_sql(root_path: str) -> tuple[str, list[Any]]:
    """One range's documents as text lines, built by PostgreSQL (parameters: first id, next id)."""
    person_columns = _columns(Person, PERSON_EXCLUDED)
    quote = connection.ops.quote_name
    person_object = ", ".join(f"'{c}', p.{quote(c)}" for c in person_columns)
    joins, facts = [], []
    for number, model in enumerate(_fact_models()):
        alias = f"f{number}"
        columns = ", ".join(f"t.{quote(c)}" for c in _columns(model))
        joins.append(
            f"LEFT JOIN (SELECT t.person_id, json_agg(json_build_array({columns}) ORDER BY t.id) AS rows"
            f" FROM {quote(model._meta.db_table)} t WHERE t.person_id >= %s AND t.person_id < %s"
            + (" AND t.deleted_at IS NULL" if issubclass(model, SoftDeletable) else "")
            + f" GROUP BY t.person_id) {alias} ON {alias}.person_id = p.id"
        )
        facts.append(f"'{model._meta.label}', coalesce({alias}.rows, '[]'::json)")
    categories = ", ".join(f"'{c}'" for c in DOSSIER_CATEGORIES)
    sql = (
        "SELECT json_build_object('format_version', '" + FORMAT_VERSION + "',"
        " 'identifier', p.cccd_number, 'reference', p.id, 'agency', o.code,"
        f" 'person', json_build_object({person_object}),"
        f" 'facts', json_build_object({', '.join(facts)}))::text"
        f" FROM {quote(Person._meta.db_table)} p"
        " JOIN organizations_organization o ON o.id = p.organization_id "
        + " ".join(joins)
        + f" WHERE p.id >= %s AND p.id < %s AND p.category IN ({categories})"
        " AND o.path LIKE %s ORDER BY p.id"
    )
    return sql, [root_path + "%"]


def _json_value(value: Any) -> Any:
    """A value as PostgreSQL's JSON writes it: numbers for decimals, ISO text for dates and times."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(type(value).__name__)


def _python_lines(persons: "models.QuerySet[Person]", first: int, following: int) -> Iterator[str]:
    """The same documents assembled from one query per kind of fact (SQLite in development)."""
    person_fields = [f for f in Person._meta.concrete_fields if f.attname not in PERSON_EXCLUDED]
    rows = list(
        persons.filter(id__gte=first, id__lt=following)
        .order_by("id")
        .values_list("organization__code", *[f.attname for f in person_fields])
    )
    if not rows:
        return
    ids = [row[1 + person_fields.index(Person._meta.pk)] for row in rows]
    grouped: dict[str, dict[int, list[list[Any]]]] = {}
    for model in _fact_models():
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in REMOVAL_FIELDS]
        by_person: dict[int, list[list[Any]]] = {}
        facts = (
            model._default_manager.filter(person_id__in=ids).order_by("id").values_list("person_id", *names)
        )
        for fact in facts.iterator(5000):
            by_person.setdefault(fact[0], []).append(list(fact[1:]))
        grouped[model._meta.label] = by_person
    for agency, *values in rows:
        person = {f.column: value for f, value in zip(person_fields, values, strict=True)}
        document = {
            "format_version": FORMAT_VERSION,
            "identifier": person["cccd_number"],
            "reference": person["id"],
            "agency": agency,
            "person": person,
            "facts": {label: by_person.get(person["id"], []) for label, by_person in grouped.items()},
        }
        yield json.dumps(document, default=_json_value, ensure_ascii=False, separators=(",", ":"))


def fact_columns() -> dict[str, list[str]]:
    """The columns of each kind of fact, in the order of the arrays of a document (format 1)."""
    return {model._meta.label: _columns(model) for model in _fact_models()}


def dossier_persons(root_path: str) -> "models.QuerySet[Person]":
    """The persons whose dossier the national database holds, in the subtree at ``root_path``."""
    return Person.objects.unrestricted().filter(
        category__in=DOSSIER_CATEGORIES, organization__path__startswith=root_path
    )


def _postgres_block(root_path: str, first: int, following: int) -> bytes:
    """One range's lines, built and streamed out by PostgreSQL with ``COPY``."""
    sql, tail = _postgres_sql(root_path)
    parameters = [first, following] * len(FACT_MODELS) + [first, following, *tail]
    with connection.cursor() as cursor:
        statement = cursor.mogrify(sql, parameters)
        # CSV with a quote and a delimiter that JSON text never holds raw: the lines come out unchanged.
        copy_sql = f"COPY ({statement}) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"
        with cursor.cursor.copy(copy_sql) as copy:
            return b"".join(bytes(chunk) for chunk in copy)


def _block(root_path: str, first: int, following: int, *, threaded: bool) -> bytes:
    try:
        if connection.vendor == "postgresql":
            return _postgres_block(root_path, first, following)
        lines = _python_lines(dossier_persons(root_path), first, following)
        return "".join(line + "\n" for line in lines).encode()
    finally:
        if threaded:
            connection.close()


def dossier_lines(
    root_path: str, *, size: int = RANGE, workers: int = 1, progress: Progress | None = None
) -> Iterator[bytes]:
    """Every dossier of the subtree at ``root_path`` as blocks of NDJSON lines (UTF-8, each line ending
    in a newline), in id order, a range of ``size`` ids at a time; with ``workers`` > 1 that many ranges
    are built at once, each on its own connection (the data must be committed)."""
    ranges = _id_ranges(dossier_persons(root_path), size)
    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:
            blocks = pool.map(lambda bounds: _block(root_path, *bounds, threaded=True), ranges)
            for number, block in enumerate(blocks, 1):
                if progress is not None:
                    progress(number * 100 // len(ranges), "")
                yield block
        return
    for number, (first, following) in enumerate(ranges, 1):
        yield _block(root_path, first, following, threaded=False)
        if progress is not None:
            progress(number * 100 // len(ranges), "")


def write_export(
    root_path: str,
    out: IO[bytes],
    *,
    size: int = RANGE,
    workers: int = 1,
    progress: Progress | None = None,
) -> ExportTotals:
    """Write the gzip-compressed NDJSON export of the subtree at ``root_path`` to ``out``: how many
    dossiers, the bytes of the uncompressed lines and their SHA-256."""
    digest = hashlib.sha256()
    dossiers = written = 0
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=1, mtime=0) as packed:
        for block in dossier_lines(root_path, size=size, workers=workers, progress=progress):
            packed.write(block)
            digest.update(block)
            dossiers += block.count(b"\n")
            written += len(block)
    return ExportTotals(dossiers, written, digest.hexdigest())


def read_export(source: IO[bytes]) -> Iterator[dict[str, Any]]:
    """The documents of an export file, one at a time."""
    with gzip.GzipFile(fileobj=source, mode="rb") as packed:
        for line in packed:
            yield json.loads(line)


def document_checksum(document: dict[str, Any]) -> str:
    """A checksum of a dossier's content that does not depend on the order of its keys."""
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def delivery_key(export_key: str, identifier: str) -> str:
    """The idempotency key of one dossier of an export: the same on every attempt to send it."""
    return str(uuid.uuid5(uuid.UUID(export_key), identifier or ""))


def deliver_export(
    source: IO[bytes], export_key: str, send: Callable[[bytes], dict[str, Any]], day: dt.date
) -> dict[str, int]:
    """Send the dossiers of an export file to the receiver in batches of :data:`DELIVERY_BATCH`, each one
    with its idempotency key; how many were acknowledged and rejected."""
    counts = {"acknowledged": 0, "rejected": 0, "batches": 0}
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        body = json.dumps(
            {
                "format_version": FORMAT_VERSION,
                "kind": "dossiers",
                "as_of": day.isoformat(),
                "dossiers": batch,
            },
            default=_json_value,
        ).encode()
        answer = send(body)
        counts["acknowledged"] += len(answer.get("acknowledged", []))
        counts["rejected"] += len(answer.get("rejected", []))
        counts["batches"] += 1
        batch.clear()

    for document in read_export(source):
        batch.append({"key": delivery_key(export_key, str(document.get("identifier") or "")), **document})
        if len(batch) >= DELIVERY_BATCH:
            flush()
    if batch:
        flush()
    return counts
