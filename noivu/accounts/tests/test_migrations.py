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


@pytest.mark.django_db(transaction=True)
def test_tokens_issued_before_expiry_existed_expire_90_days_after_their_issue():
    before = [("accounts", "0004_api_token_history")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user = old.get_model("accounts", "User").objects.create(username="hr_a")
    ApiToken = old.get_model("accounts", "ApiToken")
    token = ApiToken.objects.create(user=user, name="cũ", prefix="nv_abcde", digest="d" * 64)
    issued = dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.UTC)
    ApiToken.objects.filter(pk=token.pk).update(created_at=issued)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    after = [("accounts", "0005_api_tokens_expire")]
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    migrated = new.get_model("accounts", "ApiToken").objects.get(pk=token.pk)
    assert migrated.expires_at == issued + dt.timedelta(days=90)

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
