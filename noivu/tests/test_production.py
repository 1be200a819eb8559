"""The production configuration, started for real: `collectstatic`, then gunicorn with
deploy/gunicorn.conf.py and noivu.settings (DEBUG unset, a key and the allowed hosts set) on a free
loopback port, against the test database, which pytest has migrated (docs/operations.md)."""

import gzip
import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

pytestmark = pytest.mark.serving

REPO = Path(__file__).resolve().parents[2]
HASHED_BULMA = re.compile(r'href="(/static/vendor/bulma/bulma\.min\.[0-9a-f]{12}\.css)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The URL of the test database pytest created (PostgreSQL: the other process reaches it)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="") + ":" + quote(db["PASSWORD"] or "", safe="")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def production_environment(tmp_path: Path, port: int) -> dict[str, str]:
    left_out = {"DEBUG", "DJANGO_SETTINGS_MODULE", "CELERY_BROKER_URL", "LOG_FORMAT", "HTTPS"}
    env = {key: value for key, value in os.environ.items() if key not in left_out}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url(),
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="2",
    )
    return env


def get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    link = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        link.request("GET", path, headers=headers)
        response = link.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        link.close()


def wait_until_serving(port: int, server: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn stopped while starting"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not listen on port {port} within {seconds} s")


def test_the_production_configuration_serves_pages_static_files_health_and_json_logs(
    django_db_setup, tmp_path
):
    port = free_port()
    env = production_environment(tmp_path, port)
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collected.returncode == 0, collected.stderr
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(port, server, seconds=60)

        status, headers, body = get(port, "/healthz")
        assert status == 200, body
        assert json.loads(body)["status"] == "ok"

        request_id = "production-test-" + secrets.token_hex(8)
        status, headers, body = get(port, "/accounts/login/", **{"X-Request-ID": request_id})
        assert status == 200
        assert headers["x-request-id"] == request_id
        stylesheet = HASHED_BULMA.search(body.decode())
        assert stylesheet, "the login page names bulma by its hashed name"

        status, headers, plain = get(port, stylesheet[1])
        assert status == 200 and b"/*! bulma.io" in plain[:100]
        assert "immutable" in headers["cache-control"]
        status, headers, packed = get(port, stylesheet[1], **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["content-encoding"] == "gzip"
        assert gzip.decompress(packed) == plain and len(packed) < len(plain) / 5

        status, _, _ = get(port, "/no-such-page/", **{"X-Request-ID": request_id})
        assert status == 404
    finally:
        server.terminate()
        server.wait(timeout=60)

    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.strip()]
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    login = [line for line in access if line["path"] == "/accounts/login/"]
    assert len(login) == 1
    assert login[0]["request_id"] == request_id and login[0]["status"] == 200
    not_found = [line for line in lines if line["logger"] == "django.request"]
    assert [(line["request_id"], line["level"]) for line in not_found] == [(request_id, "WARNING")]
