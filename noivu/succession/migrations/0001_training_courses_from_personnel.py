import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Succession takes over the training courses (khóa đào tạo, bồi dưỡng) of a person's record from
    personnel, rows and history kept.

    The models' state moves to this app; their tables (and history table) are renamed, not copied, so that
    every row, its id, its history and its audit trail stay as they were, in constant time at any size.
    Personnel's migration 0012 then drops the models from its own state, touching no table.
    """

    initial = True

    dependencies = [
        ("personnel", "0011_history_user_unchecked"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    'ALTER TABLE "personnel_trainingcourse" RENAME TO "succession_trainingcourse"',
                    reverse_sql='ALTER TABLE "succession_trainingcourse" RENAME TO "personnel_trainingcourse"',
                ),
                migrations.RunSQL(
                    'ALTER TABLE "personnel_historicaltrainingcourse" RENAME TO "succession_historicaltrainingcourse"',
                    reverse_sql='ALTER TABLE "succession_historicaltrainingcourse" RENAME TO "personnel_historicaltrainingcourse"',
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalTrainingCourse",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=300, verbose_name="tên khóa học")),
                        (
                            "institution",
                            models.CharField(blank=True, max_length=255, verbose_name="cơ sở đào tạo"),
                        ),
                        ("start_date", models.DateField(verbose_name="từ ngày")),
                        ("end_date", models.DateField(blank=True, null=True, verbose_name="đến ngày")),
                        ("mode", models.CharField(blank=True, max_length=64, verbose_name="hình thức")),
                        (
                            "certificate",
                            models.CharField(blank=True, max_length=200, verbose_name="chứng chỉ"),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="personnel.person",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical khóa đào tạo, bồi dưỡng",
                        "verbose_name_plural": "historical khóa đào tạo, bồi dưỡng",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="TrainingCourse",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=300, verbose_name="tên khóa học")),
                        (
                            "institution",
                            models.CharField(blank=True, max_length=255, verbose_name="cơ sở đào tạo"),
                        ),
                        ("start_date", models.DateField(verbose_name="từ ngày")),
                        ("end_date", models.DateField(blank=True, null=True, verbose_name="đến ngày")),
                        ("mode", models.CharField(blank=True, max_length=64, verbose_name="hình thức")),
                        (
                            "certificate",
                            models.CharField(blank=True, max_length=200, verbose_name="chứng chỉ"),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="training_courses",
                                to="personnel.person",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "khóa đào tạo, bồi dưỡng",
                        "verbose_name_plural": "khóa đào tạo, bồi dưỡng",
                        "ordering": ["person", "start_date"],
                    },
                ),
            ],
        ),
    ]
