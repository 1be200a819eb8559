"""Benchmark: succession planning and training over a province (quy hoạch, đào tạo bồi dưỡng).

Claims, on PostgreSQL over ``demo --size province`` (≈60,000 persons, the pools of every department and
division of the province with their candidates, every person's training record):

- the checks of every planning pool of the province (numbers per position and per person against the
  limits, each candidate's age, rank, ratings and discipline: ``engine.pool_checks``) take at most 1 s;
- each person's periods of training in the year against the yearly requirement, for the whole province
  (``engine.training_hours`` with its summary, and the first page of the list), take at most 1 s.

Creates (or, with ``--reuse``, keeps) the database ``--database`` (default
``noivu_succession_bench_province``), migrates it and loads the province demo when it is empty, then times
the median of three runs of each claim and prints the plan of the training-hours query.

    .venv/bin/python bench/succession.py
    .venv/bin/python bench/succession.py --reuse

Exits non-zero when a median is over its limit.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

from _common import province_database

REPO = Path(__file__).resolve().parents[1]
LIMIT_S = 1.0
RUNS = 3

sys.path.insert(0, str(REPO))


def timed(label: str, run) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, found = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        found = run()
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    verdict = "OK" if median <= LIMIT_S else "OVER LIMIT"
    print(f"{label}: median {median:.3f} s of {RUNS} runs; limit {LIMIT_S:.0f} s: {verdict}")
    return median, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded data set")
    parser.add_argument("--database", default="noivu_succession_bench_province", help="database name")
    args = parser.parse_args()
    province_database(args.database, reuse=args.reuse)
    from django.db import connection

    from noivu.core.dates import today
    from noivu.organizations.models import Organization
    from noivu.personnel.models import Person
    from noivu.succession import engine
    from noivu.succession.models import PlanningPool, PoolCandidate, TrainingCourse

    root = Organization.objects.filter(kind="province_committee").order_by("path").first()
    if root is None:
        print(f"{args.database} holds no province: load the province demo into it first")
        return 2
    pools = PlanningPool.objects.filter(organization__path__startswith=root.path)
    persons = Person.objects.filter(organization__path__startswith=root.path)
    print(
        f"{root.name}: {persons.count():,} persons, {pools.count():,} pools, "
        f"{PoolCandidate.objects.filter(removed_on__isnull=True).count():,} candidates, "
        f"{TrainingCourse.objects.count():,} training records"
    )
    day = today()
    failed = False
    median, problems = timed("pool checks of the province", lambda: engine.pool_checks(pools, day))
    print(f"  {len(problems):,} problems found")  # type: ignore[arg-type]
    failed |= median > LIMIT_S

    def hours() -> tuple[dict, list]:
        rows = engine.training_hours(persons, day.year)
        summary = engine.training_summary(rows)
        first = list(rows.order_by("-periods_missing", "full_name_folded", "pk")[:50])
        return summary, first

    median, found = timed("training hours against the requirement, province", hours)
    print(f"  {found[0]}")  # type: ignore[index]
    failed |= median > LIMIT_S
    page = engine.training_hours(persons, day.year).order_by("-periods_missing", "full_name_folded", "pk")[
        :50
    ]
    sql, params = page.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        print("\n".join(row[0] for row in cursor.fetchall()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
