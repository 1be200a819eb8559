"""Arrears of a step raise for payroll months already locked (truy lĩnh tiền lương chênh lệch).

A locked payroll never changes (a correction is a new run). When a raise runs from a day in or before a
month whose payroll is already locked with the person paid on the old step, the difference is owed. For
each such month from the raise's month on, the person's salary of that month is computed twice by the one
itemised computation (:func:`noivu.payroll.engine.compute_salary`): on the step held and on the step
granted, each with the category, the allowances and the base salary in force on the first day of that
month. The arrears are the differences, component by component: the salary by coefficient, the seniority
beyond the frame, and every allowance whose base is the salary (public duty, concurrent post, professional
seniority and the other percentage allowances: a percentage of salary + leadership + seniority beyond the
frame, Nghị định 204/2004/NĐ-CP Điều 6 and the decrees of each allowance); allowances given as a
coefficient of the base salary do not change. The employee's contributions (social, health, unemployment
insurance) are deducted on the difference of the insurance base at the rates of ``employee_contributions``
(truy đóng), the employer's share is owed with them. A raise starting after the first day of its month is
owed for the days from it (calendar days of the month), each amount to the đồng.

The rule row ``arrears`` of ``step_raise_rules`` carries the citation: the official example of Thông tư
83/2005/TT-BNV (a raise nine months early, decided later: the difference is paid for each month from the
new step's date), the mechanism kept by Thông tư 08/2013/TT-BNV Điều 3.

Arrears owed are carried into the next payroll run of the person's unit that is not locked (one
:class:`~noivu.payroll.models.ArrearsLine` a person and month owed), so that the run pays them; once that
run is locked they are paid and no later run carries them again.

A person whose month cannot be computed from the stored facts (an allowance the rule tables refuse on that
day, say) has no months owed and a problem naming the person, the month, the allowance and the rule
(:attr:`Owed.problems`): the pages, the API and the exports show it, and a payroll run refuses to carry
the person's arrears until the record is corrected, so that nothing is paid short or lost.
"""

import calendar
import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from django.utils.translation import gettext as _

from noivu.core.money import format_amount, to_dong
from noivu.core.rules import rule_table
from noivu.payroll.engine import (
    FUND_LABELS,
    SalaryCase,
    SalaryInputError,
    SalaryLaw,
    SalaryResult,
    compute_salary,
)
from noivu.payroll.models import Allowance, ArrearsLine, PayrollLine, RunStatus, SalaryHistory
from noivu.payroll.persons import case_of, naming_allowance
from noivu.payroll.raises import RULES_TABLE
from noivu.personnel.models import Person

# The employee contributions owed on the difference (the union fee is left to the union's own list).
ARREARS_FUNDS = ("social_insurance", "health_insurance", "unemployment_insurance")


class Raised(Protocol):
    """A raise: the person, the step held and the one granted, from a day."""

    person_id: int
    coefficient: Decimal
    seniority_percent: int
    new_coefficient: Decimal
    new_seniority_percent: int
    effective_from: dt.date


@dataclass(frozen=True)
class ArrearsPart:
    """One component (or one contribution) of a month owed: its amount on the new and the old step, the
    difference owed for the days owed, the formula on the new step and its legal basis."""

    code: str
    label: str
    new: int
    old: int
    amount: int
    formula: str
    basis: str

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class ArrearsMonth:
    """One locked month owed: its base salary, the month's gross pay at the new and the old step, the days
    owed, the amount (the components' differences) and the contributions on it."""

    month: dt.date
    base_salary: int
    new_salary: int
    old_salary: int
    days: int
    month_days: int
    amount: int
    unit: str
    components: tuple[ArrearsPart, ...] = ()
    contributions: tuple[ArrearsPart, ...] = ()
    employer_contributions: int = 0

    @property
    def monthly_difference(self) -> int:
        return self.new_salary - self.old_salary

    @property
    def deductions(self) -> int:
        """The employee's contributions on the difference (truy đóng), deducted from the arrears."""
        return sum(part.amount for part in self.contributions)

    @property
    def net(self) -> int:
        return self.amount - self.deductions

    @property
    def formula(self) -> str:
        text = f"{format_amount(self.new_salary)} − {format_amount(self.old_salary)}"
        if self.days == self.month_days:
            return text
        return f"({text}) × {self.days}/{self.month_days}"

    def contribution(self, fund: str) -> int:
        return sum(part.amount for part in self.contributions if part.code == fund)


