"""Merge audit (PersonMerge) and the PostgreSQL indexes of person search.

The two expression indexes must match :mod:`noivu.personnel.search` exactly (``Bytewise`` and
``GivenNameFirst``): byte-wise ordered keys of the folded name and of the folded name given-name
first. SQLite needs no extra index: its text compares byte-wise and the existing index on the
folded name serves the surname-first branch.
"""

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

SEARCH_INDEXES = {
    "person_name_bytewise": '((full_name_folded COLLATE "C"), id)',
    "person_given_first_bytewise": (
        r"""((regexp_replace(full_name_folded, '^(.+) ([^ ]+)$', '\2 \1') COLLATE "C"), id)"""
    ),
}


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in SEARCH_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON personnel_person {columns}")


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCH_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("personnel", "0003_dossier"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PersonMerge",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("removed_person_id", models.BigIntegerField(db_index=True, verbose_name="mã hồ sơ bị gộp")),
                ("removed_full_name", models.CharField(max_length=200, verbose_name="họ và tên hồ sơ bị gộp")),
                (
                    "removed_snapshot",
                    models.JSONField(
                        encoder=django.core.serializers.json.DjangoJSONEncoder, verbose_name="nội dung hồ sơ bị gộp"
                    ),
                ),
                (
                    "moved",
                    models.JSONField(
                        default=dict,
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        verbose_name="số bản ghi đã chuyển",
                    ),
                ),
                (
                    "conflicts",
                    models.JSONField(
                        default=list,
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        verbose_name="bản ghi trùng loại không chuyển",
                    ),
                ),
                ("filled_fields", models.JSONField(default=list, verbose_name="trường được bổ sung")),
                ("reason", models.TextField(verbose_name="lý do gộp")),
                ("merged_at", models.DateTimeField(auto_now_add=True, verbose_name="thời điểm gộp")),
                (
                    "kept_person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="merges",
                        to="personnel.person",
                        verbose_name="hồ sơ được giữ",
                    ),
                ),
                (
                    "merged_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người gộp",
                    ),
                ),
            ],
            options={
                "verbose_name": "gộp hồ sơ",
                "verbose_name_plural": "gộp hồ sơ",
                "ordering": ["-merged_at"],
            },
        ),
        migrations.RunPython(create_search_indexes, drop_search_indexes),
    ]
