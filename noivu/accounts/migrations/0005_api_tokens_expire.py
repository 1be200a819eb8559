from datetime import timedelta

from django.db import migrations
from django.db.models import F


def expire_old_tokens(apps, schema_editor):
    """Tokens issued before tokens expired get the default lifetime, counted from their issue."""
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=F("created_at") + timedelta(days=90))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_api_token_history")]

    operations = [migrations.RunPython(expire_old_tokens, migrations.RunPython.noop)]
