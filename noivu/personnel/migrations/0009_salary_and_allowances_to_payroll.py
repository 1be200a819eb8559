from django.db import migrations


class Migration(migrations.Migration):
    """Salary steps and allowances are payroll's (migration payroll 0001 renamed their tables): they leave
    personnel's state only."""

    dependencies = [
        ("personnel", "0008_person_given_first_without_regexp"),
        ("payroll", "0001_salary_and_allowances"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="historicalallowance",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicalallowance",
                    name="person",
                ),
                migrations.RemoveField(
                    model_name="historicalsalaryhistory",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicalsalaryhistory",
                    name="person",
                ),
                migrations.RemoveField(
                    model_name="salaryhistory",
                    name="person",
                ),
                migrations.DeleteModel(
                    name="Allowance",
                ),
                migrations.DeleteModel(
                    name="HistoricalAllowance",
                ),
                migrations.DeleteModel(
                    name="HistoricalSalaryHistory",
                ),
                migrations.DeleteModel(
                    name="SalaryHistory",
                ),
            ],
        ),
    ]
