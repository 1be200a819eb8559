"""What a streamlining case reads from a person's record: months to the retirement age, the current and
the average monthly salary from the salary and allowance history, and the years of social insurance.

Salary of a month (tiền lương tháng, Nghị định 154/2025/NĐ-CP Điều 5 khoản 1; Nghị định 29/2023/NĐ-CP
Điều 10): the rank salary (hệ số lương), the above-scale seniority (% thâm niên vượt khung), the leadership
allowance, the reserved difference coefficient and the occupational seniority allowance (% of the sum),
times the base salary in force that month (table ``base_salary``). The average is over the 60 months
before leaving, or the months on record when fewer.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from noivu.core import dates
from noivu.core.money import to_dong
from noivu.core.rules import RuleTable, rule_table
from noivu.payroll.models import Allowance, AllowanceKind, SalaryHistory
from noivu.personnel.models import Person
from noivu.personnel.retirement.engine import RetirementError, retirement_date

AVERAGE_MONTHS = 60


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def months_to_retirement(person: Person, leave_date: dt.date) -> int | None:
    """Whole months from the month of ``leave_date`` to the month the pension would start at the normal
    retirement age (Nghị định 135/2020/NĐ-CP Điều 3); None when the rules cannot tell."""
    try:
        result = retirement_date(person.birth_date, person.gender)
    except RetirementError:
        return None
    return max(0, _month_index(result.pension_start) - _month_index(leave_date))


@dataclass(frozen=True)
class SalaryFacts:
    current: int | None
    average: int | None
    months_on_record: int


def _monthly(
    day: dt.date,
    steps: list[SalaryHistory],
    allowances: list[Allowance],
    base: RuleTable,
) -> int | None:
    step = next((s for s in steps if s.in_force_on(day)), None)
    base_row = base.get("base_salary", day)
    if step is None or base_row is None:
        return None
    coefficient = step.coefficient * (1 + Decimal(step.seniority_percent) / 100) + step.reserved_coefficient
    occupational = Decimal(0)
    for allowance in allowances:
        if not allowance.in_force_on(day):
            continue
        if allowance.kind == AllowanceKind.LEADERSHIP and allowance.coefficient is not None:
            coefficient += allowance.coefficient
        elif allowance.kind == AllowanceKind.PROFESSIONAL_SENIORITY and allowance.percent is not None:
            occupational += allowance.percent
    return to_dong(coefficient * (1 + occupational / 100) * base_row.value)


def salary_facts(person: Person, leave_date: dt.date) -> SalaryFacts:
    """The salary of the month before ``leave_date`` and the average of the 60 months before it."""
    steps = list(SalaryHistory.objects.unrestricted().filter(person=person).order_by("effective_from"))
    wanted = {AllowanceKind.LEADERSHIP, AllowanceKind.PROFESSIONAL_SENIORITY}
    allowances = list(Allowance.objects.unrestricted().filter(person=person, kind__in=wanted))
    base = rule_table("base_salary")
    last_month = dates.add_months(leave_date.replace(day=1), -1)
    amounts = []
    for back in range(AVERAGE_MONTHS):
        amount = _monthly(dates.add_months(last_month, -back), steps, allowances, base)
        if amount is not None:
            amounts.append(amount)
    current = _monthly(last_month, steps, allowances, base)
    average = to_dong(Decimal(sum(amounts)) / len(amounts)) if amounts else None
    return SalaryFacts(current=current, average=average, months_on_record=len(amounts))


def insurance_service(person: Person, leave_date: dt.date) -> tuple[int, int] | None:
    """Years and months from the start of the person's first assignment (or recruitment) to ``leave_date``:
    the default for the years of compulsory social insurance, which the officer corrects from the book."""
    first = person.assignments.order_by("effective_from").values_list("effective_from", flat=True).first()
    start = (
        min(day for day in (first, person.recruited_on) if day is not None)
        if (first or person.recruited_on)
        else None
    )
    if start is None or start >= leave_date:
        return None
    months = _month_index(leave_date) - _month_index(start)
    return divmod(months, 12)
