"""The itemised salary of one recorded person on a day, from payroll's facts of that person."""

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from noivu.payroll.engine import (
    AllowanceInput,
    SalaryCase,
    SalaryInputError,
    SalaryLaw,
    SalaryResult,
    compute_salary,
)
from noivu.payroll.models import Allowance, SalaryHistory
from noivu.personnel.models import Person

# The salary table of a category when the step does not name it (Nghị định 204/2004/NĐ-CP Bảng 2 for
# cadres and civil servants of State bodies, Bảng 3 for public employees of service units).
TABLE_OF_CATEGORY = {
    "cadre": "bang_2_cong_chuc",
    "civil_servant": "bang_2_cong_chuc",
    "commune_cadre": "bang_2_cong_chuc",
    "commune_servant": "bang_2_cong_chuc",
    "public_employee": "bang_3_vien_chuc",
}


def person_case(person: Person, day: dt.date, law: SalaryLaw) -> SalaryCase:
    """The case of ``person`` on ``day``: the salary step and the allowances in force then."""
    step = SalaryHistory.objects.unrestricted().filter(person=person).as_of(day).first()
    if step is None:
        raise SalaryInputError("on", f"chưa có quá trình lương có hiệu lực ngày {day:%d/%m/%Y}")
    assignment = person.assignments.filter(is_primary=True).as_of(day).first()
    category = assignment.category if assignment else person.category
    held = list(Allowance.objects.unrestricted().filter(person=person).as_of(day))
    return case_of(step, held, category, day, law)


def case_of(
    step: SalaryHistory, allowances: Iterable[Allowance], category: str, day: dt.date, law: SalaryLaw
) -> SalaryCase:
    """The case of a person of ``category`` on ``day`` from the salary step and the allowances in force
    then (read beforehand, so that many cases are built from one read)."""
    table = step.salary_table or TABLE_OF_CATEGORY.get(category, "")
    scale = f"{table}.{step.salary_group}" if table and step.salary_group else ""
    if scale and law.scales.get(scale, day) is None:
        scale = ""
    if not scale and not step.rank_code:
        raise SalaryInputError(
            "on",
            f"quá trình lương từ {step.effective_from:%d/%m/%Y} chưa ghi mã ngạch "
            "hoặc bảng lương, nhóm ngạch",
        )
    return SalaryCase(
        on=day,
        category=category,
        rank_code=step.rank_code if not scale else "",
        scale=scale,
        step=step.step,
        seniority_percent=step.seniority_percent,
        reserved_coefficient=step.reserved_coefficient or Decimal(0),
        allowances=tuple(
            AllowanceInput(row.kind, coefficient=row.coefficient, percent=row.percent, title=row.title)
            for row in allowances
        ),
    )


def naming_allowance(error: SalaryInputError, allowances: Sequence[Allowance]) -> SalaryInputError:
    """``error`` of a case built by :func:`case_of` from ``allowances``, with the allowance it refuses
    named as recorded (kind, amount, period), so that the reader finds the record to correct. Stored
    allowances may predate a check of the rule tables or a change of them."""
    index = re.match(r"allowances\[(\d+)\]", error.field)
    if index is None or int(index.group(1)) >= len(allowances):
        return error
    return SalaryInputError(
        error.field,
        _("%(allowance)s trong hồ sơ không theo quy định: %(rule)s")
        % {"allowance": allowances[int(index.group(1))], "rule": error.message},
    )


def person_salary(person: Person, day: dt.date) -> SalaryResult:
    """The itemised salary of ``person`` on ``day``; a refusal names the recorded allowance at fault."""
    law = SalaryLaw.load()
    case = person_case(person, day, law)
    try:
        return compute_salary(case, law)
    except SalaryInputError as error:
        held = list(Allowance.objects.unrestricted().filter(person=person).as_of(day))
        raise naming_allowance(error, held) from error
