"""Benchmark: `manage.py demo --size province` (≈60,000 persons) on PostgreSQL must take ≤ 30 s.

Usage: python bench/demo_province.py [--database NAME] [--keep]   (DSN base from BENCH_PG_URL)
"""

import sys

from _common import demo_benchmark

if __name__ == "__main__":
    sys.exit(demo_benchmark("province", 30.0, __doc__.splitlines()[0]))
