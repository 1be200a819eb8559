"""The health check at /healthz: the database, the broker and the migrations, without a login."""

import socket

import pytest
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_health_is_ok_for_anyone_when_the_database_answers_and_every_migration_is_applied(settings):
    settings.CELERY_BROKER_URL = ""
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "failing": [],
        "checks": {
            "database": {"ok": True, "detail": "ok"},
            "broker": {"ok": True, "detail": "not configured: jobs run in the web process"},
            "migrations": {"ok": True, "detail": "ok"},
        },
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_names_the_broker_it_cannot_reach_without_telling_its_address(settings):
    port = closed_port()
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["failing"] == ["broker"]
    assert body["checks"]["broker"] == {"ok": False, "detail": "unreachable"}
    assert body["checks"]["database"]["ok"] and body["checks"]["migrations"]["ok"]
    assert str(port) not in response.content.decode()


@pytest.mark.django_db
def test_health_fails_while_a_migration_is_not_applied(settings):
    settings.CELERY_BROKER_URL = ""
    latest = MigrationRecorder.Migration.objects.filter(app="accounts").order_by("-name").first()
    assert latest is not None
    latest.delete()  # as if the code of the next release were served before `migrate`
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["migrations"]
    assert response.json()["checks"]["migrations"] == {
        "ok": False,
        "detail": "1 not applied: run manage.py migrate",
    }


@pytest.mark.django_db
def test_health_fails_when_the_database_cannot_be_queried(settings, monkeypatch):
    settings.CELERY_BROKER_URL = ""

    def refused() -> None:
        raise OperationalError("connection refused by 10.0.0.5")

    monkeypatch.setattr(connection, "cursor", refused)
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["database", "migrations"]
    assert body["checks"]["database"] == {"ok": False, "detail": "unreachable"}
    assert body["checks"]["migrations"] == {"ok": False, "detail": "not checked: no database"}
    assert "10.0.0.5" not in response.content.decode()


@pytest.mark.django_db
def test_health_answers_over_plain_http_on_a_site_that_redirects_to_https(settings):
    settings.CELERY_BROKER_URL = ""
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/accounts/login/").status_code == 301
    assert client.get("/healthz").status_code == 200


def test_health_only_answers_reads():
    assert Client().post("/healthz").status_code == 405
