"""Helpers shared by the benchmarks: a throw-away PostgreSQL database and a timed management command."""

import argparse
import os
import resource
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType

import psycopg

REPO = Path(__file__).resolve().parents[1]
DEFAULT_BASE_URL = "postgres://postgres@127.0.0.1:5432"


def parser(description: str, default_database: str = "noivu_bench_demo") -> argparse.ArgumentParser:
    result = argparse.ArgumentParser(description=description)
    result.add_argument(
        "--database", default=default_database, help="name of the database to create and drop"
    )
    result.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return result


def base_url() -> str:
    return os.environ.get("BENCH_PG_URL", DEFAULT_BASE_URL).rstrip("/")


def database_url(name: str) -> str:
    return f"{base_url()}/{name}"


def setup_django(database: str) -> None:
    """Django set up in this process on the PostgreSQL database ``database`` (under ``BENCH_PG_URL``), for
    a benchmark that times the project's code itself; a throw-away key, as the settings want one."""
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["DATABASE_URL"] = database_url(database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noivu.settings")
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    import django

    django.setup()


def province_database(database: str, *, reuse: bool) -> None:
    """Django set up in this process on ``database`` (created afresh unless ``reuse``), migrated, with
    ``demo --size province`` loaded into it when it holds no organisation yet."""
    ensure_database(database, fresh=not reuse)
    os.environ["DEBUG"] = "0"
    setup_django(database)
    from django.core.management import call_command

    from noivu.organizations.models import Organization

    call_command("migrate", verbosity=0, interactive=False)
    if not Organization.objects.exists():
        started = time.perf_counter()
        call_command("demo", size="province", seed=1)
        print(f"demo --size province: {time.perf_counter() - started:.0f} s")


def _admin(statement: str) -> None:
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(statement)


def create_database(name: str) -> None:
    """Create ``name`` afresh (dropping a leftover of an earlier run)."""
    drop_database(name)
    _admin(f'CREATE DATABASE "{name}"')


def ensure_database(name: str, fresh: bool) -> None:
    """Make sure ``name`` exists: dropped and created again when ``fresh``, kept (with its data) otherwise."""
    if fresh:
        drop_database(name)
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(name: str) -> None:
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(database: str, *args: str) -> tuple[float, str]:
    """Run ``manage.py args`` against ``database``; return the elapsed seconds and its output."""
    # The production settings refuse to start without a key: a throwaway one for the benchmark.
    env = {"SECRET_KEY": secrets.token_urlsafe(50), **os.environ, "DATABASE_URL": database_url(database)}
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed with exit code {completed.returncode}")
    return elapsed, completed.stdout


def count_rows(database: str) -> dict[str, int]:
    """The rows of every table of the project's apps that has any, largest first."""
    with psycopg.connect(database_url(database)) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename NOT LIKE 'django_%' AND tablename NOT LIKE 'auth_%' ORDER BY tablename"
            )
        ]
        counts = {}
        for table in tables:
            (counts[table],) = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone() or (0,)
    return dict(sorted(((t, n) for t, n in counts.items() if n), key=lambda item: -item[1]))


def report(name: str, seconds: float, rows: int, target: float) -> int:
    """Print the measurement and return the exit status: 0 within the target, 1 over it."""
    verdict = "OK" if seconds <= target else "OVER TARGET"
    rate = rows / seconds
    print(f"{name}: {seconds:.1f} s for {rows:,} rows ({rate:,.0f} rows/s); target {target:.0f} s: {verdict}")
    return 0 if seconds <= target else 1


class ServerCpu:
    """CPU seconds the PostgreSQL backends of ``database`` used while the block ran, sampled from /proc every
    half second (the server must run on this machine; 0 otherwise)."""

    def __init__(self, database: str) -> None:
        self.database = database
        self.used: dict[int, float] = {}
        self.before: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @property
    def seconds(self) -> float:
        return sum(self.used.values())

    def __enter__(self) -> "ServerCpu":
        # Backends already running (the caller's own connection) count from now on, not from their start.
        self.before = self._sample_once()
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            for pid, seconds in self._sample_once().items():
                self.used[pid] = seconds - self.before.get(pid, 0.0)
        for pid, seconds in self._sample_once().items():
            self.used[pid] = seconds - self.before.get(pid, 0.0)

    def _sample_once(self) -> dict[int, float]:
        """CPU seconds used so far by each backend connected to the database."""
        tick = os.sysconf("SC_CLK_TCK")
        used: dict[int, float] = {}
        with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
            pids = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.database]
            ).fetchall()
        for (pid,) in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            used[pid] = (int(fields[11]) + int(fields[12])) / tick
        return used


def demo_benchmark(size: str, target_seconds: float, description: str) -> int:
    """Time ``manage.py demo --size size`` in a fresh database and report it against the target."""
    arguments = parser(description)
    arguments.add_argument("--persons", type=int, help="head count instead of the size's (to try)")
    args = arguments.parse_args()
    create_database(args.database)
    try:
        manage(args.database, "migrate", "--noinput", "-v", "0")
        extra = ["--persons", str(args.persons)] if args.persons else []
        load_before = os.getloadavg()[0]
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)[:2]
        with ServerCpu(args.database) as server:
            seconds, output = manage(args.database, "demo", "--size", size, "--seed", "1", *extra)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)[:2]
        print(output.rstrip())
        rows = count_rows(args.database)
        print(", ".join(f"{table}: {count:,}" for table, count in rows.items()))
        python_cpu = sum(children) - sum(children_before)  # user and system time of the command
        print(
            f"CPU: manage.py {python_cpu:.1f} s, PostgreSQL backend {server.seconds:.1f} s; "
            f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after (2 cores: above 2, "
            "other work shared the machine and the wall time is longer than on an idle one)"
        )
        return report(f"demo --size {size}", seconds, sum(rows.values()), target_seconds)
    finally:
        if not args.keep:
            drop_database(args.database)
