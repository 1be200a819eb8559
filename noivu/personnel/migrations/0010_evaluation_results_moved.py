"""The yearly ratings moved to the evaluation app (its migration 0002 copied them, with their history)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('personnel', '0009_salary_and_allowances_to_payroll'),
        ('evaluation', '0002_ratings_from_personnel'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='historicalevaluationresult',
            name='history_user',
        ),
        migrations.RemoveField(
            model_name='historicalevaluationresult',
            name='person',
        ),
        migrations.DeleteModel(
            name='EvaluationResult',
        ),
        migrations.DeleteModel(
            name='HistoricalEvaluationResult',
        ),
    ]
