"""Benchmark: the step raises due in a year for a province (danh sách nâng bậc lương đến hạn).

Claim (PostgreSQL on the 2-core machine): the list of every regular step raise and seniority increase due
in a year over ``demo --size province`` (60,000 persons), postponements read through ``person_facts``
included, takes at most 1 s. Needs a database loaded with the demo, named with ``--database``.

    .venv/bin/python bench/payroll_raises.py --database noivu_bench_demo_province [--year 2026]

Exits non-zero when the figure misses its claim.
"""

import argparse
import sys
import time

from _common import setup_django

LIMIT_S = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="a PostgreSQL database loaded with the demo")
    parser.add_argument("--year", type=int, default=2026)
    options = parser.parse_args()
    setup_django(options.database)
    from noivu.organizations.models import Organization
    from noivu.payroll.engine import SalaryLaw
    from noivu.payroll.raises import raises_due

    root = Organization.objects.unrestricted().filter(depth=1).order_by("path").first()
    assert root is not None, "the database holds no demo tree"
    law = SalaryLaw.load()
    raises_due(root.path, options.year, law)  # warm the rule tables and the connection
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        due = raises_due(root.path, options.year, law)
        best = min(best, time.perf_counter() - started)
    postponed = int((due["postponed"] > 0).sum())
    print(
        f"step raises due in {options.year}: {due.height:,} of the subtree of {root.name} "
        f"({postponed:,} postponed) in {best:.2f} s (claim ≤ {LIMIT_S} s)"
    )
    return 0 if best <= LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main())
