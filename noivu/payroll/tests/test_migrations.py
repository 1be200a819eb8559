"""Payroll takes over salary steps and allowances from personnel with every row kept: the migration is run
over a database that holds rows written while they were personnel's."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from noivu.payroll.models import Allowance, SalaryHistory

BEFORE = [("personnel", "0008_person_given_first_without_regexp"), ("payroll", None)]


@pytest.mark.django_db(transaction=True)
def test_rows_and_their_history_written_under_personnel_are_payrolls_after_the_migration(people):
    an = people["an"]
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state([BEFORE[0]]).apps
    OldSalary = old.get_model("personnel", "SalaryHistory")
    OldAllowance = old.get_model("personnel", "Allowance")
    OldSalaryHistory = old.get_model("personnel", "HistoricalSalaryHistory")
    first = OldSalary.objects.create(
        person_id=an.pk,
        step=2,
        coefficient=Decimal("2.67"),
        effective_from=dt.date(2018, 1, 1),
        effective_to=dt.date(2020, 12, 31),
        rank_code="01.003",
        salary_table="bang_2_cong_chuc",
        salary_group="A1",
    )
    OldSalary.objects.create(
        person_id=an.pk,
        step=3,
        coefficient=Decimal("3.00"),
        effective_from=dt.date(2021, 1, 1),
        rank_code="01.003",
    )
    OldAllowance.objects.create(
        person_id=an.pk, kind="leadership", coefficient=Decimal("0.30"), effective_from=dt.date(2021, 1, 1)
    )
    OldSalaryHistory.objects.create(
        id=first.pk,
        person_id=an.pk,
        step=2,
        coefficient=Decimal("2.67"),
        effective_from=dt.date(2018, 1, 1),
        history_date=dt.datetime(2018, 1, 2, tzinfo=dt.UTC),
        history_type="+",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    steps = list(SalaryHistory.objects.unrestricted().filter(person=an).order_by("effective_from"))
    assert [(row.pk == first.pk, row.step, row.coefficient) for row in steps] == [
        (True, 2, Decimal("2.67")),
        (False, 3, Decimal("3.00")),
    ]
    assert steps[0].salary_group == "A1" and steps[0].history.count() == 1
    assert Allowance.objects.unrestricted().get(person=an).coefficient == Decimal("0.30")
    # The person's record reads them back through its relations, and new rows get new ids.
    assert an.salary_history.count() == 2
    added = SalaryHistory.objects.create(
        person=an, step=4, coefficient=Decimal("3.33"), effective_from=dt.date(2024, 1, 1)
    )
    assert added.pk > max(row.pk for row in steps)
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "personnel_salaryhistory" not in tables and "payroll_allowance" in tables


@pytest.mark.django_db(transaction=True)
def test_the_steps_written_by_approved_raises_take_their_kind(people, tree):
    an = people["an"]
    before = [("payroll", "0008_arrears_paid_with_runs")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldSalary = old.get_model("payroll", "SalaryHistory")
    OldProposal = old.get_model("payroll", "RaiseProposal")
    OldItem = old.get_model("payroll", "RaiseProposalItem")
    early, placed = (
        OldSalary.objects.create(
            person_id=an.pk,
            step=step,
            coefficient=Decimal(coefficient),
            effective_from=since,
            salary_group="A1",
        )
        for step, coefficient, since in ((3, "3.00", dt.date(2023, 6, 1)), (1, "2.34", dt.date(2015, 1, 1)))
    )
    proposal = OldProposal.objects.create(
        organization_id=tree["province_a"].pk,
        year=2023,
        title="Nâng bậc lương năm 2023",
        status="approved",
        proposed_on=dt.date(2023, 3, 1),
    )
    OldItem.objects.create(
        proposal=proposal,
        person_id=an.pk,
        kind="early",
        scale="bang_2_cong_chuc.A1",
        step=2,
        coefficient=Decimal("2.67"),
        clock_from=dt.date(2021, 6, 1),
        regular_due=dt.date(2024, 6, 1),
        months_early=12,
        effective_from=dt.date(2023, 6, 1),
        new_step=3,
        new_coefficient=Decimal("3.00"),
        salary_record=early,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    kinds = dict(SalaryHistory.objects.unrestricted().filter(person=an).values_list("pk", "raise_kind"))
    assert kinds == {early.pk: "early", placed.pk: ""}
