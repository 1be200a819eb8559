"""The health check (kiểm tra tình trạng) of a web process: can it query the database, reach the broker
of the background jobs, and is every migration applied? ``/healthz`` answers it for the proxy, the
monitoring and the operator after an upgrade.

A failing check says only what failed, in a few words: the page is public, so the reason (an address, a
driver's message) goes to the log, under the request's id.
"""

import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from kombu import Connection

logger = logging.getLogger(__name__)

# Seconds to wait for the broker: a proxy or a monitor polls this page and must not hang on it.
BROKER_TIMEOUT = 2


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: str


def database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: the database cannot be queried")
        return Check(False, "unreachable")
    return Check(True, "ok")


def broker() -> Check:
    """A connection to ``CELERY_BROKER_URL`` (for Redis, a PING); without one, jobs run in the web process."""
    url = settings.CELERY_BROKER_URL
    if not url:
        return Check(True, "not configured: jobs run in the web process")
    try:
        with Connection(url, connect_timeout=BROKER_TIMEOUT, transport_options={"socket_timeout": 2}) as link:
            link.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT)
    except Exception:  # any transport's error (refused, timeout, authentication) means the same here
        logger.exception("health check: the broker cannot be reached")
        return Check(False, "unreachable")
    return Check(True, "ok")


def migrations() -> Check:
    """No migration of the code left unapplied to the database (≈ 10 ms once the modules are loaded)."""
    try:
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        logger.exception("health check: the applied migrations cannot be read")
        return Check(False, "unreadable")
    if unapplied:
        return Check(False, f"{len(unapplied)} not applied: run manage.py migrate")
    return Check(True, "ok")


def run() -> tuple[bool, dict[str, dict[str, object]]]:
    """Whether every check passes, and each check's outcome by name."""
    found = {"database": database(), "broker": broker()}
    found["migrations"] = migrations() if found["database"].ok else Check(False, "not checked: no database")
    return all(check.ok for check in found.values()), {name: asdict(check) for name, check in found.items()}
