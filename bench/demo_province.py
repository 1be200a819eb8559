"""Benchmark: `manage.py demo --size province` (≈60,000 persons) on PostgreSQL must take at most 30 s.

Usage: python bench/demo_province.py [--database NAME] [--keep]   (DSN base from BENCH_PG_URL)
"""

import sys

from _common import count_rows, create_database, drop_database, manage, parser, report

SIZE, TARGET_SECONDS = "province", 30.0
TABLES = ["organizations_organization", "personnel_person", "personnel_assignment"]


def main() -> int:
    args = parser(__doc__.splitlines()[0]).parse_args()
    create_database(args.database)
    try:
        manage(args.database, "migrate", "--noinput", "-v", "0")
        seconds, output = manage(args.database, "demo", "--size", SIZE, "--seed", "1")
        print(output.rstrip())
        rows = count_rows(args.database, TABLES)
        print(", ".join(f"{table}: {count:,}" for table, count in rows.items()))
        return report(f"demo --size {SIZE}", seconds, sum(rows.values()), TARGET_SECONDS)
    finally:
        if not args.keep:
            drop_database(args.database)


if __name__ == "__main__":
    sys.exit(main())
