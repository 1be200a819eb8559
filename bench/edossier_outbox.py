"""Benchmark: the delivery of the outbox to the national database (đồng bộ dữ liệu nghiệp vụ, Nghị định
27/2026/NĐ-CP), here to the local stand-in receiver served over HTTP.

Claim: the outbox delivers at least 2,000 events a second to the local stand-in (batches of 500 events as
JSON over HTTP, each kept once by its key in the receiver's store, each acknowledged event marked delivered).

Creates the database ``--database`` (default ``noivu_edossier_bench_outbox``), migrates it, writes
``--events`` events (default 20,000) about a few persons in bulk, starts ``manage.py runserver`` on a free
port as the receiver (its own process, so sender and receiver share the two cores as in a real set-up
they would not), delivers them all and prints the rate. Drops the database unless ``--keep``.

    .venv/bin/python bench/edossier_outbox.py

Exits non-zero when the rate is under the claim.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request

from _common import REPO, create_database, database_url, drop_database, parser

CLAIM = 2000.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> int:
    arguments = parser(__doc__.splitlines()[0], "noivu_edossier_bench_outbox")
    arguments.add_argument("--events", type=int, default=20_000)
    args = arguments.parse_args()
    token = secrets.token_urlsafe(16)
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(args.database),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "EDOSSIER_SYNC_TOKEN": token,
    }
    os.environ.update(environment)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noivu.settings")
    sys.path.insert(0, str(REPO))
    create_database(args.database)
    server = None
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.utils import timezone

        from noivu.edossier import sync
        from noivu.edossier.models import SyncEvent, SyncReceipt, SyncStatus
        from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel
        from noivu.personnel.models import Category, Gender, Person

        call_command("migrate", verbosity=0, interactive=False)
        unit = Organization.add_root(
            code="T01",
            name="UBND tỉnh",
            kind=OrganizationKind.PROVINCE_COMMITTEE,
            level=OrganizationLevel.PROVINCE,
            effective_from=timezone.localdate(),
        )
        person = Person.objects.create(
            full_name="Nguyễn Văn An",
            birth_date=timezone.localdate().replace(year=1985),
            gender=Gender.MALE,
            cccd_number="001085012345",
            organization=unit,
            category=Category.CIVIL_SERVANT,
        )
        now = timezone.now()
        events = []
        for number in range(args.events):
            event = SyncEvent(
                person=person,
                kind="rank",
                event_type="dossier.rank_recorded",
                occurred_at=now,
                due_on=now.date(),
            )
            event.payload = {
                "format_version": sync.FORMAT_VERSION,
                "key": str(event.key),
                "kind": "rank",
                "event_type": "dossier.rank_recorded",
                "occurred_at": now.isoformat(),
                "agency": unit.code,
                "person": {"identifier": person.cccd_number, "reference": person.pk},
                "data": {
                    "model": "personnel.RankHistory",
                    "deleted": False,
                    "id": number,
                    "rank_code": "01.003",
                },
            }
            events.append(event)
        SyncEvent.objects.bulk_create(events, batch_size=5000)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=REPO,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        endpoint = f"http://127.0.0.1:{port}/edossier/receiver/"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.5)
        started = time.perf_counter()
        counts = sync.deliver(sync.http_transport(endpoint, token))
        elapsed = time.perf_counter() - started
        delivered = SyncEvent.objects.filter(status=SyncStatus.DELIVERED).count()
        kept = SyncReceipt.objects.count()
        rate = delivered / elapsed
        verdict = "OK" if rate >= CLAIM and kept == args.events else "UNDER THE CLAIM"
        print(f"{args.events:,} events: {counts}; {kept:,} kept by the receiver")
        print(
            f"delivered {delivered:,} in {elapsed:.2f} s: {rate:,.0f} events/s; claim {CLAIM:,.0f}: {verdict}"
        )
        print(f"load average {os.getloadavg()[0]:.1f} (2 cores)")
        return 0 if verdict == "OK" else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(args.database)


if __name__ == "__main__":
    sys.exit(main())
