"""State changes of payroll's facts: a person's salary steps and allowances (dated: a new period closes
the open one of the same fact the day before; scope checked, invariants kept, audited)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.payroll.models import Allowance, SalaryHistory
from noivu.personnel import codelists
from noivu.personnel.dossier.actions import _record_period, _save
from noivu.personnel.models import Person

# The event names are those the facts were audited under before payroll took them over.
SALARY_STEP_RECORDED = event_type("dossier.salary_step_recorded", gettext_lazy("Ghi quá trình lương"))
ALLOWANCE_RECORDED = event_type("dossier.allowance_recorded", gettext_lazy("Ghi phụ cấp"))
ALLOWANCE_ENDED = event_type("dossier.allowance_ended", gettext_lazy("Thôi hưởng phụ cấp"))


@action(SALARY_STEP_RECORDED)
def do_record_salary_step(
    ctx: ActionContext,
    *,
    person: Person,
    step: int,
    coefficient: Decimal,
    effective_from: dt.date,
    rank_code: str = "",
    salary_table: str = "",
    salary_group: str = "",
    seniority_percent: int = 0,
    reserved_coefficient: Decimal = Decimal("0.00"),
    decision_number: str = "",
    decision_date: dt.date | None = None,
    effective_to: dt.date | None = None,
) -> SalaryHistory:
    """Place on or raise to a salary step (xếp lương, nâng bậc lương). Without a rank code, the rank in
    force on ``effective_from`` is used; the rule table ``rank_salary_tables`` as of that day gives a known
    rank's salary table and group."""
    if not rank_code:
        rank = person.rank_history.as_of(effective_from).first()
        rank_code = rank.rank_code if rank else ""
    known = codelists.rank_on(rank_code, effective_from)
    if known is not None:
        salary_table = salary_table or known.value["salary_table"]
        salary_group = salary_group or known.value["salary_group"]
    return _record_period(
        ctx,
        SalaryHistory,
        person=person,
        same_fact={},
        values={
            "step": step,
            "coefficient": Decimal(coefficient),
            "rank_code": rank_code,
            "salary_table": salary_table,
            "salary_group": salary_group,
            "seniority_percent": seniority_percent,
            "reserved_coefficient": Decimal(reserved_coefficient),
            "decision_number": decision_number,
            "decision_date": decision_date,
        },
        effective_from=effective_from,
        effective_to=effective_to,
    )


@action(ALLOWANCE_RECORDED)
def do_record_allowance(
    ctx: ActionContext,
    *,
    person: Person,
    kind: str,
    effective_from: dt.date,
    coefficient: Decimal | None = None,
    percent: Decimal | None = None,
    title: str = "",
    decision_number: str = "",
    effective_to: dt.date | None = None,
) -> Allowance:
    """Grant or change an allowance (phụ cấp) of one kind; its open period ends the day before."""
    return _record_period(
        ctx,
        Allowance,
        person=person,
        same_fact={"kind": kind},
        values={
            "coefficient": None if coefficient is None else Decimal(coefficient),
            "percent": None if percent is None else Decimal(percent),
            "title": title,
            "decision_number": decision_number,
        },
        effective_from=effective_from,
        effective_to=effective_to,
    )


@action(ALLOWANCE_ENDED)
def do_end_allowance(ctx: ActionContext, *, person: Person, kind: str, last_day: dt.date) -> Allowance:
    """Stop an allowance (thôi hưởng phụ cấp): its open period ends on ``last_day``."""
    ctx.require(person)
    current = (
        Allowance.objects.select_for_update()
        .filter(person=person, kind=kind, effective_to__isnull=True)
        .first()
    )
    if current is None:
        raise ValidationError(_("Không có phụ cấp loại này đang được hưởng."))
    current.effective_to = last_day
    _save(current)
    return current
