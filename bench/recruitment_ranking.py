"""Benchmark: ranking a recruitment round (xếp hạng, xác định người trúng tuyển).

Claim: a round of 20,000 candidates over 20 positions, with round-1 and round-2 scores, written + interview
exams for a quarter of the positions, priority grounds, and 400 appeals whose re-marked scores replaced the
first ones, is ranked — read from the database in bulk, pass rule, priority points, ranking with the legal
tie-breaks, winners within each quota — in at most 0.5 s, the way the results page and the API do it
(``noivu.recruitment.actions.results``: one SQL query per table into Polars, no loop over model objects).

Creates (or, with ``--reuse``, keeps) the PostgreSQL database ``--database`` (default
``noivu_recruitment_bench``), migrates it, writes the round in bulk, and prints the median of five timed
runs with the load and ranking parts apart, and the plan of the scores query.

    .venv/bin/python bench/recruitment_ranking.py

Exits non-zero when the median is over the limit.
"""

import argparse
import datetime as dt
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

from _common import ensure_database

REPO = Path(__file__).resolve().parents[1]
BASE_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
LIMIT_S = 0.5
RUNS = 5
CANDIDATES = 20_000
POSITIONS = 20
APPEALS = 400

sys.path.insert(0, str(REPO))


def build_round() -> int:
    """Write the round in bulk; the plan's id."""
    from decimal import Decimal

    from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel
    from noivu.recruitment.models import Appeal, Candidate, PlanPosition, RecruitmentPlan, Score

    rng = random.Random(14)
    root = Organization.add_root(
        code="VN",
        name="Chính phủ",
        kind=OrganizationKind.GOVERNMENT,
        level=OrganizationLevel.CENTRAL,
        effective_from=dt.date(2020, 1, 1),
    )
    agency = root.add_child(
        code="T01-SNV",
        name="Sở Nội vụ",
        kind=OrganizationKind.DEPARTMENT,
        level=OrganizationLevel.PROVINCE,
        effective_from=dt.date(2020, 1, 1),
    )
    plan = RecruitmentPlan.objects.create(
        organization=agency,
        title="Thi tuyển công chức",
        staff_kind="civil_servant",
        method="exam",
        status="approved",
        applications_open=dt.date(2026, 3, 1),
        applications_close=dt.date(2026, 3, 31),
        exam_date=dt.date(2026, 5, 10),
    )
    positions = PlanPosition.objects.bulk_create(
        PlanPosition(
            plan=plan,
            code=f"V{index:02d}",
            name=f"Vị trí {index}",
            quota=rng.randint(5, 60),
            exam_form="written_interview" if index % 4 == 0 else "single",
            round1=True,
        )
        for index in range(POSITIONS)
    )
    grounds = [
        [],
        [],
        [],
        [],
        ["ethnic_minority"],
        ["service_completed"],
        ["hero"],
        ["service_completed", "officer"],
    ]
    candidates = Candidate.objects.bulk_create(
        (
            Candidate(
                plan=plan,
                position=positions[index % POSITIONS],
                full_name=f"Thí sinh {index}",
                birth_date=dt.date(1995, 1, 1),
                gender="M",
                cccd_number=f"{index:012d}",
                qualification="university",
                documents=["application_form"],
                priority_grounds=rng.choice(grounds),
                exemptions=["general"] if index % 50 == 0 else [],
                status="ineligible" if index % 97 == 0 else "eligible",
                number=f"{index + 1:05d}",
            )
            for index in range(CANDIDATES)
        ),
        batch_size=2000,
    )
    scores = []
    for index, candidate in enumerate(candidates):
        position = positions[index % POSITIONS]

        parts = [
            "general",
            *(["written", "interview"] if position.exam_form == "written_interview" else ["professional"]),
        ]
        for part in parts:
            value = Decimal(rng.randint(3000, 9500)) / 100
            scores.append(
                Score(candidate=candidate, part=part, first_entry=value, second_entry=value, value=value)
            )
    Score.objects.bulk_create(scores, batch_size=5000)
    appealed = rng.sample([s for s in scores if s.part in ("professional", "written")], APPEALS)
    Appeal.objects.bulk_create(
        Appeal(
            candidate_id=s.candidate_id,
            part=s.part,
            requested_on=dt.date(2026, 5, 20),
            status="decided",
            old_value=s.value,
            new_value=min(Decimal(100), s.value + 5),
            decided_on=dt.date(2026, 5, 30),
        )
        for s in appealed
    )
    for s in appealed:
        s.value = s.second_entry = min(Decimal(100), s.value + 5)
    Score.objects.bulk_update(appealed, ["value", "second_entry"], batch_size=1000)
    return plan.pk


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep an already written round")
    parser.add_argument("--database", default="noivu_recruitment_bench", help="database name")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"{BASE_URL}/{args.database}"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noivu.settings")
    ensure_database(args.database, fresh=not args.reuse)

    import django

    django.setup()
    import polars as pl
    from django.core.management import call_command
    from django.db import connection

    from noivu.recruitment import actions, ranking, rounds
    from noivu.recruitment.models import RecruitmentPlan, Score

    call_command("migrate", verbosity=0, interactive=False)
    plan = RecruitmentPlan.objects.first()
    if plan is None:
        started = time.perf_counter()
        plan = RecruitmentPlan.objects.get(pk=build_round())
        with connection.cursor() as cursor:  # what autovacuum would do after a bulk load
            cursor.execute("ANALYZE")
        print(
            f"wrote the round: {CANDIDATES} candidates, {APPEALS} appeals "
            f"in {time.perf_counter() - started:.1f} s"
        )
    rules = ranking.Rules.load(plan.staff_kind, plan.exam_date)
    actions.results(plan)  # warm the rule-table cache and the connection
    totals, loads, ranks = [], [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        frame = rounds.load(plan)
        loaded = time.perf_counter()
        ranked = ranking.rank(frame, rules)
        done = time.perf_counter()
        loads.append(loaded - started)
        ranks.append(done - loaded)
        totals.append(done - started)
        started = time.perf_counter()
        actions.results(plan)
        totals.append(time.perf_counter() - started)
    median = statistics.median(totals)
    winners = ranked.filter(pl.col("winner")).height
    ties = ranked.filter(pl.col("needs_decision")).height
    print(f"candidates ranked: {ranked.height}, winners: {winners}, ties left to the head: {ties}")
    print(f"load (3 queries → Polars): median {statistics.median(loads) * 1000:.0f} ms")
    print(f"rank (pass rule, priority, tie-breaks, quota): median {statistics.median(ranks) * 1000:.0f} ms")
    print(
        f"results(plan) end to end: median {median * 1000:.0f} ms over {len(totals)} runs "
        f"(limit {LIMIT_S * 1000:.0f} ms)"
    )
    sql, params = (
        Score.objects.unrestricted()
        .filter(candidate__plan=plan, absent=False, value__isnull=False)
        .values_list("candidate_id", "part", "value")
        .order_by()
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + sql, params)
        print("\n".join(row[0] for row in cursor.fetchall()))
    if median > LIMIT_S:
        print(f"FAIL: {median:.3f} s > {LIMIT_S} s")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
