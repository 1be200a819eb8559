"""Persons reaching the statutory retirement age in the coming months (danh sách đến tuổi nghỉ hưu).

The list is filtered and ordered by the database: :func:`noivu.personnel.retirement.reaching_retirement_q`
turns a period into birth-date ranges per gender, and the retirement date of each row is the end of the
month whose ranges hold it. Only the rows shown are worked out in full by
:func:`noivu.personnel.retirement.retirement_date`, once per gender and birth month.
"""

import datetime as dt
from collections.abc import Iterator
from typing import Any, Protocol, cast

from django.db.models import Case, DateField, QuerySet, Value, When
from django.utils.translation import gettext as _

from noivu.core.dates import add_months
from noivu.core.excel.writer import Column, Sheet, workbook_bytes
from noivu.core.rules import rule_table
from noivu.personnel.models import Person
from noivu.personnel.retirement.engine import (
    AGE_TABLE,
    RetirementError,
    RetirementResult,
    age_text,
    reaching_retirement_q,
    retirement_date,
)

PERIODS = (3, 6, 12, 24)
DEFAULT_PERIOD = 12
MAX_PERIOD = 60


def _month_end(day: dt.date) -> dt.date:
    return add_months(day.replace(day=1), 1) - dt.timedelta(days=1)


class Retiring(Protocol):
    """A person of :func:`retiring`'s list, annotated with the day they retire (``retires_on``)."""

    birth_date: dt.date
    retires_on: dt.date


def retiring(persons: QuerySet[Person], start: dt.date, months: int) -> QuerySet[Person]:
    """``persons`` (already scoped) whose normal retirement date lies between ``start`` and ``months``
    months later, annotated with ``retires_on`` and ordered by it, then by name."""
    if not 1 <= months <= MAX_PERIOD:
        raise ValueError(f"months must lie between 1 and {MAX_PERIOD}")
    end = add_months(start, months)
    ages = rule_table(AGE_TABLE)
    by_month = []
    month_start = start.replace(day=1)
    while (month_end := _month_end(month_start)) <= end:
        by_month.append(When(reaching_retirement_q(month_start, month_end, ages), then=Value(month_end)))
        month_start = month_end + dt.timedelta(days=1)
    return (
        persons.filter(reaching_retirement_q(start, end, ages))
        .annotate(retires_on=Case(*by_month, default=None, output_field=DateField()))
        .order_by("retires_on", "full_name_folded", "pk")
    )


class RetirementDates:
    """:func:`retirement_date` of persons, worked out once per gender and birth month (the day of birth
    never changes the result, Nghị định 135/2020/NĐ-CP Điều 3)."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, int, int], RetirementResult | None] = {}
        self._ages = rule_table(AGE_TABLE)

    def of(self, person: Person) -> RetirementResult | None:
        """The person's normal retirement, or None when no rule decides it."""
        key = (person.gender, person.birth_date.year, person.birth_date.month)
        if key not in self._known:
            try:
                self._known[key] = retirement_date(person.birth_date, person.gender, ages=self._ages)
            except RetirementError:
                self._known[key] = None
        return self._known[key]


def citation(result: RetirementResult) -> str:
    """The legal basis of the retirement age applied."""
    return result.rules[0]["legal_basis"]["citation"]


def retirement_workbook(persons: QuerySet[Person]) -> bytes:
    """An .xlsx of ``persons`` as returned by :func:`retiring`, Vietnamese headers, dd/mm/yyyy dates."""
    columns = [
        Column(header, width)
        for header, width in (
            (_("STT"), 6),
            (_("Họ và tên"), 30),
            (_("Ngày sinh"), 12),
            (_("Giới tính"), 10),
            (_("Đối tượng"), 20),
            (_("Đơn vị"), 40),
            (_("Tuổi nghỉ hưu"), 16),
            (_("Thời điểm nghỉ hưu"), 16),
            (_("Hưởng lương hưu từ"), 16),
            (_("Căn cứ"), 30),
        )
    ]
    dates = RetirementDates()

    def rows() -> Iterator[list[Any]]:
        for number, person in enumerate(persons.select_related("organization").iterator(chunk_size=2000), 1):
            result = dates.of(person)
            yield [
                number,
                person.full_name,
                person.birth_date,
                str(person.get_gender_display()),
                str(person.get_category_display()),
                person.organization.name,
                age_text(result.retirement_age_months) if result else "",
                result.retirement_date if result else cast(Retiring, person).retires_on,
                result.pension_start if result else None,
                citation(result) if result else "",
            ]

    return workbook_bytes([Sheet(_("Đến tuổi nghỉ hưu"), columns, rows())])
