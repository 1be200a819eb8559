"""The yearly ratings moved to the evaluation app (its migration 0002 copied them, with their history)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('personnel', '0008_person_given_first_without_regexp'),
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
