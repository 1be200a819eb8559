"""The full initial export of the electronic dossiers (kết xuất toàn bộ hồ sơ điện tử) to the national
database, Nghị định 27/2026/NĐ-CP: every cadre's, civil servant's and public employee's dossier of a scope
as one JSON document per person (``docs/edossier-sync.md``, dossier format 1), keyed by the personal
identification number, written as gzip-compressed NDJSON.

The documents are those stored by :mod:`noivu.edossier.documents`: the export first rebuilds the
documents of its scope that writes have made out of date (and builds any missing), then joins the stored
gzip members in the order of the record numbers, a range of ids at a time. A file of several gzip members is
one gzip file: every reader of gzip reads it as one stream of lines.

The export's ``checksum`` is the SHA-256 of the file as written, so that the receiver can check what it
downloaded. The documents are also delivered to the receiver in batches (:func:`deliver_export`), each
carrying the idempotency key ``<export key>:<identifier>``.
"""

import datetime as dt
import gzip
import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import IO, Any

from django.db import connection, models

from noivu.edossier import documents
from noivu.edossier.engine import DOSSIER_CATEGORIES
from noivu.edossier.models import DossierDocument
from noivu.personnel.models import Person

FORMAT_VERSION = documents.FORMAT_VERSION
RANGE = 20_000
DELIVERY_BATCH = 500


class Phase:
    """What a progress report is about: rebuilding out-of-date documents, or writing the file."""

    BUILD = "build"
    WRITE = "write"


Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class ExportTotals:
    dossiers: int
    bytes_written: int
    checksum: str


def _id_ranges(persons: "models.QuerySet[Person]", size: int) -> list[tuple[int, int]]:
    ids = persons.order_by().aggregate(low=models.Min("id"), high=models.Max("id"))
    if ids["low"] is None:
        return []
    return [(start, start + size) for start in range(ids["low"], ids["high"] + 1, size)]


def dossier_persons(root_path: str) -> "models.QuerySet[Person]":
    """The persons whose dossier the national database holds, in the subtree at ``root_path``."""
    return Person.objects.unrestricted().filter(
        category__in=DOSSIER_CATEGORIES, organization__path__startswith=root_path
    )


def _members(root_path: str, first: int, following: int, *, threaded: bool) -> tuple[bytes, int, int]:
    """One range's stored documents joined in id order: the gzip members, how many, their lines' bytes."""
    try:
        persons = dossier_persons(root_path).filter(id__gte=first, id__lt=following)
        rows = (
            DossierDocument.objects.filter(person_id__gte=first, person_id__lt=following)
            .filter(person_id__in=persons.values("pk"))
            .order_by("person_id")
            .values_list("packed", "length")
        )
        packed, lengths = [], 0
        for member, length in rows.iterator(5000):
            packed.append(bytes(member))
            lengths += length
        return b"".join(packed), len(packed), lengths
    finally:
        if threaded:
            connection.close()


def _ranges_members(
    root_path: str, size: int, workers: int, progress: Callable[[int], None]
) -> Iterator[tuple[bytes, int, int]]:
    ranges = _id_ranges(dossier_persons(root_path), size)
    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:
            blocks = pool.map(lambda bounds: _members(root_path, *bounds, threaded=True), ranges)
            for number, block in enumerate(blocks, 1):
                progress(number * 100 // len(ranges))
                yield block
        return
    for number, (first, following) in enumerate(ranges, 1):
        yield _members(root_path, first, following, threaded=False)
        progress(number * 100 // len(ranges))


def write_export(
    root_path: str,
    out: IO[bytes],
    *,
    size: int = RANGE,
    workers: int = 1,
    progress: Progress | None = None,
) -> ExportTotals:
    """Write the gzip-compressed NDJSON export of the subtree at ``root_path`` to ``out``, after bringing
    the stored documents up to date (``workers`` > 1: that many ranges at once, each on its own connection;
    the data must be committed): how many dossiers, the bytes of the uncompressed lines and the SHA-256 of
    the file."""
    report = progress or (lambda _percent, _phase: None)
    documents.mark_missing(dossier_persons(root_path))
    share = 50 if documents.has_marks(root_path) else 0

    def rebuilt(done: int, total: int) -> None:
        report(done * share // total, Phase.BUILD)

    documents.refresh(root_path, workers=workers, progress=rebuilt)
    digest = hashlib.sha256()
    dossiers = written = 0

    def copied(percent: int) -> None:
        report(share + percent * (100 - share) // 100, Phase.WRITE)

    for block, count, length in _ranges_members(root_path, size, workers, copied):
        out.write(block)
        digest.update(block)
        dossiers += count
        written += length
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
            default=documents.json_value,
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
