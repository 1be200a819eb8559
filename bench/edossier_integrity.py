"""Benchmark: the integrity check of the electronic dossiers (kiểm tra toàn vẹn hồ sơ) over a province.

Claim: on PostgreSQL over ``demo --size province`` (≈60,000 persons with their full records), the check —
every row of the person and of each registered kind of fact compared with its last history row, and each
person's history checksum per table verified and kept anew, in SQL — takes at most 10 s; and the rows
changed beforehand by a raw ``UPDATE`` are all reported.

Creates (or, with ``--reuse``, keeps) the database ``--database`` (default
``noivu_integrity_bench_province``), migrates it and loads the province demo when it is empty, runs the
check once to keep the checksums, changes 100 persons' names with a raw ``UPDATE``, then times the
median of three runs.

    .venv/bin/python bench/edossier_integrity.py
    .venv/bin/python bench/edossier_integrity.py --reuse

Exits non-zero when the median is over the limit or a changed row is not reported.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

from _common import province_database

REPO = Path(__file__).resolve().parents[1]
LIMIT_S = 10.0
RUNS = 3
CHANGED = 100

sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded data set")
    parser.add_argument("--database", default="noivu_integrity_bench_province", help="database name")
    args = parser.parse_args()
    province_database(args.database, reuse=args.reuse)
    from django.db import connection

    from noivu.edossier.integrity import checked_tables, run_check
    from noivu.edossier.models import IntegrityFinding
    from noivu.personnel.models import Person

    run_check()
    ids = list(Person.objects.unrestricted().order_by("id").values_list("id", flat=True)[:CHANGED])
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Person._meta.db_table} SET full_name = full_name || ' X' WHERE id = ANY(%s)", [ids]
        )
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        counts = run_check()
        times.append(time.perf_counter() - started)
    reported = set(
        IntegrityFinding.objects.unrestricted().filter(field="full_name").values_list("person_id", flat=True)
    )
    median = statistics.median(times)
    missed = set(ids) - reported
    verdict = "OK" if median <= LIMIT_S and not missed else "FAILED"
    print(
        f"{Person.objects.unrestricted().count():,} persons, {len(checked_tables())} tables, "
        f"{counts['rows']:,} changed fields, {len(missed)} of {CHANGED} raw updates missed"
    )
    print(f"integrity check: median {median:.2f} s of {RUNS} (limit {LIMIT_S:.0f} s) {verdict}")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
