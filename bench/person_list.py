"""Benchmark: the person list answers a logged-in officer in ≤ 150 ms (median), ≈60,000 persons in scope.

Creates (or reuses) the PostgreSQL database ``noivu_bench_list``, migrates it, loads the province-size
demo data, serves the application with DEBUG off from a WSGI server in a thread, and times 20 requests
of each page below for an HR officer whose grant covers the whole province.

    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432 .venv/bin/python bench/person_list.py

Exits non-zero when a median is over the limit.
"""

import os
import secrets
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

REPO = Path(__file__).resolve().parents[1]
# ``--database NAME`` measures another database (e.g. one where the national demo is already loaded).
DATABASE = sys.argv[sys.argv.index("--database") + 1] if "--database" in sys.argv else "noivu_bench_list"
BASE_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
LIMIT_MS = 150.0
REQUESTS = 20
PAGES = {
    "danh sách (trang 1)": "/persons/",
    "tìm không dấu": "/persons/?q=nguyen+van",
    "tìm không dấu, htmx": "/persons/?q=tran+thi+h",
    "trang 20": "/persons/?page=20",
}

sys.path.insert(0, str(REPO))
os.environ["DATABASE_URL"] = f"{BASE_URL}/{DATABASE}"
os.environ["DEBUG"] = "0"
# Production settings refuse to start without a key; a throwaway one suits a local measurement.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noivu.settings")


def ensure_database() -> None:
    import psycopg

    with psycopg.connect(f"{BASE_URL}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> int:
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from django.test import Client

    from noivu.accounts.models import Grant, User
    from noivu.core.permissions import Role
    from noivu.organizations.models import Organization, OrganizationKind
    from noivu.personnel.models import Person

    call_command("migrate", verbosity=0, interactive=False)
    call_command("demo", size="province", seed=1)
    provinces = Organization.objects.filter(kind=OrganizationKind.PROVINCE_COMMITTEE)
    province = provinces.order_by("depth", "path").first()
    officer, _created = User.objects.get_or_create(username="bench_hr", defaults={"full_name": "Benchmark"})
    Grant.objects.get_or_create(user=officer, role=Role.HR_OFFICER, organization=province)
    client = Client()
    client.force_login(officer)
    session = client.cookies["sessionid"].value
    in_scope = Person.objects.filter(organization__path__startswith=province.path).count()
    print(f"{Person.objects.count():,} hồ sơ; {in_scope:,} trong phạm vi của {province.name}")

    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_port}"

    def fetch(path: str, htmx: bool) -> float:
        headers = {"Cookie": f"sessionid={session}"}
        if htmx:
            headers |= {"HX-Request": "true", "HX-Target": "results"}
        request = urllib.request.Request(root + path, headers=headers)
        started = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            body = response.read()
            assert response.status == 200 and b"person-table" in body, (path, response.status)
        return (time.perf_counter() - started) * 1000

    failed = False
    for label, path in PAGES.items():
        htmx = "htmx" in label
        for _warm_up in range(3):
            fetch(path, htmx)
        times = [fetch(path, htmx) for _ in range(REQUESTS)]
        median = statistics.median(times)
        failed |= median > LIMIT_MS
        shown = urllib.parse.unquote_plus(path)
        spread = f"min {min(times):6.1f} ms  max {max(times):6.1f} ms"
        print(f"{label:<22} {shown:<24} median {median:6.1f} ms  {spread}")
    server.shutdown()
    print(f"giới hạn {LIMIT_MS:.0f} ms: {'VƯỢT' if failed else 'đạt'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
