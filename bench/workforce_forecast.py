"""Benchmark: the five-year workforce forecast (dự báo nguồn nhân lực 5 năm) of a whole scope.

Claim: over ``demo --size national`` (≈2,500,000 persons) the forecast of the whole country, as the
national administrator (every person in force with their statutory retirement date, approved
streamlining leaves, open recruitment plans, quotas, ranks and positions; the rows of every quota holder,
the totals, the pyramids and the positions falling vacant) takes at most 10 s on PostgreSQL; over
``demo --size province`` (≈60,000 persons) at most 1 s.

Works on an already loaded database (``--database``, default ``noivu_national``), which it migrates but
never drops or reloads; with ``--load`` it creates the database and loads ``demo --size <size>`` into it
when it is empty. Times the median of three runs of the reading and of the whole forecast, and one
request of the page, and prints the figures of the totals.

    .venv/bin/python bench/workforce_forecast.py --database noivu_national
    .venv/bin/python bench/workforce_forecast.py --database noivu_province --limit 1

Exits non-zero when the median of the whole forecast is over the limit.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from _common import ensure_database, setup_django

REPO = Path(__file__).resolve().parents[1]
RUNS = 3

sys.path.insert(0, str(REPO))


def timed(run) -> tuple[float, list[float], object]:  # type: ignore[no-untyped-def]
    times, found = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        found = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="noivu_national", help="database name")
    parser.add_argument("--limit", type=float, default=10.0, help="limit of the median in seconds")
    parser.add_argument("--load", choices=("province", "national"), help="load this demo size when empty")
    args = parser.parse_args()
    os.environ["DEBUG"] = "0"
    if args.load:
        ensure_database(args.database, fresh=False)
    setup_django(args.database)
    from django.core.management import call_command
    from django.test import Client

    from noivu.accounts.models import User
    from noivu.core import dates
    from noivu.organizations.models import Organization
    from noivu.workforce.facts import read_facts
    from noivu.workforce.forecast import forecast

    call_command("migrate", verbosity=0, interactive=False)
    if args.load and not Organization.objects.exists():
        started = time.perf_counter()
        call_command("demo", size=args.load, seed=1)
        print(f"demo --size {args.load}: {time.perf_counter() - started:.0f} s")
    admin = User.objects.get(username="demo.quantri")
    as_of = dates.today()

    read_s, read_runs, facts = timed(lambda: read_facts(admin, as_of))
    print(
        f"{facts.persons.height:,} persons in force, {facts.leaves.height:,} approved streamlining leaves, "  # type: ignore[attr-defined]
        f"{facts.intakes.height:,} open plan lines, {len(facts.quotas):,} quotas, "  # type: ignore[attr-defined]
        f"{facts.positions.height:,} positions held, {facts.ranks.height:,} ranks"  # type: ignore[attr-defined]
    )
    print(f"reading: median {read_s:.2f} s ({', '.join(f'{t:.2f}' for t in read_runs)})")
    total_s, total_runs, result = timed(lambda: forecast(read_facts(admin, as_of)))
    for row in result.totals:  # type: ignore[attr-defined]
        figures = " → ".join(f"{year.headcount:,}" for year in row.years)
        print(f"  {row.kind}: {row.current:,} → {figures}")
    print(f"  {len(result.rows):,} unit rows, {result.vacancies.height:,} positions falling vacant")  # type: ignore[attr-defined]

    client = Client()
    client.force_login(admin)
    started = time.perf_counter()
    response = client.get("/workforce/")
    page_s = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    print(f"page GET /workforce/: {page_s:.2f} s")

    verdict = "OK" if total_s <= args.limit else "OVER LIMIT"
    print(
        f"forecast (read + compute): median {total_s:.2f} s, min {min(total_runs):.2f} s, "
        f"max {max(total_runs):.2f} s; limit {args.limit:.0f} s: {verdict}"
    )
    return 0 if total_s <= args.limit else 1


if __name__ == "__main__":
    raise SystemExit(main())
