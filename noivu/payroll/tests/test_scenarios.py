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
