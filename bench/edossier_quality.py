"""Benchmark: the completeness report of the electronic dossiers of a province (báo cáo mức độ đầy đủ hồ sơ
điện tử, Nghị định 27/2026/NĐ-CP).

Claim: on PostgreSQL over ``demo --size province`` (≈60,000 persons with their full records), the report
of the province — every cadre's, civil servant's and public employee's fields of the ten data groups
present or missing (one query reading each kind of fact once, its fields as bits OR-ed per person, the
rest in a Polars frame), the dossier identifier checked, the four marks "đúng – đủ – sạch – sống", the
summary per unit and the scope's totals — takes at most 1 s.

Creates (or, with ``--reuse``, keeps) the database ``--database`` (default
``noivu_edossier_bench_province``), migrates it and loads the province demo when it is empty, then times
the median of three runs.

    .venv/bin/python bench/edossier_quality.py
    .venv/bin/python bench/edossier_quality.py --reuse

Exits non-zero when the median is over the limit.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from _common import province_database

REPO = Path(__file__).resolve().parents[1]
LIMIT_S = 1.0
RUNS = 3

sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded data set")
    parser.add_argument("--database", default="noivu_edossier_bench_province", help="database name")
    args = parser.parse_args()
    province_database(args.database, reuse=args.reuse)

    from noivu.core.dates import today
    from noivu.edossier import engine
    from noivu.organizations.models import Organization
    from noivu.personnel.models import Person

    root = Organization.objects.filter(kind="province_committee").order_by("path").first()
    if root is None:
        print(f"{args.database} holds no province: load the province demo into it first")
        return 2
    persons = Person.objects.unrestricted().filter(organization__path__startswith=root.path)
    day = today()
    times, summary, units = [], {}, None
    for _ in range(RUNS):
        started = time.perf_counter()
        frame = engine.completeness(persons, day)
        units = engine.unit_summary(frame)
        summary = engine.totals(frame)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    verdict = "OK" if median <= LIMIT_S else "OVER LIMIT"
    print(
        f"{root.name}: {persons.count():,} persons, {summary['persons']:,} dossiers, {units.height:,} units"
    )
    print(f"completeness report: median {median:.2f} s of {RUNS} runs; limit {LIMIT_S:.0f} s: {verdict}")
    print(f"  average score {summary['score']} %, marks {summary['marks']}")
    for field, count in summary["missing"][:5]:
        print(f"  missing {field.code}: {count:,}")
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores)")
    return 1 if median > LIMIT_S else 0


if __name__ == "__main__":
    sys.exit(main())
