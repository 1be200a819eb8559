"""Benchmark: the full initial export of the electronic dossiers to the national database (kết xuất toàn bộ
hồ sơ điện tử, Nghị định 27/2026/NĐ-CP).

Claim: on PostgreSQL over ``demo --size national`` (2,500,000 persons with their full records), the export
of every cadre's, civil servant's and public employee's dossier — one JSON document per person with the
record and every kind of fact, written as gzip-compressed NDJSON — takes at most 120 s, the documents that
writes made out of date since the last export rebuilt within it.

The documents are stored (``noivu/edossier/documents.py``): a write marks its person's document, the export
rebuilds the marked ones and joins the stored ones. So the script first brings every document up to date
and reports how long that took (the first time, every document of the country is built: a one-off cost,
reported, not claimed); then touches ``--changed`` random records with an update that changes no value (as a
day's work would, each marked by the triggers) and times the export, the rebuild of those included.

Reads the database ``--database`` (default ``noivu_national``, loaded with ``bench/demo_national.py --keep``
then migrated); writes only the stored documents and their marks. The file goes to a temporary directory
and is deleted.

    .venv/bin/python bench/edossier_export.py
    .venv/bin/python bench/edossier_export.py --changed 100000 --workers 1

Exits non-zero when the export takes longer than the claim.
"""

import argparse
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASE_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
LIMIT_S = 120.0

sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="noivu_national", help="database name")
    parser.add_argument("--workers", type=int, default=2, help="ranges built at once")
    parser.add_argument("--range", type=int, default=20_000, help="ids per range")
    parser.add_argument("--changed", type=int, default=25_000, help="records touched before the export")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"{BASE_URL}/{args.database}"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noivu.settings")

    import django

    django.setup()
    from django.db import connection

    from noivu.edossier import documents, initial_export

    persons = initial_export.dossier_persons("")
    expected = persons.count()
    if not expected:
        print(f"{args.database} holds no dossier: load the national demo into it first")
        return 2
    started = time.perf_counter()
    missing = documents.mark_missing(persons)
    rebuilt = documents.refresh(workers=args.workers)
    print(
        f"documents brought up to date: {rebuilt:,} rebuilt ({missing:,} had none) in"
        f" {time.perf_counter() - started:.1f} s"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE personnel_person SET updated_at = updated_at WHERE id IN"
            " (SELECT id FROM personnel_person ORDER BY random() LIMIT %s)",
            [args.changed],
        )
    connection.close()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "ho-so-dien-tu.ndjson.gz"
        started = time.perf_counter()
        with target.open("wb") as out:
            totals = initial_export.write_export("", out, size=args.range, workers=args.workers)
        elapsed = time.perf_counter() - started
        packed = target.stat().st_size
    verdict = "OK" if elapsed <= LIMIT_S and totals.dossiers == expected else "OVER LIMIT"
    if totals.dossiers != expected:
        verdict = f"WRONG COUNT ({expected:,} expected)"
    print(
        f"initial export: {totals.dossiers:,} dossiers in {elapsed:.1f} s "
        f"({totals.dossiers / elapsed:,.0f} dossiers/s, {args.workers} workers,"
        f" ranges of {args.range:,} ids), {args.changed:,} records touched before it"
    )
    print(
        f"  {totals.bytes_written / 1e9:.2f} GB of NDJSON, {packed / 1e9:.2f} GB gzip;"
        f" sha256 of the file {totals.checksum}"
    )
    print(f"limit {LIMIT_S:.0f} s: {verdict}")
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores)")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
