"""Benchmark: the statistical report of the quantity and quality of cadres, civil servants and public
employees (báo cáo số lượng, chất lượng cán bộ, công chức, viên chức).

Claim: on PostgreSQL, the report of the whole country over ``demo --size national`` (≈2,500,000 persons with
their full records: one row per province and ministry, every figure — category, women, ethnic minority,
religion, Party, age bands, highest professional, political-theory and state-management level, rank group —
counted in one grouped query, then the units' names) takes at most 5 s; a province's report over
``demo --size province`` (≈60,000 persons, a row per agency and commune) at most 500 ms.

Uses the databases as they are (never drops or reloads them; migrates them): ``--database`` defaults to
``noivu_national`` for ``--scope national`` and ``noivu_province`` for ``--scope province`` (create the
latter with ``bench/demo_province.py --database noivu_province --keep``). Times the median of several runs
as the national administrator; ``--explain`` prints the plan of the grouped query.

    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432 .venv/bin/python bench/reports_quality.py --scope province
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432 .venv/bin/python bench/reports_quality.py --scope national

Exits non-zero when the median is over the limit.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from _common import setup_django

REPO = Path(__file__).resolve().parents[1]
LIMITS_S = {"province": 0.5, "national": 5.0}
RUNS = {"province": 7, "national": 3}
DATABASES = {"province": "noivu_province", "national": "noivu_national"}

sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scope", choices=sorted(LIMITS_S), default="province")
    parser.add_argument("--database", help="database name (default: by scope)")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the grouped query")
    args = parser.parse_args()
    os.environ["DEBUG"] = "0"
    setup_django(args.database or DATABASES[args.scope])

    from django.core.management import call_command
    from django.db import connection

    from noivu.accounts.models import User
    from noivu.core.dates import today
    from noivu.core.extensions import statistical_reports
    from noivu.organizations.models import Organization
    from noivu.reports import tables as engine

    call_command("migrate", verbosity=0, interactive=False)
    # The national administrator: a grant over the whole tree, decided without a query.
    admin = User(username="bench", is_superuser=True, is_active=True)
    code = ""
    if args.scope == "province":
        province = (
            Organization.objects.unrestricted().filter(kind="province_committee").order_by("path").first()
        )
        if province is None:
            print("no province in the database: load the province demo into it first")
            return 2
        code = province.code
    report = statistical_reports["personnel-quality"]
    scope = engine.scope_of(admin, code)
    day = today()
    if args.explain:
        print(report.counts(admin, day, scope.path, scope.prefix_length).explain(analyze=True))
    times, table = [], None
    for _ in range(RUNS[args.scope]):
        started = time.perf_counter()
        table = engine.build(report, admin, scope, day)
        times.append(time.perf_counter() - started)
    assert table is not None
    median = statistics.median(times)
    limit = LIMITS_S[args.scope]
    verdict = "OK" if median <= limit else "OVER LIMIT"
    total = dict(zip([figure.key for figure in report.figures], table.total.values, strict=True))
    print(f"{scope.name}: {len(table.rows)} rows, {total['total']:,} persons counted on {day:%d/%m/%Y}")
    runs = f"median {median * 1000:.0f} ms of {len(times)} runs"
    print(f"quality report: {runs}; limit {limit * 1000:.0f} ms: {verdict}")
    print("  " + ", ".join(f"{key} {value:,}" for key, value in total.items() if value))
    print(f"database {connection.settings_dict['NAME']}; load average {os.getloadavg()[0]:.1f} (2 cores)")
    return 1 if median > limit else 0


if __name__ == "__main__":
    sys.exit(main())
