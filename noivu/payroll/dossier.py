"""Payroll's parts of a person's record, given back through personnel's dossier registry: the entry
pages and API kinds of salary steps and allowances, their timeline entries. Imported by
``PayrollConfig.ready()``."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.forms import SelectOrOther
from noivu.payroll import actions
from noivu.payroll.models import Allowance, SalaryHistory
from noivu.personnel import codelists
from noivu.personnel.dossier.forms import PERIOD, FactKind, _code_list_select, _ranks, fact_form
from noivu.personnel.dossier.registry import DossierPart, register
from noivu.personnel.dossier.timeline import Kind, TimelineEntry, _decision
from noivu.personnel.models import Person

SALARY, ALLOWANCE, ALLOWANCE_END = (
    FactKind(
        slug="salary",
        title=gettext_lazy("Quá trình lương"),
        form=fact_form(
            SalaryHistory,
            (
                "step",
                "coefficient",
                *PERIOD,
                "rank_code",
                "salary_table",
                "salary_group",
                "seniority_percent",
                "reserved_coefficient",
                "decision_number",
                "decision_date",
                "raise_kind",
            ),
            optional=("seniority_percent", "reserved_coefficient"),
            widgets={
                "rank_code": SelectOrOther(_ranks),
                "salary_table": _code_list_select(codelists.salary_tables),
                "salary_group": _code_list_select(codelists.salary_groups),
            },
            extra={
                "step": forms.IntegerField(label=gettext_lazy("bậc"), min_value=1, max_value=99),
                "coefficient": forms.DecimalField(
                    label=gettext_lazy("hệ số lương"),
                    max_digits=4,
                    decimal_places=2,
                    min_value=Decimal("0.01"),
                ),
            },
        ),
        action=actions.do_record_salary_step,
        related_name="salary_history",
        columns=(
            "rank_code",
            "salary_group",
            "step",
            "coefficient",
            "seniority_percent",
            *PERIOD,
            "decision_number",
        ),
    ),
    FactKind(
        slug="allowance",
        title=gettext_lazy("Phụ cấp"),
        form=fact_form(Allowance, ("kind", "coefficient", "percent", "title", *PERIOD, "decision_number")),
        action=actions.do_record_allowance,
        related_name="allowances",
        columns=("kind", "coefficient", "percent", "title", *PERIOD, "decision_number"),
    ),
    FactKind(
        slug="allowance-end",
        title=gettext_lazy("Thôi hưởng phụ cấp"),
        form=fact_form(
            Allowance,
            ("kind", "last_day"),
            extra={"last_day": forms.DateField(label=gettext_lazy("ngày cuối cùng được hưởng"))},
        ),
        action=actions.do_end_allowance,
        related_name="allowances",
        columns=("kind", "coefficient", "percent", "title", *PERIOD, "decision_number"),
        listed=False,
    ),
)


def salaries(person: Person) -> list[TimelineEntry]:
    """Salary steps (bậc lương)."""
    entries = []
    for row in SalaryHistory.objects.unrestricted().filter(person=person).order_by("effective_from"):
        label = _("Lương bậc %(step)s, hệ số %(coefficient)s") % {
            "step": row.step,
            "coefficient": number_format(row.coefficient, 2),
        }
        if row.seniority_percent:
            label += _(", thâm niên vượt khung %(percent)s%%") % {"percent": row.seniority_percent}
        entries.append(
            TimelineEntry(
                row.effective_from, Kind.SALARY, label, row.effective_to, _decision(row.decision_number)
            )
        )
    return entries


def allowances(person: Person) -> list[TimelineEntry]:
    """Allowances (phụ cấp)."""
    return [
        TimelineEntry(
            row.effective_from,
            Kind.ALLOWANCE,
            f"{row.get_kind_display()}: {row.amount_label}",
            row.effective_to,
            row.title,
        )
        for row in Allowance.objects.unrestricted().filter(person=person).order_by("effective_from")
    ]


def cv_facts(person: Person, day: dt.date) -> dict[str, Any]:
    """What the 2C form prints of payroll's facts: the step and allowances on ``day``, the salary history."""
    history = list(SalaryHistory.objects.unrestricted().filter(person=person).order_by("effective_from"))
    return {
        "salary": next((row for row in history if row.in_force_on(day)), None),
        "allowances": list(Allowance.objects.unrestricted().filter(person=person).as_of(day)),
        "salary_history": history,
    }


register(DossierPart("salary", fact_kinds=(SALARY,), timeline=salaries, cv_facts=cv_facts))
register(DossierPart("allowance", fact_kinds=(ALLOWANCE, ALLOWANCE_END), timeline=allowances))
