from decimal import Decimal

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Payroll takes over a person's salary steps and allowances from personnel, rows and history kept.

    The models' state moves to this app; their tables (and history tables) are renamed, not copied, so
    that every row, its id, its history and its audit trail stay as they were, in constant time at any
    size. Personnel's migration 0008 then drops the models from its own state, touching no table.
    """

    dependencies = [
        ("personnel", "0007_person_fewer_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    'ALTER TABLE "personnel_salaryhistory" RENAME TO "payroll_salaryhistory"',
                    reverse_sql='ALTER TABLE "payroll_salaryhistory" RENAME TO "personnel_salaryhistory"',
                ),
                migrations.RunSQL(
                    'ALTER TABLE "personnel_historicalsalaryhistory" RENAME TO "payroll_historicalsalaryhistory"',
                    reverse_sql='ALTER TABLE "payroll_historicalsalaryhistory" RENAME TO "personnel_historicalsalaryhistory"',
                ),
                migrations.RunSQL(
                    'ALTER TABLE "personnel_allowance" RENAME TO "payroll_allowance"',
                    reverse_sql='ALTER TABLE "payroll_allowance" RENAME TO "personnel_allowance"',
                ),
                migrations.RunSQL(
                    'ALTER TABLE "personnel_historicalallowance" RENAME TO "payroll_historicalallowance"',
                    reverse_sql='ALTER TABLE "payroll_historicalallowance" RENAME TO "personnel_historicalallowance"',
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalAllowance",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        ("effective_from", models.DateField(db_index=True, verbose_name="hiệu lực từ ngày")),
                        (
                            "effective_to",
                            models.DateField(blank=True, null=True, verbose_name="hiệu lực đến ngày"),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("leadership", "Phụ cấp chức vụ lãnh đạo"),
                                    ("concurrent", "Phụ cấp kiêm nhiệm"),
                                    ("prof_seniority", "Phụ cấp thâm niên nghề"),
                                    ("responsibility", "Phụ cấp trách nhiệm theo nghề, công việc"),
                                    ("regional", "Phụ cấp khu vực"),
                                    ("special", "Phụ cấp đặc biệt"),
                                    ("attraction", "Phụ cấp thu hút"),
                                    ("mobile", "Phụ cấp lưu động"),
                                    ("hazard", "Phụ cấp độc hại, nguy hiểm"),
                                    ("preferential", "Phụ cấp ưu đãi theo nghề"),
                                    ("public_duty", "Phụ cấp công vụ"),
                                    ("other", "Phụ cấp khác"),
                                ],
                                max_length=16,
                                verbose_name="loại phụ cấp",
                            ),
                        ),
                        (
                            "coefficient",
                            models.DecimalField(
                                blank=True, decimal_places=2, max_digits=4, null=True, verbose_name="hệ số"
                            ),
                        ),
                        (
                            "percent",
                            models.DecimalField(
                                blank=True, decimal_places=2, max_digits=5, null=True, verbose_name="tỷ lệ %"
                            ),
                        ),
                        (
                            "title",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="chức vụ, căn cứ hưởng"
                            ),
                        ),
                        (
                            "decision_number",
                            models.CharField(blank=True, max_length=64, verbose_name="số quyết định"),
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
                        "verbose_name": "historical phụ cấp",
                        "verbose_name_plural": "historical phụ cấp",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalSalaryHistory",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        ("effective_from", models.DateField(db_index=True, verbose_name="hiệu lực từ ngày")),
                        (
                            "effective_to",
                            models.DateField(blank=True, null=True, verbose_name="hiệu lực đến ngày"),
                        ),
                        ("rank_code", models.CharField(blank=True, max_length=16, verbose_name="mã ngạch")),
                        (
                            "salary_table",
                            models.CharField(blank=True, max_length=32, verbose_name="bảng lương"),
                        ),
                        (
                            "salary_group",
                            models.CharField(blank=True, max_length=8, verbose_name="nhóm ngạch"),
                        ),
                        ("step", models.PositiveSmallIntegerField(verbose_name="bậc")),
                        (
                            "coefficient",
                            models.DecimalField(decimal_places=2, max_digits=4, verbose_name="hệ số lương"),
                        ),
                        (
                            "seniority_percent",
                            models.PositiveSmallIntegerField(
                                default=0, verbose_name="% thâm niên vượt khung"
                            ),
                        ),
                        (
                            "reserved_coefficient",
                            models.DecimalField(
                                decimal_places=2,
                                default=Decimal("0.00"),
                                max_digits=4,
                                verbose_name="hệ số chênh lệch bảo lưu",
                            ),
                        ),
                        (
                            "decision_number",
                            models.CharField(blank=True, max_length=64, verbose_name="số quyết định"),
                        ),
                        (
                            "decision_date",
                            models.DateField(blank=True, null=True, verbose_name="ngày quyết định"),
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
                        "verbose_name": "historical quá trình lương",
                        "verbose_name_plural": "historical quá trình lương",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Allowance",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("effective_from", models.DateField(db_index=True, verbose_name="hiệu lực từ ngày")),
                        (
                            "effective_to",
                            models.DateField(blank=True, null=True, verbose_name="hiệu lực đến ngày"),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("leadership", "Phụ cấp chức vụ lãnh đạo"),
                                    ("concurrent", "Phụ cấp kiêm nhiệm"),
                                    ("prof_seniority", "Phụ cấp thâm niên nghề"),
                                    ("responsibility", "Phụ cấp trách nhiệm theo nghề, công việc"),
                                    ("regional", "Phụ cấp khu vực"),
                                    ("special", "Phụ cấp đặc biệt"),
                                    ("attraction", "Phụ cấp thu hút"),
                                    ("mobile", "Phụ cấp lưu động"),
                                    ("hazard", "Phụ cấp độc hại, nguy hiểm"),
                                    ("preferential", "Phụ cấp ưu đãi theo nghề"),
                                    ("public_duty", "Phụ cấp công vụ"),
                                    ("other", "Phụ cấp khác"),
                                ],
                                max_length=16,
                                verbose_name="loại phụ cấp",
                            ),
                        ),
                        (
                            "coefficient",
                            models.DecimalField(
                                blank=True, decimal_places=2, max_digits=4, null=True, verbose_name="hệ số"
                            ),
                        ),
                        (
                            "percent",
                            models.DecimalField(
                                blank=True, decimal_places=2, max_digits=5, null=True, verbose_name="tỷ lệ %"
                            ),
                        ),
                        (
                            "title",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="chức vụ, căn cứ hưởng"
                            ),
                        ),
                        (
                            "decision_number",
                            models.CharField(blank=True, max_length=64, verbose_name="số quyết định"),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="allowances",
                                to="personnel.person",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "phụ cấp",
                        "verbose_name_plural": "phụ cấp",
                        "ordering": ["person", "kind", "effective_from"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(
                                        ("coefficient__gt", 0),
                                        ("coefficient__isnull", False),
                                        ("percent__isnull", True),
                                    ),
                                    models.Q(
                                        ("coefficient__isnull", True),
                                        ("percent__gt", 0),
                                        ("percent__isnull", False),
                                    ),
                                    _connector="OR",
                                ),
                                name="allowance_coefficient_xor_percent",
                                violation_error_message="Phụ cấp được ghi bằng hệ số hoặc bằng tỷ lệ phần trăm, chỉ một trong hai.",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="SalaryHistory",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("effective_from", models.DateField(db_index=True, verbose_name="hiệu lực từ ngày")),
                        (
                            "effective_to",
                            models.DateField(blank=True, null=True, verbose_name="hiệu lực đến ngày"),
                        ),
                        ("rank_code", models.CharField(blank=True, max_length=16, verbose_name="mã ngạch")),
                        (
                            "salary_table",
                            models.CharField(blank=True, max_length=32, verbose_name="bảng lương"),
                        ),
                        (
                            "salary_group",
                            models.CharField(blank=True, max_length=8, verbose_name="nhóm ngạch"),
                        ),
                        ("step", models.PositiveSmallIntegerField(verbose_name="bậc")),
                        (
                            "coefficient",
                            models.DecimalField(decimal_places=2, max_digits=4, verbose_name="hệ số lương"),
                        ),
                        (
                            "seniority_percent",
                            models.PositiveSmallIntegerField(
                                default=0, verbose_name="% thâm niên vượt khung"
                            ),
                        ),
                        (
                            "reserved_coefficient",
                            models.DecimalField(
                                decimal_places=2,
                                default=Decimal("0.00"),
                                max_digits=4,
                                verbose_name="hệ số chênh lệch bảo lưu",
                            ),
                        ),
                        (
                            "decision_number",
                            models.CharField(blank=True, max_length=64, verbose_name="số quyết định"),
                        ),
                        (
                            "decision_date",
                            models.DateField(blank=True, null=True, verbose_name="ngày quyết định"),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="salary_history",
                                to="personnel.person",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "quá trình lương",
                        "verbose_name_plural": "quá trình lương",
                        "ordering": ["person", "effective_from"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("coefficient__gt", 0)),
                                name="salaryhistory_positive_coefficient",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("step__gte", 1)), name="salaryhistory_step_from_one"
                            ),
                        ],
                    },
                ),
            ],
        ),
    ]
