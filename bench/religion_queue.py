"""Benchmark: the overdue queue and the situation page (figures, trend, forecast, early warnings) of a
province with 20,000 dossiers and 5,000 incidents answer in ≤ 200 ms (median of 20 requests); the quarterly
report and the map's data are timed too, without a limit.

Creates (or reuses) the PostgreSQL database ``noivu_bench_religion``, migrates it, loads the small demo data
set, adds 20,000 dossiers and 5,000 incidents spread over three years and every current commune of the demo
province, serves the application with DEBUG off from a WSGI server in a thread, and times each page for an
officer whose grant covers the province.

    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432 .venv/bin/python bench/religion_queue.py

Exits non-zero when a median is over the limit.
"""

import datetime as dt
import os
import random
import secrets
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

REPO = Path(__file__).resolve().parents[1]
DATABASE = sys.argv[sys.argv.index("--database") + 1] if "--database" in sys.argv else "noivu_bench_religion"
BASE_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
LIMIT_MS = 200.0
REQUESTS = 20
DOSSIERS, INCIDENTS = 20_000, 5_000
PAGES = {
    "hồ sơ quá hạn": ("/religion/dossiers/?queue=overdue", b"dossiers-table"),
    "hồ sơ sắp đến hạn": ("/religion/dossiers/?queue=due_soon", b"dossiers-table"),
    "API hồ sơ quá hạn": ("/api/v1/religion/dossiers?queue=overdue", b"items"),
    "tình hình, dự báo": ("/religion/", b"alerts"),
}
# Measured and printed, without a limit of the issue: the quarterly report and the map's data.
OTHER_PAGES = {
    "báo cáo quý": ("/religion/reports/?kind=quarter&quarter=3&year=2026", b"periodic-report"),
    "bản đồ (GeoJSON)": ("/religion/map.geojson", b"FeatureCollection"),
}

sys.path.insert(0, str(REPO))
os.environ["DATABASE_URL"] = f"{BASE_URL}/{DATABASE}"
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noivu.settings")


def ensure_database() -> None:
    import psycopg

    with psycopg.connect(f"{BASE_URL}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


def load(province) -> None:  # type: ignore[no-untyped-def]
    """The extra dossiers and incidents, written in bulk (their deadlines from the clock)."""
    from noivu.admin_units.models import AdminUnit
    from noivu.core import dates
    from noivu.core.models import RuleRow
    from noivu.core.rules import rule_table
    from noivu.religion.models import Dossier, DossierStatus, Incident, Topic
    from noivu.religion.procedures.calendar import calendar_for
    from noivu.religion.procedures.clock import COUNTING, PROCEDURES, Procedure, deadline

    rng = random.Random(5)
    today = dates.today()
    communes = list(
        AdminUnit.objects.unrestricted()
        .filter(regime="two_tier", level="commune", province_code=province.admin_unit_code)
        .values_list("code", flat=True)
    )
    table, counting, calendar = rule_table(PROCEDURES), rule_table(COUNTING), calendar_for(province.path)
    rows = {(r.code, r.effective_from): r for r in RuleRow.objects.unrestricted().filter(table=PROCEDURES)}
    codes = [
        "TG_SHTGTT",
        "TN_DANG_KY_HOAT_DONG",
        "TG_DANG_KY_CHUC_VIEC",
        "TG_CUOC_LE_TINH",
        "TG_LOP_BOI_DUONG",
    ]
    dossiers = []
    for number in range(DOSSIERS):
        received = today - dt.timedelta(days=rng.randint(0, 3 * 365))
        code = rng.choice(codes)
        rule = table.lookup(code, received)
        due = deadline(Procedure.of(rule), received, [], calendar, counting).due_on
        decided = due - dt.timedelta(days=rng.randint(0, 10)) if rng.random() < 0.95 and due else None
        if decided is not None and decided > today:
            decided = None
        dossiers.append(
            Dossier(
                reference=f"B{number:06d}",
                procedure_code=code,
                rule=rows[(code, rule.effective_from)],
                organization=province,
                applicant=f"Tổ chức {number}",
                commune_code=rng.choice(communes),
                received_on=received,
                due_on=due,
                status=DossierStatus.DECIDED if decided else DossierStatus.RECEIVED,
                decided_on=decided,
                outcome="approved" if decided else "",
            )
        )
    Dossier.objects.bulk_create(dossiers, batch_size=5000)
    incidents = []
    for _ in range(INCIDENTS):
        day = today - dt.timedelta(days=rng.randint(0, 3 * 365))
        incidents.append(
            Incident(
                organization=province,
                title="Vụ việc",
                topic=rng.choice(Topic.values),
                severity=rng.randint(1, 4),
                occurred_on=day,
                reported_on=day,
                commune_code=rng.choice(communes),
                province_code=province.admin_unit_code,
            )
        )
    Incident.objects.bulk_create(incidents, batch_size=5000)


def main() -> int:
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.test import Client

    from noivu.accounts.models import Grant, User
    from noivu.core.permissions import Role
    from noivu.organizations.models import Organization, OrganizationKind
    from noivu.religion.models import Dossier, Incident

    call_command("migrate", verbosity=0, interactive=False)
    call_command("demo", size="small", seed=1)
    province = Organization.objects.filter(kind=OrganizationKind.PROVINCE_COMMITTEE).order_by("path").first()
    load(province)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    officer, _created = User.objects.get_or_create(username="bench_tg", defaults={"full_name": "Benchmark"})
    Grant.objects.get_or_create(user=officer, role=Role.HR_OFFICER, organization=province)
    in_scope = Dossier.objects.filter(organization__path__startswith=province.path).count()
    incidents = Incident.objects.filter(organization__path__startswith=province.path).count()
    print(f"{province.name}: {in_scope:,} hồ sơ, {incidents:,} vụ việc trong phạm vi")
    client = Client()
    client.force_login(officer)
    session = client.cookies["sessionid"].value
    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_port}"

    def fetch(path: str, marker: bytes) -> float:
        request = urllib.request.Request(root + path, headers={"Cookie": f"sessionid={session}"})
        started = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            body = response.read()
            assert response.status == 200 and marker in body, (path, response.status)
        return (time.perf_counter() - started) * 1000

    failed = False
    for label, (path, marker) in {**PAGES, **OTHER_PAGES}.items():
        for _warm_up in range(3):
            fetch(path, marker)
        times = [fetch(path, marker) for _ in range(REQUESTS)]
        median = statistics.median(times)
        failed |= label in PAGES and median > LIMIT_MS
        print(f"{label:<20} {path:<42} median {median:6.1f} ms  min {min(times):6.1f}  max {max(times):6.1f}")
    server.shutdown()
    print(f"giới hạn {LIMIT_MS:.0f} ms: {'VƯỢT' if failed else 'đạt'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
