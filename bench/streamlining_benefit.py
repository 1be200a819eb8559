"""Benchmark: the streamlining benefit calculator computes at least 10,000 cases a second in batch (a
province's streamlining list at once).

Creates the database ``noivu_bench_benefit`` (the rule tables are loaded by ``migrate``), builds 100,000
cases spread over the three decrees and their policies (early retirement, resignation, transfer; first and
later phases of the restructuring decree), and times :func:`noivu.staffing.benefits.compute_many` with the
rule tables taken once, as a batch does. Every case's result carries its items and their articles.

    .venv/bin/python bench/streamlining_benefit.py

Exits non-zero under the rate.
"""

import datetime as dt
import os
import random
import secrets
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from _common import base_url, create_database, drop_database, parser  # noqa: E402

CASES = 100_000
MIN_RATE = 10_000


def build(rng: random.Random):
    from noivu.staffing.benefits import BenefitCase

    shapes = [
        # (policy, case day, leave day, restructuring, months window)
        ("early_retirement", dt.date(2024, 9, 1), dt.date(2024, 12, 1), False, (24, 60)),
        ("resignation", dt.date(2024, 9, 1), dt.date(2024, 12, 1), False, (61, 300)),
        ("early_retirement", dt.date(2025, 10, 1), dt.date(2026, 1, 1), False, (24, 60)),
        ("resignation", dt.date(2025, 10, 1), dt.date(2026, 1, 1), False, (61, 300)),
        ("transfer_non_budget", dt.date(2025, 10, 1), dt.date(2026, 1, 1), False, (61, 300)),
        ("early_retirement", dt.date(2025, 3, 20), dt.date(2025, 6, 1), True, (1, 120)),
        ("early_retirement", dt.date(2025, 3, 20), dt.date(2026, 6, 1), True, (1, 120)),
        ("resignation", dt.date(2025, 3, 20), dt.date(2025, 8, 1), True, (24, 300)),
    ]
    cases = []
    for index in range(CASES):
        policy, case_day, leave, restructuring, (low, high) = shapes[index % len(shapes)]
        salary = rng.randrange(6_000_000, 40_000_000, 1000)
        cases.append(
            BenefitCase(
                policy=policy,
                case_date=case_day,
                leave_date=leave,
                salary_current=salary,
                salary_average=int(salary * 0.93),
                months_to_retirement=rng.randint(low, high),
                si_years=rng.randint(20, 38),
                si_months=rng.randint(0, 11),
                restructuring=restructuring,
                restructuring_decision_date=dt.date(2025, 3, 1) if restructuring else None,
                gender=rng.choice("MF"),
            )
        )
    return cases


def main() -> int:
    args = parser(__doc__.splitlines()[0], default_database="noivu_bench_benefit").parse_args()
    create_database(args.database)
    os.environ["DATABASE_URL"] = f"{base_url()}/{args.database}"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noivu.settings")
    try:
        import django

        django.setup()
        from django.core.management import call_command

        from noivu.staffing.benefits import BenefitError, Benefits, compute_many

        call_command("migrate", verbosity=0, interactive=False)
        cases = build(random.Random(1))
        benefits = Benefits.load()
        compute_many(cases[:1000], benefits)  # warm up
        started, cpu = time.perf_counter(), time.process_time()
        results = compute_many(cases, benefits)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
        refused = sum(isinstance(result, BenefitError) for result in results)
        paid = sum(result.total for result in results if not isinstance(result, BenefitError))
        rate = len(cases) / seconds
        print(
            f"{len(cases):,} cases in {seconds:.2f} s: {rate:,.0f} cases/s "
            f"({refused:,} refused by the law's conditions, {paid:,} đồng in total); "
            f"{len(cases) / cpu_seconds:,.0f} cases per CPU second"
        )
        verdict = "OK" if rate >= MIN_RATE else "UNDER TARGET"
        print(f"target ≥ {MIN_RATE:,} cases/s: {verdict}")
        return 0 if rate >= MIN_RATE else 1
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(args.database)


if __name__ == "__main__":
    raise SystemExit(main())
