from django.db import migrations, models


class Migration(migrations.Migration):
    """The CCCD stays unique through a named constraint, without the LIKE index of ``unique=True``."""

    dependencies = [
        ("organizations", "0002_government_kind"),
        ("personnel", "0012_training_courses_to_succession"),
    ]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="cccd_number",
            field=models.CharField(
                blank=True, max_length=12, null=True, verbose_name="số CCCD/định danh cá nhân"
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(fields=("cccd_number",), name="person_unique_cccd"),
        ),
    ]
