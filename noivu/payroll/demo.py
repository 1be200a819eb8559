"""Payroll's part of the demo data set (dữ liệu mẫu): a locked payroll of the month of the demo's date,
a salary-plan scenario (base salary 2,800,000 đồng from 1/1/2027) with its figures, and a proposal of the
first step raises due in the demo's year awaiting approval. Every demo person
already has a salary-step history and allowances (written by the demo's dossier generator into payroll's
tables), from which both are computed as set operations; the lines are written in bulk.

The payroll covers the demo users' province (about 60,000 persons at ``--size national``); there is a
scenario for that province and one for the whole tree.
"""

import datetime as dt

import polars as pl
from django.utils import timezone

from noivu.core.dates import add_months
from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.organizations.models import Organization, OrganizationLevel
from noivu.payroll.actions import store_lines
from noivu.payroll.engine import SalaryLaw
from noivu.payroll.models import PayrollRun, RaiseProposal, RaiseProposalItem, RunStatus, SalaryScenario
from noivu.payroll.proposals import Selection, check_selections
from noivu.payroll.raises import raises_due
from noivu.payroll.runs import compute_month
from noivu.payroll.scenarios import ScenarioChanges, run_scenario

SCENARIO_START = dt.date(2027, 1, 1)
SCENARIO_BASE_SALARY = 2_800_000


def load(context: DemoContext) -> str:
    root = Organization.objects.unrestricted().get(path=context.root_path)
    # The demo users' province: its officers see the locked month and its own scenario.
    province = (
        Organization.objects.unrestricted()
        .filter(path__startswith=root.path, depth=root.depth + 1, level=OrganizationLevel.PROVINCE)
        .order_by("path")
        .first()
        or root
    )
    paid = province
    month = context.as_of.replace(day=1)
    context.progress("Lập và khóa bảng lương tháng")
    lines, rates = compute_month(paid.path, month)
    run = PayrollRun.objects.create(
        organization=paid,
        month=month,
        status=RunStatus.LOCKED,
        locked_at=timezone.now(),
        base_salary=rates.base_salary,
        persons=lines.height,
        gross=int(lines["gross"].sum() or 0),
        deductions=int(lines["deductions"].sum() or 0),
        net=int(lines["net"].sum() or 0),
        employer_contributions=int(lines["employer_contributions"].sum() or 0),
    )
    store_lines(run, lines)
    context.progress("Tính phương án trả lương")
    changes = ScenarioChanges(base_salary=SCENARIO_BASE_SALARY)
    for unit in {root.pk: root, province.pk: province}.values():
        results, _people = run_scenario(unit.path, SCENARIO_START, changes, step=Organization.steplen)
        SalaryScenario.objects.create(
            organization=unit,
            name=f"Lương cơ sở 2.800.000 đồng từ 01/01/2027 ({unit.name})",
            starts_on=SCENARIO_START,
            base_salary=SCENARIO_BASE_SALARY,
            results=results,
        )
    context.progress("Lập đề nghị nâng bậc lương")
    proposed = propose_due(province, context.as_of)
    return (
        f"Lương: bảng lương tháng {month:%m/%Y} đã khóa ({run.persons:,} người), "
        f"phương án trả lương ({results['persons']:,} người), đề nghị nâng bậc lương ({proposed} người)."
    )


PROPOSED_PERSONS = 12


def propose_due(province: Organization, day: dt.date) -> int:
    """A proposal of the first regular raises due in ``province`` from the month after ``day``'s, within
    that month's year, awaiting approval: the demo locks ``day``'s payroll month, and a raise may not start
    in a locked month (in December the proposal is the next year's)."""
    law = SalaryLaw.load()
    after = add_months(day.replace(day=1), 1)
    year = after.year
    due = raises_due(province.path, year, law).filter(pl.col("due_on") >= after)
    selections = [Selection(person_id) for person_id in due["person_id"].head(PROPOSED_PERSONS * 2).to_list()]
    lines = check_selections(province.path, year, selections, {}, law).lines[:PROPOSED_PERSONS]
    if not lines:
        return 0
    proposal = RaiseProposal.objects.create(
        organization=province,
        year=year,
        title=f"Nâng bậc lương năm {year} – {province.name}",
        proposed_on=day,
    )
    RaiseProposalItem.objects.bulk_create(
        [
            RaiseProposalItem(
                proposal=proposal, **{key: value for key, value in line.items() if key != "salary_id"}
            )
            for line in lines
        ]
    )
    return len(lines)


def clear(root_path: str) -> None:
    """Delete the demo's payrolls and scenarios (they protect their organisations from deletion)."""
    runs = PayrollRun.objects.unrestricted().filter(organization__path__startswith=root_path)
    runs.filter(corrects__isnull=False).delete()  # corrections protect the runs they correct
    runs.delete()
    SalaryScenario.objects.unrestricted().filter(organization__path__startswith=root_path).delete()
    RaiseProposal.objects.unrestricted().filter(organization__path__startswith=root_path).delete()


demo_steps.register(DemoStep(key="payroll", order=35, load=load, clear=clear))
