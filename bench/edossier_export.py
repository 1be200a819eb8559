"""Benchmark: the full initial export of the electronic dossiers to the national database (kết xuất toàn bộ
hồ sơ điện tử, Nghị định 27/2026/NĐ-CP).

Claim: on PostgreSQL over ``demo --size national`` (2,500,000 persons with their full records), the export
of every cadre's, civil servant's and public employee's dossier — one JSON document per person with the
record and every kind of fact, built by PostgreSQL a range of ids at a time and streamed out with COPY,
written as gzip-compressed NDJSON — takes at most 120 s.

Reads the database ``--database`` (default ``noivu_national``, loaded with
``bench/demo_national.py --keep``) and writes nothing to it; the file goes to a temporary directory and is
deleted.

    .venv/bin/python bench/edossier_export.py
    .venv/bin/python bench/edossier_export.py --workers 1

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
    parser.add_argument("--database", default="noivu_national", help="database name (read only)")
    parser.add_argument("--workers", type=int, default=2, help="ranges built at once")
    parser.add_argument("--range", type=int, default=20_000, help="ids per range")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"{BASE_URL}/{args.database}"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noivu.settings")

    import django

    django.setup()
    from noivu.edossier import initial_export

    expected = initial_export.dossier_persons("").count()
    if not expected:
        print(f"{args.database} holds no dossier: load the national demo into it first")
        return 2
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
        f"({totals.dossiers / elapsed:,.0f} dossiers/s, {args.workers} workers, ranges of {args.range:,} ids)"
    )
    print(
        f"  {totals.bytes_written / 1e9:.2f} GB of NDJSON, {packed / 1e9:.2f} GB gzip;"
        f" sha256 {totals.checksum}"
    )
    print(f"limit {LIMIT_S:.0f} s: {verdict}")
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores)")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
