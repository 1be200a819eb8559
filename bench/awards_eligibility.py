"""Benchmark: the eligibility screening of emulation titles and forms over a province (xét điều kiện thi đua,
khen thưởng).

Claim: on PostgreSQL over ``demo --size province`` (≈60,000 persons with five years of yearly ratings, the
titles of their records, their discipline), the screening of every person of the province for every
individual title and form, and of every unit rated for the collective titles (``engine.scope_screening``:
the history read in one query per kind, the conditions evaluated over Polars frames), takes at most 3 s.

Creates (or, with ``--reuse``, keeps) the database ``--database`` (default
``noivu_awards_bench_province``), migrates it and loads the province demo when it is empty, then times the
median of three runs and prints the number found per title and the plan of the ratings query.

    .venv/bin/python bench/awards_eligibility.py
    .venv/bin/python bench/awards_eligibility.py --reuse

With ``--job`` it times instead the background job that screens a whole scope a batch of units at a time
(``awards.jobs.screen_scope``, the job the screening page starts), over the topmost organisation of the
database: the national claim is at most 60 s for 2,500,000 persons (``--reuse --database noivu_national``
after ``bench/demo_national.py --database noivu_national --keep``; without ``--reuse`` the database is
created afresh and the national data set lost), printing each progress report as it comes.

Exits non-zero when the median (or the job) is over the limit.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

from _common import province_database

REPO = Path(__file__).resolve().parents[1]
LIMIT_S = 3.0
JOB_LIMIT_S = 60.0
RUNS = 3

sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded data set")
    parser.add_argument("--database", default="noivu_awards_bench_province", help="database name")
    parser.add_argument("--job", action="store_true", help="time the whole-scope background job instead")
    args = parser.parse_args()
    province_database(args.database, reuse=args.reuse)
    import polars as pl
    from django.db import connection

    from noivu.awards import engine
    from noivu.evaluation.models import Evaluation, UnitEvaluation
    from noivu.organizations.models import Organization
    from noivu.personnel.models import Person

    root = Organization.objects.filter(kind="province_committee").order_by("path").first()
    if root is None:
        print(f"{args.database} holds no province: load the province demo into it first")
        return 2
    if args.job:
        return run_job(Organization.objects.filter(depth=1).order_by("path").first() or root)
    persons = Person.objects.unrestricted().filter(organization__path__startswith=root.path)
    units = UnitEvaluation.objects.unrestricted().filter(organization__path__startswith=root.path)
    yearly = Evaluation.objects.unrestricted().filter(period_kind="year", status="decided")
    year = max(yearly.values_list("year", flat=True).distinct())
    decided_on = dt.date(year + 1, 1, 20)
    print(
        f"{root.name}: {persons.count():,} persons, {yearly.count():,} decided yearly ratings; "
        f"screening {year}, decided {decided_on:%d/%m/%Y}"
    )
    times, found = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        found = engine.scope_screening(persons, units, year, decided_on)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    verdict = "OK" if median <= LIMIT_S else "OVER LIMIT"
    print(
        f"screening of the province: median {median:.2f} s of {RUNS} runs; limit {LIMIT_S:.0f} s: {verdict}"
    )
    assert found is not None
    for screening in found:
        counts = screening.results.group_by("title", maintain_order=True).agg(
            pl.col("eligible").sum().alias("eligible"), pl.len().alias("screened")
        )
        for row in counts.iter_rows(named=True):
            print(f"  {row['title']}: {row['eligible']:,} eligible of {row['screened']:,}")
    ratings = yearly.filter(person__in=persons, year__range=(year - engine.LOOK_BACK + 1, year))
    sql, params = ratings.values_list("person_id", "year", "rating").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        print("\n".join(row[0] for row in cursor.fetchall()))
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores)")
    return 1 if median > LIMIT_S else 0


def run_job(root) -> int:
    """Time :func:`noivu.awards.jobs.screen_scope` over ``root``'s whole subtree, reporting its progress."""
    from noivu.awards import jobs
    from noivu.core.models import Job
    from noivu.evaluation.models import Evaluation

    year = max(
        Evaluation.objects.unrestricted()
        .filter(period_kind="year", status="decided")
        .values_list("year", flat=True)
        .distinct()
    )
    record = Job(
        kind=jobs.SCREENING_JOB,
        params={"organization": root.pk, "year": year, "decided_on": dt.date(year + 1, 1, 20).isoformat()},
    )
    started = time.perf_counter()

    def progress(percent: int, message: str = "") -> None:
        print(f"  {time.perf_counter() - started:7.1f} s {percent:3d} % {message}")

    result = jobs.screen_scope(record, progress)
    elapsed = time.perf_counter() - started
    verdict = "OK" if elapsed <= JOB_LIMIT_S else "OVER LIMIT"
    print(
        f"{root.name}: {result['persons']:,} persons, {result['units']:,} units "
        f"in {result['batches']} batches: {elapsed:.1f} s; limit {JOB_LIMIT_S:.0f} s: {verdict}; "
        f"load average {os.getloadavg()[0]:.1f} (2 cores)"
    )
    return 1 if elapsed > JOB_LIMIT_S else 0


if __name__ == "__main__":
    sys.exit(main())
