from django.db import migrations


class Migration(migrations.Migration):
    """The training courses are succession's (its migration 0001 renamed their tables): they leave
    personnel's state only."""

    dependencies = [
        ("personnel", "0011_history_user_unchecked"),
        ("succession", "0001_training_courses_from_personnel"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="trainingcourse",
                    name="person",
                ),
                migrations.DeleteModel(
                    name="HistoricalTrainingCourse",
                ),
                migrations.DeleteModel(
                    name="TrainingCourse",
                ),
            ],
        ),
    ]
