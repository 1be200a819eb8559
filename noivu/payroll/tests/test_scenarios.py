import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from noivu.core.models import Job
from noivu.organizations.models import Organization
from noivu.payroll.actions import do_start_scenario
from noivu.payroll.engine import AllowanceInput, SalaryCase, compute_salary
from noivu.payroll.models import SalaryScenario
from noivu.payroll.scenarios import ScenarioChanges, run_scenario

pytestmark = pytest.mark.django_db
JULY = dt.date(2026, 7, 1)


def fund(base_salary: int, leadership: str = "0.30") -> int:
    """An's monthly fund (gross pay and the employer's contributions) at a base salary."""
    result = compute_salary(
        SalaryCase(
            on=JULY,
            scale="bang_2_cong_chuc.A1",
            step=3,
            base_salary=base_salary,
            allowances=(
                AllowanceInput("leadership", coefficient=Decimal(leadership)),
                AllowanceInput("regional", coefficient=Decimal("0.20")),
            ),
        )
    )
    return result.gross + result.employer_contributions


def scenario(tree, changes: ScenarioChanges):
    return run_scenario(tree["root"].path, JULY, changes, step=Organization.steplen)


def test_a_scenario_identical_to_the_law_differs_by_zero(salaried, tree):
    results, people = scenario(tree, ScenarioChanges())
    assert results["persons"] == 3 and results["monthly"]["difference"] == 0
    assert people["difference"].abs().sum() == 0


def test_a_new_base_salary_costs_each_person_their_own_difference(salaried, tree):
    results, people = scenario(tree, ScenarioChanges(base_salary=2800000))
    an = people.filter(people["person_id"] == salaried["an"].pk).row(0, named=True)
    assert (an["baseline"], an["scenario"]) == (fund(2530000), fund(2800000))
    assert results["yearly"]["difference"] == results["monthly"]["difference"] * 12 > 0
    units = {row["key"]: row for row in results["by_unit"]}
    assert set(units) == {"UBND tỉnh A", "UBND tỉnh B"} and units["UBND tỉnh A"]["persons"] == 2
    assert {row["key"] for row in results["by_category"]} == {"civil_servant", "public_employee"}


def test_a_changed_allowance_is_scaled_from_the_date(salaried, tree):
    _results, people = scenario(tree, ScenarioChanges(allowance_percent={"leadership": 10}))
    an = people.filter(people["person_id"] == salaried["an"].pk).row(0, named=True)
    assert an["scenario"] - an["baseline"] == fund(2530000, "0.33") - fund(2530000)


def test_a_scenario_runs_as_a_job_and_shows_its_charts(
    client, salaried, tree, hr_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        started = do_start_scenario(
            organization=tree["province_a"],
            name="Lương cơ sở 2.800.000",
            starts_on=JULY,
            base_salary=2800000,
            acting_user=hr_a,
        )
    found = SalaryScenario.objects.get(pk=started.pk)
    assert found.results["persons"] == 2 and Job.objects.get(pk=found.job_id).status == Job.Status.DONE
    client.force_login(hr_a)
    page = client.get(reverse("payroll:scenario", args=[found.pk])).content.decode()
    assert 'id="scenario-chart"' in page and "Sở Nội vụ tỉnh A" in page
    export = client.get(reverse("payroll:scenario_export", args=[found.pk]))
    assert export.status_code == 200


def test_an_allowance_change_out_of_bounds_is_refused(salaried, tree, hr_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        do_start_scenario(
            organization=tree["province_a"],
            name="x",
            starts_on=JULY,
            allowance_changes={"leadership": -100},
            acting_user=hr_a,
        )


def test_the_demo_step_locks_a_month_and_computes_a_scenario(salaried, tree):
    from noivu.core.extensions import DemoContext
    from noivu.payroll import demo
    from noivu.payroll.models import PayrollRun, RunStatus

    context = DemoContext("small", 1, JULY, "T01", tree["root"].path, 3, lambda message: None)
    assert "đã khóa" in demo.load(context)
    run = PayrollRun.objects.get()
    assert (
        run.status == RunStatus.LOCKED and run.organization == tree["province_a"] and run.lines.count() == 2
    )
    assert SalaryScenario.objects.count() == 2
    assert all(scenario.results["monthly"]["difference"] > 0 for scenario in SalaryScenario.objects.all())
    demo.clear(tree["root"].path)
    assert not PayrollRun.objects.exists() and not SalaryScenario.objects.exists()


def hold_position(person, code: str) -> None:
    """``person`` holds job position ``code`` as their main one under an approved project since 2026."""
    from noivu.positions.models import (
        CatalogPosition,
        PositionGroup,
        PositionHolder,
        PositionProject,
        ProjectPosition,
        ProjectStatus,
        StaffKind,
    )

    catalog = CatalogPosition.objects.create(
        code=code,
        name="Quản lý ngân sách",
        group=PositionGroup.PROFESSIONAL,
        staff_kind=StaffKind.CIVIL_SERVANT,
    )
    project = PositionProject.objects.create(
        organization=person.organization,
        staff_kind=StaffKind.CIVIL_SERVANT,
        title="Đề án vị trí việc làm",
        status=ProjectStatus.APPROVED,
        decision_number="15/QĐ-UBND",
        decision_date=dt.date(2026, 1, 2),
        effective_from=dt.date(2026, 1, 2),
    )
    position = ProjectPosition.objects.create(project=project, catalog=catalog, headcount=1)
    PositionHolder.objects.create(project=project, position=position, person=person, is_main=True)


def test_a_position_based_table_pays_its_amount_to_whoever_holds_a_mapped_position(salaried, tree):
    hold_position(salaried["an"], "CM01")
    changes = ScenarioChanges(position_amounts={"CM01": 9_500_000, "LD01": 20_000_000})
    results, people = scenario(tree, changes)
    an = people.filter(people["person_id"] == salaried["an"].pk).row(0, named=True)
    # An's salary of the step (A1 step 3: 3.00 × 2,530,000) gives way to the position's 9,500,000; the
    # allowances stay, and the employer's contributions follow the new insurance base.
    law_pay = compute_salary(
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
    assert an["baseline"] == fund(2530000)
    gross = law_pay.gross - law_pay.amount_of("salary") + 9_500_000
    insured = law_pay.insurance_base - law_pay.amount_of("salary") + 9_500_000
    employer = sum(round(insured * item.employer_rate) for item in law_pay.contributions)
    assert an["scenario"] == gross + employer
    # Everyone else is paid as before; the results say how many are paid by position.
    others = people.filter(people["person_id"] != salaried["an"].pk)
    assert others["difference"].abs().sum() == 0 and results["position_persons"] == 1


def test_a_position_table_is_started_from_the_api_and_a_bad_amount_is_refused(client, tree, hr_a):
    client.force_login(hr_a)
    payload = {
        "organization": tree["province_a"].code,
        "name": "Lương theo vị trí",
        "starts_on": "2026-07-01",
    }
    refused = client.post(
        "/api/v1/payroll/scenarios",
        {**payload, "position_amounts": {"CM01": -5}},
        content_type="application/json",
    )
    assert refused.status_code == 422 and "CM01" in refused.content.decode()
    started = client.post(
        "/api/v1/payroll/scenarios",
        {**payload, "position_amounts": {"CM01": 9500000}},
        content_type="application/json",
    )
    assert started.status_code == 201 and started.json()["position_amounts"] == {"CM01": 9500000}
