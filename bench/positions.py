"""Benchmark: validation of job-position projects and the campaign dashboard.

Claims:
1. One agency's project of 300 positions and 1,000 people is validated (every check, findings with their
   messages and citations) in at most 50 ms.
2. Every project of a province (``demo --size province``: ≈2,000 organisations, 60,000 persons) is
   validated as one batch — loaded from the database and checked — in at most 3 s.
3. The dashboard of a campaign naming 2,000 agencies answers in at most 150 ms on PostgreSQL.

Creates (or, with ``--reuse``, keeps) the database ``noivu_bench_positions``, migrates it and loads
``demo --size province``; claim 1 runs on a generated project (the demo's agencies are smaller), claim 3 on
a campaign naming the demo's first 2,000 organisations. Prints the medians and the plan of the dashboard's
query; exits non-zero when a median is over its limit.

    .venv/bin/python bench/positions.py
    .venv/bin/python bench/positions.py --reuse
"""

import argparse
import os
import random
import secrets
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BASE_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
LIMITS_MS = {"one project (300 positions, 1,000 people)": 50.0, "province batch": 3000.0, "dashboard": 150.0}

sys.path.insert(0, str(REPO))


def ensure_database(name: str, fresh: bool) -> None:
    import psycopg

    with psycopg.connect(f"{BASE_URL}/postgres", autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def timed(function: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), times


def one_project_frames(rng: random.Random) -> tuple[Any, ...]:
    """A generated project: 300 positions (one head, 20 division heads, the rest professional and support)
    and 1,000 people with ranks and qualifications, each placed in a position, some twice or nowhere."""
    from noivu.positions.validation import (
        HOLDER_SCHEMA,
        PEOPLE_SCHEMA,
        POSITION_SCHEMA,
        PROJECT_SCHEMA,
        REQUIRED_SCHEMA,
        frame,
    )

    positions = []
    for index in range(300):
        group, role = ("professional", "")
        if index == 0:
            group, role = "leadership", "head"
        elif index <= 20:
            group, role = "leadership", "division_head"
        elif index > 260:
            group = "support"
        positions.append(
            (
                1,
                index + 1,
                f"VT{index:03}",
                f"Vị trí {index}",
                group,
                role,
                4 if index > 20 else 1,
                rng.choice(["01.002", "01.003", "01.003", "01.004"]),
                rng.choice(["", "01.003", "01.002"]),
                rng.choice(["", "university", "college"]),
                "civil_servant",
                "",
                True,
            )
        )
    people, holders = [], []
    for person in range(1, 1001):
        people.append(
            (
                1,
                person,
                f"Người {person}",
                rng.choice(["01.002", "01.003", "01.004", None]),
                rng.choice(["master", "university", "college", None]),
            )
        )
        if person % 97:
            holders.append((1, person, rng.randint(1, 300), True))
        if person % 89 == 0:
            holders.append((1, person, rng.randint(1, 300), True))
    return (
        frame([(1, "province", "civil_servant", 1100, 20)], PROJECT_SCHEMA),
        frame(positions, POSITION_SCHEMA),
        frame(people, PEOPLE_SCHEMA),
        frame(holders, HOLDER_SCHEMA),
        frame([("VT001", "Vị trí 1", "civil_servant", "")], REQUIRED_SCHEMA),
        {row[1]: row[2] for row in people},
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded data set")
    args = parser.parse_args()
    database = "noivu_bench_positions"
    os.environ["DATABASE_URL"] = f"{BASE_URL}/{database}"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noivu.settings")
    ensure_database(database, fresh=not args.reuse)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from noivu.core import dates
    from noivu.organizations.models import Organization
    from noivu.positions.campaigns import dashboard
    from noivu.positions.frames import validate_projects
    from noivu.positions.models import Campaign, PositionProject
    from noivu.positions.validation import Rules, explain, validate

    call_command("migrate", verbosity=0, interactive=False)
    if not Organization.objects.exists():
        started = time.perf_counter()
        call_command("demo", size="province", seed=1)
        print(f"demo --size province: {time.perf_counter() - started:.0f} s")
    as_of = dates.today()
    results = {}

    projects, positions, people, holders, required, names = one_project_frames(random.Random(1))
    rules = Rules.load(as_of)

    def one() -> None:
        explain(validate(projects, positions, people, holders, required, rules), rules, names)

    one()
    found = validate(projects, positions, people, holders, required, rules)
    print(f"one project: {positions.height} positions, {people.height} people, {found.height} findings")
    results["one project (300 positions, 1,000 people)"] = timed(one, 21)

    everything = PositionProject.objects.unrestricted().all()

    def batch() -> None:
        findings, batch_rules, inputs = validate_projects(everything, as_of)
        explain(findings, batch_rules, inputs.names)

    findings, _rules, inputs = validate_projects(everything, as_of)
    print(
        f"province: {Organization.objects.count():,} organisations, {inputs.projects.height:,} projects, "
        f"{inputs.positions.height:,} positions, {inputs.people.height:,} people present, "
        f"{findings.height:,} findings"
    )
    results["province batch"] = timed(batch, 7)

    top = Organization.objects.order_by("path").first()
    campaign = Campaign.objects.filter(title="bench: 2,000 agencies").first()
    if campaign is None:
        campaign = Campaign.objects.create(
            organization=top,
            title="bench: 2,000 agencies",
            staff_kind="civil_servant",
            opened_on=as_of,
            deadline=as_of,
        )
        campaign.agencies.set(Organization.objects.order_by("path").values_list("pk", flat=True)[:2000])
    rows = dashboard(campaign, as_of)
    print(f"dashboard: {len(rows):,} agencies, {sum(1 for r in rows if r.overdue):,} overdue")
    results["dashboard"] = timed(lambda: dashboard(campaign, as_of), 21)
    with CaptureQueriesContext(connection) as captured:
        dashboard(campaign, as_of)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ANALYZE {captured.captured_queries[-1]['sql']}")
        print("plan of the dashboard's query:\n" + "\n".join(row[0] for row in cursor.fetchall()[:25]))

    failed = False
    for name, (median, runs) in results.items():
        limit = LIMITS_MS[name]
        verdict = "OK" if median <= limit else "OVER LIMIT"
        failed |= median > limit
        print(
            f"{name}: median {median:.1f} ms, min {min(runs):.1f}, max {max(runs):.1f}; "
            f"limit {limit:.0f} ms: {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
