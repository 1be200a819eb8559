"""Benchmark: the yearly rating table of a province with the cap on "hoàn thành xuất sắc" checked for every
unit and group of similar tasks (bảng kết quả xếp loại năm của một tỉnh).

Claim: for ``demo --size province`` (≈60,000 persons, five years of ratings each) the table of last year's
ratings of the whole province — counts per level of every unit and the cap of each — takes at most 1 s on
PostgreSQL, through the engine and through ``GET /api/v1/evaluation/results/{province}``.

Creates (or, with ``--reuse``, keeps) the database ``noivu_bench_evaluation_province``, migrates it, loads the
demo data, then times, as the national administrator, the median of several runs. Prints the plan of the
grouped query.

    .venv/bin/python bench/evaluation_ratings.py
    .venv/bin/python bench/evaluation_ratings.py --reuse

Exits non-zero when a median is over the limit.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from _common import province_database

REPO = Path(__file__).resolve().parents[1]
LIMIT_MS = 1000.0
RUNS = 9

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


def timed(function, runs: int) -> tuple[float, list[float]]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded data set")
    args = parser.parse_args()
    database = "noivu_bench_evaluation_province"
    province_database(database, reuse=args.reuse)
    from _evaluation import time_evaluation_step
    from django.db import connection
    from django.test import Client

    from noivu.accounts.models import User
    from noivu.core import dates
    from noivu.evaluation import engine
    from noivu.evaluation.models import Evaluation, PeriodKind
    from noivu.organizations.models import Organization

    time_evaluation_step()
    admin = User.objects.get(username="demo.quantri")
    year = dates.today().year - 1
    rows = Evaluation.objects.restrict(admin)
    rated = rows.filter(year=year, period_kind=PeriodKind.YEAR).count()
    province = Organization.objects.filter(depth=2).order_by("path").first() or Organization.objects.first()
    assert province is not None
    print(
        f"{Organization.objects.count():,} organisations, {rows.count():,} evaluations, {rated:,} "
        f"rated in {year}"
    )

    def table() -> None:
        results, _rule = engine.unit_results(rows, year, PeriodKind.YEAR, 0)
        assert results

    results, rule = engine.unit_results(rows, year, PeriodKind.YEAR, 0)
    over = sum(1 for result in results if result.exceeded)
    citation = rule.legal_basis.citation if rule else "—"
    print(f"{len(results):,} units and groups, {over} over the cap ({citation})")
    engine_ms, engine_runs = timed(table, RUNS)

    client = Client()
    client.force_login(admin)

    def api() -> None:
        response = client.get(f"/api/v1/evaluation/results/{province.code}", {"year": year})
        assert response.status_code == 200, response.status_code

    api_ms, api_runs = timed(api, RUNS)
    grouped = (
        rows.filter(year=year, period_kind=PeriodKind.YEAR, period_number=0)
        .values("organization_id", "task_group", "status", "rating")
        .order_by()
    )
    from django.db.models import Count

    sql, params = grouped.annotate(count=Count("id")).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        print("plan of the grouped count:\n" + "\n".join(row[0] for row in cursor.fetchall()))
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores)")
    failed = 0
    for name, median, runs in (("engine", engine_ms, engine_runs), ("API", api_ms, api_runs)):
        verdict = "OK" if median <= LIMIT_MS else "OVER LIMIT"
        print(
            f"{name}: median {median:.0f} ms of {len(runs)} runs (min {min(runs):.0f}, max {max(runs):.0f}); "
            f"limit {LIMIT_MS:.0f} ms: {verdict}"
        )
        failed |= median > LIMIT_MS
    return int(failed)


if __name__ == "__main__":
    sys.exit(main())
