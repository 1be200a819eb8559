"""Data migrations of accounts, run on a database holding rows of the earlier schema."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0002_initial"), ("core", "0003_saved_filters")]
AFTER = [("accounts", "0003_access_log_into_audit_events")]


@pytest.mark.django_db(transaction=True)
def test_the_access_log_moves_into_audit_events_keeping_times_and_targets():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("accounts", "User").objects.create(username="hr_a")
    AccessLog = old.get_model("accounts", "AccessLog")
    at = dt.datetime(2025, 3, 1, 8, 30, tzinfo=dt.UTC)
    AccessLog.objects.create(
        user=user,
        username="hr_a",
        event="view_record",
        object_type="accounts.user",
        object_id=str(user.pk),
        channel="api",
        ip_address="10.0.0.5",
    )
    AccessLog.objects.create(username="ke_la", event="login_failed")
    AccessLog.objects.update(at=at)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    events = list(new.get_model("core", "AuditEvent").objects.order_by("pk"))
    viewed, failed = events
    assert (viewed.event_type, viewed.acting_user_id, viewed.username) == ("record.viewed", user.pk, "hr_a")
    assert (viewed.target_type.model, viewed.target_id, viewed.channel) == ("user", str(user.pk), "api")
    assert viewed.ip_address == "10.0.0.5" and viewed.at == at
    assert (failed.event_type, failed.username, failed.extra) == (
        "auth.login_failed",
        "",
        {"username": "ke_la"},
    )

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
