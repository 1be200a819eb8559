import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from noivu.core.models import AuditEvent
from noivu.payroll.actions import do_compute_payroll, do_lock_payroll, do_review_payroll
from noivu.payroll.engine import AllowanceInput, SalaryCase, compute_salary
from noivu.payroll.models import PayrollLine, RunStatus, SalaryHistory

pytestmark = pytest.mark.django_db
JULY = dt.date(2026, 7, 1)


def test_a_months_payroll_pays_each_person_of_the_subtree_as_the_itemised_computation(salaried, tree, hr_a):
    run = do_compute_payroll(organization=tree["province_a"], month=dt.date(2026, 7, 15), acting_user=hr_a)
    lines = {line.person_id: line for line in run.lines.all()}
    assert set(lines) == {salaried["an"].pk, salaried["binh"].pk}  # Dũng is in province B
    an = compute_salary(
        SalaryCase(
            on=JULY,
            scale="bang_2_cong_chuc.A1",
            step=3,
            allowances=(
                AllowanceInput("leadership", coefficient=Decimal("0.30")),
                AllowanceInput("regional", coefficient=Decimal("0.20")),
            ),
        )
    )
    assert (lines[salaried["an"].pk].gross, lines[salaried["an"].pk].net) == (an.gross, an.net)
    binh = compute_salary(
        SalaryCase(
            on=JULY, category="public_employee", scale="bang_3_vien_chuc.A2.1", step=8, seniority_percent=6
        )
    )
    assert (
        lines[salaried["binh"].pk].net == binh.net and lines[salaried["binh"].pk].unemployment_insurance > 0
    )
    assert run.month == JULY and run.base_salary == 2530000 and run.persons == 2
    assert run.gross == an.gross + binh.gross
    assert AuditEvent.objects.filter(event_type="payroll.computed").count() == 1


def test_the_step_in_force_on_the_first_of_the_month_is_paid(salaried, tree, hr_a):
    december = do_compute_payroll(organization=tree["dept_a"], month=dt.date(2022, 12, 1), acting_user=hr_a)
    assert december.lines.get().coefficient == Decimal("2.67")


def test_a_locked_month_is_refused_and_a_correction_shows_the_difference(salaried, tree, hr_a, approver_a):
    run = do_compute_payroll(organization=tree["province_a"], month=JULY, acting_user=hr_a)
    run = do_review_payroll(run=run, acting_user=hr_a)
    with pytest.raises(PermissionDenied):
        do_lock_payroll(run=run, acting_user=hr_a)
    run = do_lock_payroll(run=run, acting_user=approver_a)
    assert run.status == RunStatus.LOCKED and run.locked_at
    with pytest.raises(ValidationError) as refused:
        do_compute_payroll(organization=tree["province_a"], month=JULY, acting_user=hr_a)
    assert "đã khóa" in refused.value.messages[0]
    # A raise recorded late: the correction pays it, the locked run stays as it was.
    SalaryHistory.objects.filter(person=salaried["an"], effective_to__isnull=True).update(
        effective_to=dt.date(2026, 6, 30)
    )
    SalaryHistory.objects.create(
        person=salaried["an"], step=4, coefficient=Decimal("3.33"), effective_from=JULY
    )
    correction = do_compute_payroll(
        organization=tree["province_a"], month=JULY, correction=True, acting_user=hr_a
    )
    assert correction.corrects == run
    before = PayrollLine.objects.get(run=run, person=salaried["an"])
    after = PayrollLine.objects.get(run=correction, person=salaried["an"])
    assert after.salary - before.salary == 834900  # 0.33 × 2,530,000
    assert PayrollLine.objects.filter(run=run).count() == 2 and run.lines.get(person=salaried["an"]).step == 3


def test_recomputing_a_draft_replaces_it(salaried, tree, hr_a):
    first = do_compute_payroll(organization=tree["province_a"], month=JULY, acting_user=hr_a)
    second = do_compute_payroll(organization=tree["province_a"], month=JULY, acting_user=hr_a)
    assert first.pk != second.pk and PayrollLine.objects.filter(run_id=first.pk).count() == 0


def test_a_correction_needs_a_locked_month_and_another_province_is_out_of_reach(salaried, tree, hr_a):
    with pytest.raises(ValidationError):
        do_compute_payroll(organization=tree["province_a"], month=JULY, correction=True, acting_user=hr_a)
    with pytest.raises(PermissionDenied):
        do_compute_payroll(organization=tree["province_b"], month=JULY, acting_user=hr_a)


def test_a_date_before_any_base_salary_names_the_rule(salaried, tree, hr_a):
    with pytest.raises(ValidationError) as refused:
        do_compute_payroll(organization=tree["province_a"], month=dt.date(2004, 1, 1), acting_user=hr_a)
    assert "base_salary" in refused.value.messages[0]
