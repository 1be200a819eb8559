"""Benchmark: headcount against quota (biên chế được giao và số người có mặt) for every quota in force.

Claim: for ``demo --size province`` (≈2,000 organisations, 60,000 persons) the figures of every approved
quota in force, with the persons of each unit's subtree, take at most 300 ms on PostgreSQL; for
``demo --size national`` (2,500,000 persons) at most 3 s.

Creates (or, with ``--reuse``, keeps) the database ``noivu_bench_staffing_<size>``, migrates it, loads the
demo data of that size, then times, as the national administrator (the whole tree), the median of several
runs of: the engine (:func:`noivu.staffing.headcount.headcount` and its totals), and the API request
``GET /api/v1/staffing/headcount`` that returns every row as JSON. Prints the plan of the grouped query.

    .venv/bin/python bench/staffing_headcount.py --size province
    .venv/bin/python bench/staffing_headcount.py --size national --reuse

Exits non-zero when a median is over the limit.
"""

import argparse
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

from _common import ensure_database

REPO = Path(__file__).resolve().parents[1]
BASE_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
LIMITS_MS = {"province": 300.0, "national": 3000.0}
RUNS = {"province": 15, "national": 5}

sys.path.insert(0, str(REPO))


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(LIMITS_MS), default="province")
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded data set")
    return parser.parse_args()


def timed(function, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), times


def main() -> int:
    args = arguments()
    database = f"noivu_bench_staffing_{args.size}"
    os.environ["DATABASE_URL"] = f"{BASE_URL}/{database}"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noivu.settings")
    ensure_database(database, fresh=not args.reuse)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from noivu.accounts.models import User
    from noivu.core import dates
    from noivu.organizations.models import Organization
    from noivu.personnel.models import Assignment
    from noivu.staffing.headcount import assigned_counts, headcount, totals
    from noivu.staffing.models import StaffingQuota

    call_command("migrate", verbosity=0, interactive=False)
    if not Organization.objects.exists():
        started = time.perf_counter()
        call_command("demo", size=args.size, seed=1)
        print(f"demo --size {args.size}: {time.perf_counter() - started:.0f} s")
    admin = User.objects.get(username="demo.quantri")
    as_of = dates.today()
    quotas = StaffingQuota.objects.restrict(admin)
    assignments = Assignment.objects.restrict(admin)
    persons = assignments.as_of(as_of).filter(is_primary=True).count()
    units = Organization.objects.count()

    def engine() -> None:
        totals(headcount(quotas, assignments, as_of))

    rows = headcount(quotas, assignments, as_of)
    print(f"{units:,} organisations, {persons:,} persons in force, {len(rows):,} quotas in force")
    engine_ms, engine_runs = timed(engine, RUNS[args.size])

    client = Client()
    client.force_login(admin)

    def api() -> None:
        response = client.get("/api/v1/staffing/headcount")
        assert response.status_code == 200, response.status_code

    api_ms, api_runs = timed(api, RUNS[args.size])

    grouped = assignments.as_of(as_of).filter(is_primary=True).values_list("organization__path", "category")
    sql, params = grouped.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    print("plan of the rows the grouped count reads:\n" + plan)
    assigned_counts(assignments, as_of)

    limit = LIMITS_MS[args.size]
    failed = False
    for name, median, runs in (
        ("engine", engine_ms, engine_runs),
        ("API GET /staffing/headcount", api_ms, api_runs),
    ):
        verdict = "OK" if median <= limit else "OVER LIMIT"
        failed |= median > limit
        print(
            f"{name}: median {median:.0f} ms, min {min(runs):.0f} ms, max {max(runs):.0f} ms; "
            f"limit {limit:.0f} ms: {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
