"""The access log (logins, full-record reads, exports) becomes part of the typed audit events of core."""

from django.db import migrations

EVENT_TYPES = {
    "login": "auth.login",
    "login_failed": "auth.login_failed",
    "logout": "auth.logout",
    "view_record": "record.viewed",
    "export": "data.exported",
}


def copy_access_log(apps, schema_editor):
    AccessLog = apps.get_model("accounts", "AccessLog")
    AuditEvent = apps.get_model("core", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = {f"{ct.app_label}.{ct.model}": ct for ct in ContentType.objects.all()}
    # Keep the time of each original event (the state model here is this migration's own copy).
    AuditEvent._meta.get_field("at").auto_now_add = False
    batch = []
    for row in AccessLog.objects.order_by("pk").iterator(chunk_size=2000):
        failed = row.event == "login_failed"
        batch.append(
            AuditEvent(
                event_type=EVENT_TYPES.get(row.event, row.event),
                at=row.at,
                acting_user_id=row.user_id,
                username="" if failed else row.username,
                target_type=types.get(row.object_type),
                target_id=row.object_id,
                extra={"username": row.username} if failed else {},
                channel=row.channel,
                ip_address=row.ip_address,
            )
        )
        if len(batch) >= 2000:
            AuditEvent.objects.bulk_create(batch)
            batch.clear()
    AuditEvent.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_saved_filters"),
    ]

    operations = [
        migrations.RunPython(copy_access_log, migrations.RunPython.noop),
        migrations.DeleteModel(name="AccessLog"),
    ]
