"""The background job that computes a salary-plan scenario, with its progress."""

from typing import Any

from django.utils.translation import gettext_lazy

from noivu.core.jobs import Progress, job
from noivu.core.models import Job
from noivu.organizations.models import Organization
from noivu.payroll.actions import SCENARIO_JOB
from noivu.payroll.models import SalaryScenario
from noivu.payroll.scenarios import ScenarioChanges, run_scenario


@job(SCENARIO_JOB, label=gettext_lazy("Tính phương án trả lương"))
def compute_scenario(record: Job, progress: Progress) -> dict[str, Any]:
    scenario = (
        SalaryScenario.objects.unrestricted().select_related("organization").get(pk=record.params["scenario"])
    )
    changes = ScenarioChanges(
        scenario.base_salary, dict(scenario.allowance_changes), dict(scenario.position_amounts)
    )
    results, _people = run_scenario(
        scenario.organization.path, scenario.starts_on, changes, step=Organization.steplen, progress=progress
    )
    SalaryScenario.objects.unrestricted().filter(pk=scenario.pk).update(results=results)
    return {"scenario": scenario.pk, "persons": results["persons"]}
