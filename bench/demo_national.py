"""Benchmark: `manage.py demo --size national` (≈2,500,000 persons) on PostgreSQL must take ≤ 10 minutes.

Usage: python bench/demo_national.py [--database NAME] [--keep]   (DSN base from BENCH_PG_URL)
"""

import sys

from _common import demo_benchmark

if __name__ == "__main__":
    sys.exit(demo_benchmark("national", 600.0, __doc__.splitlines()[0]))
