"""Benchmark: the consequences of the ratings over the whole country (hệ quả của kết quả xếp loại).

Claim: over ``demo --size national`` (≈2,500,000 persons, five years of yearly ratings each) the dated facts
"two consecutive years at the lowest level" and "a year below completed (step raise postponed)" of every
person of the country take at most 5 s each on PostgreSQL, through
``noivu.core.extensions.person_facts`` as another app reads them.

Creates (or, with ``--reuse``, keeps) the database ``--database`` (default
``noivu_bench_evaluation_national``), migrates it and loads the national demo when it is empty (timing the
evaluation step apart from the rest; on a reused data set only with ``--time-demo-step``, as it rewrites
every rating), then rates about 1 % of the yearly ratings "không hoàn thành", and one person in 200 so in
both of the last two years (the demo rates nobody so, as it draws no discipline either; the same rows on
every run) and times the median of three runs of each kind. Prints the plan of the consecutive-years query.

    .venv/bin/python bench/evaluation_consequences.py
    .venv/bin/python bench/evaluation_consequences.py --database noivu_national --reuse

Exits non-zero when a median is over the limit.
"""

import argparse
import datetime as dt
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

from _common import ensure_database

REPO = Path(__file__).resolve().parents[1]
BASE_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
LIMIT_S = 5.0
RUNS = 3

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded data set")
    parser.add_argument("--database", default="noivu_bench_evaluation_national", help="database name")
    parser.add_argument(
        "--time-demo-step", action="store_true", help="on a reused data set, rewrite and time the demo step"
    )
    args = parser.parse_args()
    database = args.database
    os.environ["DATABASE_URL"] = f"{BASE_URL}/{database}"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noivu.settings")
    ensure_database(database, fresh=not args.reuse)

    import django

    django.setup()
    from _evaluation import time_evaluation_step
    from django.core.management import call_command
    from django.db import connection

    from noivu.core.extensions import person_facts
    from noivu.evaluation import consequences
    from noivu.evaluation.models import Evaluation
    from noivu.organizations.models import Organization

    call_command("migrate", verbosity=0, interactive=False)
    loaded = False
    if not Organization.objects.exists():
        started = time.perf_counter()
        call_command("demo", size="national", seed=1)
        print(
            f"demo --size national: {time.perf_counter() - started:.0f} s (the evaluation step's own "
            f"line above)"
        )
        loaded = True
    if loaded or args.time_demo_step:
        time_evaluation_step()
    if not Evaluation.objects.filter(period_kind="year").exists():
        print(f"{database} holds no yearly rating: load the national demo into it first")
        return 2
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE evaluation_evaluation SET rating = 'KHT' WHERE period_kind = 'year' "
            "AND status = 'decided' AND rating <> 'KHT' AND ((person_id * 7 + year) % 100 = 0 "
            "OR (person_id % 200 = 0 AND year >= (SELECT max(year) - 1 FROM evaluation_evaluation "
            "WHERE period_kind = 'year')))"
        )
        print(f"{cursor.rowcount:,} yearly ratings newly set to 'không hoàn thành'")
        cursor.execute("ANALYZE evaluation_evaluation")
    persons = Evaluation.objects.values("person_id").distinct().count()
    yearly = Evaluation.objects.filter(period_kind="year").count()
    last = max(Evaluation.objects.filter(period_kind="year").values_list("year", flat=True).distinct())
    start, end = dt.date(last - 4, 1, 1), dt.date(last, 12, 31)
    print(f"{persons:,} persons rated, {yearly:,} yearly ratings, years {start.year}–{end.year}")
    failed = 0
    for kind in ("evaluation.lowest_two_consecutive_years", "evaluation.step_raise_postponed"):
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            found = person_facts(kind, None, start, end)
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        verdict = "OK" if median <= LIMIT_S else "OVER LIMIT"
        print(
            f"{kind}: {len(found):,} facts, median {median:.2f} s of {RUNS} runs; limit {LIMIT_S:.0f} "
            f"s: {verdict}"
        )
        failed |= median > LIMIT_S
    rows = consequences.consequence_rows("lowest_two_consecutive_years", None, start.year, end.year)
    sql, params = rows.values_list("person_id", "year", "rating").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        print("plan:\n" + "\n".join(row[0] for row in cursor.fetchall()))
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores)")
    return int(failed)


if __name__ == "__main__":
    sys.exit(main())
