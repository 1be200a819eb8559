"""Benchmark: `manage.py demo --size national` (≈2,500,000 persons with their full 2C records) on PostgreSQL
must take ≤ 120 s.

Usage: python bench/demo_national.py [--database NAME] [--keep] [--persons N]   (DSN base from BENCH_PG_URL)

Prints the wall time, the CPU time of the command and of its PostgreSQL backend, and the load average:
on a shared machine the CPU times are the figures that do not depend on the other work.
"""

import sys

from _common import demo_benchmark

if __name__ == "__main__":
    sys.exit(demo_benchmark("national", 120.0, __doc__.splitlines()[0]))
