"""Load test: 100 concurrent users on the production configuration, over `demo --size province`.

Builds (or, with --reuse, keeps) a PostgreSQL database with the province demo data, runs `collectstatic`,
starts the production server (gunicorn with deploy/gunicorn.conf.py, bound to 127.0.0.1 only, DEBUG off),
then runs locust headless (bench/locustfile.py) with --users for --minutes: officials of five roles logging
in, opening the overview, the organisation tree, person lists with filters, name searches, records, exports
to Excel, the statistical report and the workforce forecast. Prints each page's requests, failures and
p50/p95/p99 latency, writes them to --out (JSON and locust's CSV files beside it) and exits non-zero on any
failed request.

Login throttling (django-axes) counts failed logins only, per account and per address: every simulated
user logs in with the right password and a success resets the count, so nothing is locked out; the server
keeps its production settings for it.

Usage: python bench/load_test.py [--database noivu_load] [--reuse] [--users 100] [--minutes 30]
"""

import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg
from _common import REPO, ServerCpu, database_url, ensure_database, manage, parser

DEFAULT_DATABASE = "noivu_load"
PORT = 8765


def _prepare(database: str, reuse: bool) -> None:
    ensure_database(database, fresh=not reuse)
    manage(database, "migrate", "--noinput", "-v", "0")
    with psycopg.connect(database_url(database)) as conn:
        (loaded,) = conn.execute("SELECT count(*) FROM organizations_organization").fetchone() or (0,)
    if not loaded:
        seconds, _output = manage(database, "demo", "--size", "province", "--seed", "1")
        print(f"demo --size province: {seconds:.0f} s")


def _units(database: str) -> list[str]:
    """The codes of the demo province's communes (the exports and forecasts pick one)."""
    with psycopg.connect(database_url(database)) as conn:
        rows = conn.execute(
            "SELECT code FROM organizations_organization WHERE level = 'commune' AND code ~ '^X[0-9]+$' "
            "ORDER BY code"
        ).fetchall()
    return [code for (code,) in rows]


def _server_environment(database: str, scratch: Path) -> dict[str, str]:
    left_out = {"DEBUG", "DJANGO_SETTINGS_MODULE", "CELERY_BROKER_URL", "LOG_FORMAT", "HTTPS"}
    env = {key: value for key, value in os.environ.items() if key not in left_out}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url(database),
        STATIC_ROOT=str(scratch / "static"),
        MEDIA_ROOT=str(scratch / "media"),
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
    )
    return env


def _wait_until_up(server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped while starting (see its log)")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise SystemExit("the server did not answer /healthz within 120 s")


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of process ``pid`` and of its children (gunicorn's workers) so far."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    for process in [pid, *map(int, children)]:
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _summary(stats_csv: Path) -> list[dict[str, object]]:
    rows = []
    with stats_csv.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.append(
                {
                    "page": row["Name"],
                    "method": row["Type"],
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "p50_ms": float(row["50%"] or 0),
                    "p95_ms": float(row["95%"] or 0),
                    "p99_ms": float(row["99%"] or 0),
                    "max_ms": float(row["Max Response Time"] or 0),
                    "per_second": float(row["Requests/s"] or 0),
                }
            )
    return rows


def main() -> int:
    arguments = parser(__doc__.splitlines()[0], DEFAULT_DATABASE)
    arguments.add_argument("--reuse", action="store_true", help="keep the database and its data if loaded")
    arguments.add_argument("--users", type=int, default=100)
    arguments.add_argument("--spawn-rate", type=float, default=2.0, help="users started a second")
    arguments.add_argument("--minutes", type=float, default=30.0)
    arguments.add_argument("--out", default="load-test.json", help="where to write the JSON summary")
    args = arguments.parse_args()

    _prepare(args.database, args.reuse)
    scratch = Path(tempfile.mkdtemp(prefix="noivu-load-"))
    env = _server_environment(args.database, scratch)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=REPO, env=env, check=True
    )
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    log = (scratch / "server.log").open("w")
    server = subprocess.Popen(
        [gunicorn, "-c", "deploy/gunicorn.conf.py"], cwd=REPO, env=env, stdout=log, stderr=log
    )
    out = Path(args.out).resolve()
    prefix = out.with_suffix("")
    try:
        _wait_until_up(server)
        locust = str(Path(sys.executable).parent / "locust")
        load_env = {**os.environ, "LOAD_UNITS": ",".join(_units(args.database))}
        started = time.monotonic()
        web_before = _cpu_seconds(server.pid)
        database_cpu = ServerCpu(args.database)
        database_cpu.__enter__()
        completed = subprocess.run(
            [
                locust,
                "-f",
                str(REPO / "bench" / "locustfile.py"),
                "--headless",
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{round(args.minutes * 60)}s",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env=load_env,
            check=False,
        )
        elapsed = time.monotonic() - started
        database_cpu.__exit__(None, None, None)
        web_cpu = _cpu_seconds(server.pid) - web_before
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(60)
        log.close()

    rows = _summary(Path(f"{prefix}_stats.csv"))
    print(f"\n{'page':<28}{'requests':>9}{'failures':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for row in rows:
        print(
            f"{row['page']:<28}{row['requests']:>9}{row['failures']:>9}{row['p50_ms']:>9.0f}"
            f"{row['p95_ms']:>9.0f}{row['p99_ms']:>9.0f}{row['max_ms']:>9.0f}"
        )
    failures = sum(int(row["failures"]) for row in rows if row["page"] == "Aggregated")
    requests = sum(int(row["requests"]) for row in rows if row["page"] == "Aggregated") or 1
    print(
        f"\nCPU: web (gunicorn) {web_cpu:.0f} s, PostgreSQL {database_cpu.seconds:.0f} s "
        f"over {elapsed:.0f} s "
        f"({1000 * web_cpu / requests:.0f} ms + {1000 * database_cpu.seconds / requests:.0f} ms a request); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    summary = {
        "users": args.users,
        "minutes": args.minutes,
        "seconds": round(elapsed),
        "database": args.database,
        "server": {
            "workers": os.environ.get("GUNICORN_WORKERS", f"{os.cpu_count()} + 1"),
            "threads": os.environ.get("GUNICORN_THREADS", "4"),
        },
        "cores": os.cpu_count(),
        "load_average_after": os.getloadavg(),
        "cpu_seconds": {"web": round(web_cpu, 1), "database": round(database_cpu.seconds, 1)},
        "pages": rows,
        "failures": failures,
        "locust_exit_code": completed.returncode,
    }
    out.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nsummary: {out}; server log: {scratch / 'server.log'}")
    if failures or completed.returncode:
        print(f"FAILED: {failures} failed requests (locust exit code {completed.returncode})")
        return 1
    print("OK: no failed request")
    return 0


if __name__ == "__main__":
    sys.exit(main())
