"""Benchmark: how many rows a second this machine's PostgreSQL can write at best, and what that means for a
demo load of a given number of rows.

The rows are made inside the server (``INSERT … SELECT`` over ``generate_series``) into a narrow table with
no index, no key and no constraint: no client, no parsing, no index upkeep; then its primary key and one
more index (a fact's person) are built, each in one pass. Any real load (COPY from the client, generation of
the data, more indexes) does more, so writing ``rows`` rows and building two index entries for each is a
floor under its time.

Usage: python bench/ingest_ceiling.py [--rows N] [--load-rows M] [--limit S] [--database NAME]
(DSN base from BENCH_PG_URL)
    --rows       rows written per try (default 5,000,000; three tries, the best is kept)
    --load-rows  rows of the load to judge against the floor (the count `bench/demo_national.py` prints)
    --limit      that load's time limit in seconds (default 120)
"""

import os
import sys
import time

import psycopg
from _common import create_database, database_url, drop_database, parser

TRIES = 3


def main() -> int:
    arguments = parser(__doc__.splitlines()[0], default_database="noivu_bench_ingest")
    arguments.add_argument("--rows", type=int, default=5_000_000)
    arguments.add_argument("--load-rows", type=int, help="rows of the load to judge against the floor")
    arguments.add_argument("--limit", type=float, default=120.0, help="the load's time limit in seconds")
    args = arguments.parse_args()
    create_database(args.database)
    try:
        best = float("inf")
        with psycopg.connect(database_url(args.database), autocommit=True) as conn:
            for _ in range(TRIES):
                conn.execute("DROP TABLE IF EXISTS ceiling")
                conn.execute(
                    "CREATE TABLE ceiling (id bigint, org integer, day date, title text, kind integer)"
                )
                started = time.perf_counter()
                conn.execute(
                    "INSERT INTO ceiling SELECT i, i %% 1000, date '2020-01-01' + (i %% 3650), "
                    "'Chuyên viên chính', i %% 7 FROM generate_series(1, %s) AS i",
                    [args.rows],
                )
                best = min(best, time.perf_counter() - started)
            # Every table of the load keeps at least its primary key: one index entry a row, built last.
            started = time.perf_counter()
            conn.execute("SET maintenance_work_mem = '512MB'")
            conn.execute("ALTER TABLE ceiling ADD PRIMARY KEY (id)")
            index_seconds = time.perf_counter() - started
            # …and the index on the person it belongs to, without which no record page opens.
            started = time.perf_counter()
            conn.execute("CREATE INDEX ON ceiling (org)")
            second_seconds = time.perf_counter() - started
        rate = args.rows / best
        index_rate = args.rows / index_seconds
        second_rate = args.rows / second_seconds
        print(
            f"{args.rows:,} rows in {best:.2f} s (best of {TRIES}): {rate:,.0f} rows/s; their primary key "
            f"built in {index_seconds:.2f} s ({index_rate:,.0f} rows/s), a second index in "
            f"{second_seconds:.2f} s ({second_rate:,.0f} rows/s); load average {os.getloadavg()[0]:.1f}"
        )
        if args.load_rows:
            floor = args.load_rows / rate + args.load_rows / index_rate + args.load_rows / second_rate
            verdict = "below" if floor <= args.limit else "ABOVE"
            print(
                f"a load of {args.load_rows:,} rows needs at least {floor:.0f} s to write "
                f"({verdict} the limit of {args.limit:.0f} s)"
            )
        return 0
    finally:
        if not args.keep:
            drop_database(args.database)


if __name__ == "__main__":
    sys.exit(main())
