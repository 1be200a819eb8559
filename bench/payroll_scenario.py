"""Benchmark: salary-plan scenarios and monthly payroll (phương án trả lương, bảng lương tháng).

Claims (PostgreSQL on the 2-core machine):
- the scenario computation alone (baseline and scenario, differences, aggregates) runs at 5,000,000
  persons per second or more: timed on a synthetic frame of 2,500,000 persons with the demo's mix of
  steps and allowances, no database needed;
- a scenario over ``demo --size national`` (2,500,000 persons) end to end — load, compute, aggregate —
  takes at most 10 s; a monthly payroll of ``demo --size province`` (60,000 persons) with its lines
  stored takes at most 5 s; these two need a database loaded with the demo of that size, named with
  ``--database`` (``demo --size national``/``province`` then this script with ``--reuse``).

    .venv/bin/python bench/payroll_scenario.py                       # the computation alone
    .venv/bin/python bench/payroll_scenario.py --database noivu_bench_demo_province --payroll
    .venv/bin/python bench/payroll_scenario.py --database noivu_bench_demo_national --scenario

Exits non-zero when a figure misses its claim.
"""

import argparse
import datetime as dt
import os
import secrets
import sys
import time
from pathlib import Path

from _common import setup_django

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

PERSONS = 2_500_000
MIN_RATE = 5_000_000
SCENARIO_LIMIT_S = 10.0
PAYROLL_LIMIT_S = 5.0


def synthetic(persons: int):  # type: ignore[no-untyped-def]
    """Persons shaped like the demo's, one row each as the loading query gives them (the allowances in
    force as columns, one per kind): A-groups and B/C steps, a third with leadership, all with the
    regional allowance of their area, a tenth with seniority beyond the frame, the public-duty allowance
    for cadres and civil servants."""
    import numpy as np
    import polars as pl

    from noivu.payroll.engine import CATEGORY

    rng = np.random.default_rng(1)
    ids = np.arange(1, persons + 1)
    coefficients = rng.choice([234, 267, 300, 333, 366, 440, 474, 508, 498, 406, 186, 678], persons) * 100
    category = rng.choice(["civil_servant", "public_employee", "cadre"], persons, p=[0.35, 0.6, 0.05])
    leadership = np.where(rng.random(persons) < 0.3, rng.choice([1500, 2500, 4000, 6000], persons), 0)
    return pl.DataFrame(
        {
            "person_id": ids,
            "organization_id": rng.integers(1, 3_400, persons),
            "category": pl.Series(category).cast(CATEGORY),
            "salary_group": pl.Series(rng.choice(["A1", "A2.1", "A0", "B"], persons)).cast(pl.Categorical),
            "step": rng.integers(1, 9, persons),
            "coefficient_e4": coefficients,
            "seniority_percent": np.where(rng.random(persons) < 0.1, rng.integers(5, 15, persons), 0),
            "reserved_e4": np.zeros(persons, dtype=np.int64),
            "public_duty": category != "public_employee",
            "leadership_e4": leadership,
            "regional_e4": rng.choice([1000, 2000, 3000, 5000], persons),
        }
    )


def computation() -> int:
    from noivu.payroll.engine import FrameRates
    from noivu.payroll.scenarios import ScenarioChanges, aggregate, compare, summary

    persons = synthetic(PERSONS)
    rates = FrameRates(
        2530000,
        2500,
        2530000 * 20,
        {
            "civil_servant": {"social_insurance": (800, 1750), "health_insurance": (150, 300)},
            "cadre": {"social_insurance": (800, 1750), "health_insurance": (150, 300)},
            "public_employee": {
                "social_insurance": (800, 1750),
                "health_insurance": (150, 300),
                "unemployment_insurance": (100, 100),
            },
        },
    )
    changes = ScenarioChanges(base_salary=2800000, allowance_percent={"leadership": 10})
    best = cpu = float("inf")
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        people = compare(persons, rates, changes)
        for key, totals in summary(people).items():
            aggregate(totals, key)
        best = min(best, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    rate = PERSONS / best
    print(
        f"scenario computation: {PERSONS:,} persons in {best:.2f} s = {rate:,.0f} persons/s "
        f"(claim ≥ {MIN_RATE:,}); CPU time of the process {cpu:.2f} s on {os.cpu_count()} cores"
    )
    return 0 if rate >= MIN_RATE else 1


def with_database(database: str) -> None:
    setup_django(database)


def scenario_end_to_end(database: str) -> int:
    from _common import ServerCpu

    from noivu.organizations.models import Organization
    from noivu.payroll.scenarios import ScenarioChanges, run_scenario

    root = Organization.objects.unrestricted().filter(depth=1).order_by("path").first()
    assert root is not None, "the database holds no demo tree"
    process = time.process_time()
    started = time.perf_counter()
    with ServerCpu(database) as server:
        results, _people = run_scenario(
            root.path, dt.date(2026, 7, 1), ScenarioChanges(base_salary=2800000), step=Organization.steplen
        )
    elapsed = time.perf_counter() - started
    print(
        f"scenario end to end: {results['persons']:,} persons in {elapsed:.2f} s "
        f"(claim ≤ {SCENARIO_LIMIT_S} s); yearly difference {results['yearly']['difference']:,} đồng; "
        f"CPU: this process {time.process_time() - process:.1f} s, PostgreSQL {server.seconds:.1f} s, "
        f"load average {os.getloadavg()[0]:.1f} (2 cores)"
    )
    return 0 if elapsed <= SCENARIO_LIMIT_S else 1


def payroll_month() -> int:
    from django.db import transaction

    from noivu.accounts.models import User
    from noivu.organizations.models import Organization
    from noivu.payroll.actions import do_compute_payroll

    root = Organization.objects.unrestricted().filter(depth=1).order_by("path").first()
    assert root is not None, "the database holds no demo tree"
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        f"bench-{secrets.token_hex(4)}", password=secrets.token_urlsafe(16)
    )
    started = time.perf_counter()
    run = do_compute_payroll(organization=root, month=dt.date(2026, 7, 1), acting_user=admin)
    elapsed = time.perf_counter() - started
    print(
        f"monthly payroll with its lines stored: {run.persons:,} persons in {elapsed:.2f} s "
        f"(claim ≤ {PAYROLL_LIMIT_S} s)"
    )
    with transaction.atomic():
        run.lines.all().delete()
        run.delete()
    return 0 if elapsed <= PAYROLL_LIMIT_S else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="a PostgreSQL database loaded with the demo")
    parser.add_argument("--scenario", action="store_true", help="time a scenario over the whole tree")
    parser.add_argument("--payroll", action="store_true", help="time a monthly payroll of the whole tree")
    options = parser.parse_args()
    if options.database:
        with_database(options.database)
    else:
        # The computation needs the apps loaded, not a database.
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
        os.environ["DATABASE_URL"] = "sqlite://:memory:"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noivu.settings")
        import django

        django.setup()
    status = computation()
    if options.database:
        if options.scenario:
            status |= scenario_end_to_end(options.database)
        if options.payroll:
            status |= payroll_month()
    return status


if __name__ == "__main__":
    sys.exit(main())
