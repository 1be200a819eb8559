"""Arrears of a step raise for payroll months already locked (truy lĩnh tiền lương chênh lệch).

A locked payroll never changes (a correction is a new run). When a raise runs from a day in or before a
month whose payroll is already locked with the person on it, the person was paid that month on the old
step: the difference is owed. For each locked month from the raise's month on, the difference is the
salary by coefficient plus the seniority beyond the frame at the new step less the same at the old step,
each rounded to the đồng as the payroll rounds them, on the base salary in force on the first day of that
month (the base salary table); a raise starting after the first day of its month is owed for the days
from it (calendar days of the month). The rule row ``arrears`` of ``step_raise_rules`` carries the
citation: the official example of Thông tư 83/2005/TT-BNV (a raise nine months early, decided later: the
coefficient difference is paid for each month from the new step's date), the mechanism kept by Thông tư
08/2013/TT-BNV Điều 3.
"""

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from noivu.core.money import format_amount, to_dong
from noivu.core.rules import rule_table
from noivu.payroll.engine import HUNDRED, SalaryLaw
from noivu.payroll.models import PayrollLine, RunStatus
from noivu.payroll.raises import RULES_TABLE


class Raised(Protocol):
    """A raise: the person, the step held and the one granted, from a day."""

    person_id: int
    coefficient: Decimal
    seniority_percent: int
    new_coefficient: Decimal
    new_seniority_percent: int
    effective_from: dt.date


@dataclass(frozen=True)
class ArrearsMonth:
    """One locked month owed: its base salary, the month's salary at the new and the old step, the days
    owed and the amount."""

    month: dt.date
    base_salary: int
    new_salary: int
    old_salary: int
    days: int
    month_days: int
    amount: int
    unit: str

    @property
    def monthly_difference(self) -> int:
        return self.new_salary - self.old_salary

    @property
    def formula(self) -> str:
        text = f"{format_amount(self.new_salary)} − {format_amount(self.old_salary)}"
        if self.days == self.month_days:
            return text
        return f"({text}) × {self.days}/{self.month_days}"


def monthly_salary(coefficient: Decimal, percent: int, base: int) -> int:
    """The salary by coefficient and the seniority beyond the frame of a month, each to the đồng."""
    return to_dong(coefficient * base) + to_dong(coefficient * percent / HUNDRED * base)


def arrears_citation(day: dt.date) -> str:
    """The legal basis of the arrears of a raise running from ``day``."""
    row = rule_table(RULES_TABLE).get("arrears", day)
    return row.legal_basis.citation if row is not None else ""


def arrears(raises: Iterable[Raised], law: SalaryLaw) -> dict[int, list[ArrearsMonth]]:
    """For each person of ``raises``, the locked payroll months (with the person on them) from the raise's
    month on, and the difference owed for each, in đồng: one query for all the persons."""
    by_person = {item.person_id: item for item in raises}
    if not by_person:
        return {}
    first = min(item.effective_from for item in by_person.values()).replace(day=1)
    paid = (
        PayrollLine.objects.filter(
            person_id__in=list(by_person), run__status=RunStatus.LOCKED, run__month__gte=first
        )
        .values_list("person_id", "run__month", "run__organization__name")
        .order_by("person_id", "run__month")
    )
    found: dict[int, list[ArrearsMonth]] = {}
    bases: dict[dt.date, int] = {}
    for person_id, month, unit in paid:
        item = by_person[person_id]
        if month < item.effective_from.replace(day=1):
            continue
        if month not in bases:
            bases[month] = int(law.base_salary_on(month).value)
        base = bases[month]
        new = monthly_salary(item.new_coefficient, item.new_seniority_percent, base)
        old = monthly_salary(item.coefficient, item.seniority_percent, base)
        difference = new - old
        month_days = calendar.monthrange(month.year, month.month)[1]
        days = month_days - (item.effective_from.day - 1 if item.effective_from >= month else 0)
        amount = difference if days == month_days else to_dong(Decimal(difference) * days / month_days)
        found.setdefault(person_id, []).append(
            ArrearsMonth(month, base, new, old, days, month_days, amount, unit)
        )
    return found