class Owed(dict[int, list["ArrearsMonth"]]):
    """Person → the months owed, and person → why the arrears could not be computed (``problems``, a
    sentence naming the person, the month, the recorded allowance and the rule it breaks)."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: dict[int, str] = {}


def monthly_salary(coefficient: Decimal, percent: int, base: int) -> int:
    """The salary by coefficient and the seniority beyond the frame of a month, each to the đồng."""
    return to_dong(coefficient * base) + to_dong(coefficient * percent / Decimal(100) * base)


def arrears_citation(day: dt.date) -> str:
    """The legal basis of the arrears of a raise running from ``day``."""
    row = rule_table(RULES_TABLE).get("arrears", day)
    return row.legal_basis.citation if row is not None else ""


def _prorate(difference: int, days: int, month_days: int) -> int:
    return difference if days == month_days else to_dong(Decimal(difference) * days / month_days)


def _citation(basis: dict | None) -> str:
    return str((basis or {}).get("citation", ""))


def _parts(new: SalaryResult, old: SalaryResult, days: int, month_days: int) -> tuple[ArrearsPart, ...]:
    """The components whose amount differs between the two steps, in the order of the computation."""
    olds: dict[tuple[str, str], int] = defaultdict(int)
    for component in old.components:
        olds[(component.code, component.label)] += component.amount
    parts = []
    seen = set()
    for component in new.components:
        key = (component.code, component.label)
        if key in seen:
            continue
        seen.add(key)
        amount_new = sum(c.amount for c in new.components if (c.code, c.label) == key)
        difference = amount_new - olds.get(key, 0)
        if difference:
            parts.append(
                ArrearsPart(
                    component.code,
                    component.label,
                    amount_new,
                    olds.get(key, 0),
                    _prorate(difference, days, month_days),
                    component.formula,
                    _citation(component.legal_basis),
                )
            )
    return tuple(parts)


def _contributions(
    new: SalaryResult, old: SalaryResult, days: int, month_days: int
) -> tuple[tuple[ArrearsPart, ...], int]:
    """The employee's contributions on the difference, fund by fund, and the employer's share."""
    olds = {item.fund: item for item in old.contributions}
    insured = new.insurance_base - old.insurance_base
    parts = []
    employer = 0
    for item in new.contributions:
        if item.fund not in ARREARS_FUNDS:
            continue
        before = olds.get(item.fund)
        difference = item.employee_amount - (before.employee_amount if before else 0)
        employer += _prorate(
            item.employer_amount - (before.employer_amount if before else 0), days, month_days
        )
        if difference:
            parts.append(
                ArrearsPart(
                    item.fund,
                    str(FUND_LABELS[item.fund]),
                    item.employee_amount,
                    before.employee_amount if before else 0,
                    _prorate(difference, days, month_days),
                    f"{format_amount(insured)} × {item.employee_rate * 100:g}%",
                    _citation(item.legal_basis),
                )
            )
    return tuple(parts), employer


def _in_force(rows: Sequence[Any], day: dt.date) -> list[Any]:
    return [
        row
        for row in rows
        if row.effective_from <= day and (row.effective_to is None or row.effective_to >= day)
    ]


def arrears(raises: Iterable[Raised], law: SalaryLaw) -> Owed:
    """For each person of ``raises``, the locked payroll months that paid the person on the old step, from
    the raise's month on, and what is owed for each, itemised: three queries for all the persons. A person
    whose month the rules refuse gets a problem instead of months (see the module's docstring)."""
    by_person = {item.person_id: item for item in raises}
    found = Owed()
    if not by_person:
        return found
    first = min(item.effective_from for item in by_person.values()).replace(day=1)
    paid = (
        PayrollLine.objects.filter(
            person_id__in=list(by_person), run__status=RunStatus.LOCKED, run__month__gte=first
        )
        .values_list(
            "person_id",
            "run__month",
            "run__organization__name",
            "category",
            "coefficient",
            "seniority_percent",
        )
        .order_by("person_id", "run__month", "run_id")
    )
    # The last locked run of a month counts: a correction supersedes the run it corrects.
    latest = {(row[0], row[1]): row for row in paid}
    steps: dict[int, list[SalaryHistory]] = defaultdict(list)
    for step in SalaryHistory.objects.unrestricted().filter(person_id__in=list(by_person)):
        steps[step.person_id].append(step)
    held: dict[int, list[Allowance]] = defaultdict(list)
    for allowance in Allowance.objects.unrestricted().filter(person_id__in=list(by_person)):
        held[allowance.person_id].append(allowance)
    refused: dict[int, tuple[dt.date, str]] = {}
    for (person_id, month), (_id, _month, unit, category, coefficient, percent) in sorted(latest.items()):
        item = by_person[person_id]
        if month < item.effective_from.replace(day=1) or person_id in refused:
            continue
        if coefficient == item.new_coefficient and percent == item.new_seniority_percent:
            continue  # paid on the new step already (a correction)
        allowances = _in_force(held[person_id], month)
        try:
            old, new = _both_steps(item, _in_force(steps[person_id], month), allowances, category, month, law)
        except SalaryInputError as error:
            found.pop(person_id, None)
            refused[person_id] = (month, naming_allowance(error, allowances).message)
            continue
        month_days = calendar.monthrange(month.year, month.month)[1]
        days = month_days - (item.effective_from.day - 1 if item.effective_from >= month else 0)
        components = _parts(new, old, days, month_days)
        contributions, employer = _contributions(new, old, days, month_days)
        found.setdefault(person_id, []).append(
            ArrearsMonth(
                month,
                new.base_salary,
                new.gross,
                old.gross,
                days,
                month_days,
                sum(part.amount for part in components),
                unit,
                components,
                contributions,
                employer,
            )
        )
    if refused:
        names = dict(
            Person.objects.unrestricted().filter(pk__in=list(refused)).values_list("pk", "full_name")
        )
        for person_id, (month, problem) in refused.items():
            found.problems[person_id] = _(
                "Không tính được truy lĩnh của %(name)s, tháng %(month)s: %(problem)s. "
                "Hãy sửa hồ sơ rồi tính lại."
            ) % {"name": names.get(person_id, person_id), "month": f"{month:%m/%Y}", "problem": problem}
    return found


def _both_steps(
    item: Raised,
    in_force: Sequence[SalaryHistory],
    allowances: Sequence[Allowance],
    category: str,
    month: dt.date,
    law: SalaryLaw,
) -> tuple[SalaryResult, SalaryResult]:
    """The salary of ``month`` on the step held and on the step granted by ``item``."""
    scale = str(getattr(item, "scale", ""))
    if in_force:
        case = case_of(in_force[0], allowances, category, month, law)
    else:
        case = SalaryCase(on=month, category=category)
    if scale and law.scales.get(scale, month) is not None:
        case = dataclasses.replace(case, scale=scale, rank_code="")
    case = dataclasses.replace(case, step=None)
    old = compute_salary(
        dataclasses.replace(case, coefficient=item.coefficient, seniority_percent=item.seniority_percent),
        law,
    )
    new = compute_salary(
        dataclasses.replace(
            case, coefficient=item.new_coefficient, seniority_percent=item.new_seniority_percent
        ),
        law,
    )
    return old, new


def paid_months(item_ids: Iterable[int]) -> dict[tuple[int, dt.date], dt.date]:
    """(item, month owed) → the month of the locked run that paid it."""
    return {
        (item_id, month): paid_in
        for item_id, month, paid_in in ArrearsLine.objects.filter(
            item_id__in=list(item_ids), run__status=RunStatus.LOCKED
        ).values_list("item_id", "month", "run__month")
    }
