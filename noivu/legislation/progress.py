"""The rules of the drafting programme (tiến độ xây dựng văn bản): the planned date of each step from the
deadline, the overdue and at-risk flags, programme progress and the amendment indicator.

Flags are computed in the database for a whole list at once (annotations), not row by row:

- overdue (quá hạn): not signed and the deadline has passed;
- at risk (có nguy cơ chậm): not signed, not yet overdue, and the earliest step not done is due within
  :data:`AT_RISK_DAYS` days (or is already past its planned date): the steps left no longer fit with a
  margin before the deadline.
"""

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.utils.translation import gettext as _

from noivu.core.rules import RuleValue, rule_table
from noivu.legislation.models import STEP_ORDER, Amendment, DraftDocument, Step

STEP_DAYS_TABLE = "drafting_step_days"
AT_RISK_DAYS = 14
"""Days before a step's planned date from which the document is flagged at risk (a working choice)."""


@dataclass(frozen=True)
class PlannedStep:
    step: str
    planned_on: dt.date
    rule: RuleValue | None


def plan_steps(deadline: dt.date, as_of: dt.date) -> list[PlannedStep]:
    """The latest day each step must be done to sign by ``deadline``, with the durations in force on
    ``as_of`` (the day the document enters the programme). Publication follows the signature."""
    table = rule_table(STEP_DAYS_TABLE)
    rules = {step: table.get(step, as_of) for step in STEP_ORDER}

    def days(step: str) -> int:
        rule = rules[step]
        return int(rule.value) if rule is not None else 0

    signature_at = STEP_ORDER.index(Step.SIGNATURE)
    planned = []
    for index, step in enumerate(STEP_ORDER):
        if index <= signature_at:
            later = sum(days(following) for following in STEP_ORDER[index + 1 : signature_at + 1])
            day = deadline - dt.timedelta(days=later)
        else:
            day = deadline + dt.timedelta(days=days(step))
        planned.append(PlannedStep(step, day, rules[step]))
    return planned


def with_flags(documents: QuerySet[DraftDocument], today: dt.date) -> QuerySet[DraftDocument]:
    """``documents`` annotated with ``next_due`` (the planned date of the first step not done), ``overdue``
    and ``at_risk`` as of ``today``, in one query."""
    pending = Q(steps__done_on__isnull=True) & Q(steps__position__lte=STEP_ORDER.index(Step.SIGNATURE))
    return documents.annotate(next_due=Min("steps__planned_on", filter=pending))


def is_overdue(document: DraftDocument, today: dt.date) -> bool:
    return document.issued_on is None and document.deadline < today


def is_at_risk(document: DraftDocument, today: dt.date) -> bool:
    next_due: dt.date | None = getattr(document, "next_due", None)
    if document.issued_on is not None or is_overdue(document, today) or next_due is None:
        return False
    return next_due <= today + dt.timedelta(days=AT_RISK_DAYS)


def overdue_q(today: dt.date) -> Q:
    return Q(issued_on__isnull=True, deadline__lt=today)


def at_risk_q(today: dt.date) -> Q:
    """For a queryset from :func:`with_flags`."""
    return Q(
        issued_on__isnull=True, deadline__gte=today, next_due__lte=today + dt.timedelta(days=AT_RISK_DAYS)
    )


def flag(document: DraftDocument, today: dt.date) -> str:
    """``issued``, ``overdue``, ``at_risk`` or ``on_track`` (for a document from :func:`with_flags`)."""
    if document.issued_on is not None:
        return "issued"
    if is_overdue(document, today):
        return "overdue"
    if is_at_risk(document, today):
        return "at_risk"
    return "on_track"


def flag_label(document: DraftDocument, today: dt.date) -> str:
    labels = {
        "issued": _("Đã ban hành"),
        "overdue": _("Quá hạn"),
        "at_risk": _("Có nguy cơ chậm"),
        "on_track": _("Đúng tiến độ"),
    }
    return labels[flag(document, today)]


@dataclass
class ProgrammeProgress:
    """Counts of a set of documents as of a day (tiến độ chương trình)."""

    total: int = 0
    issued: int = 0
    overdue: int = 0
    at_risk: int = 0
    by_step: dict[str, int] = field(default_factory=dict)

    @property
    def on_track(self) -> int:
        return self.total - self.issued - self.overdue - self.at_risk

    @property
    def percent_issued(self) -> int:
        return round(100 * self.issued / self.total) if self.total else 0


def progress(documents: QuerySet[DraftDocument], today: dt.date) -> ProgrammeProgress:
    """Progress of ``documents`` as of ``today``: grouped counts, three queries whatever the size."""
    flagged = with_flags(documents, today)
    totals = flagged.aggregate(
        total=Count("pk", distinct=True),
        issued=Count("pk", filter=Q(issued_on__isnull=False, issued_on__lte=today), distinct=True),
    )
    result = ProgrammeProgress(total=totals["total"], issued=totals["issued"])
    result.overdue = documents.filter(overdue_q(today)).count()
    result.at_risk = flagged.filter(at_risk_q(today)).values("pk").distinct().count()
    steps = documents.filter(issued_on__isnull=True).values("step").annotate(n=Count("pk"))
    result.by_step = {row["step"]: row["n"] for row in steps}
    return result


@dataclass(frozen=True)
class AmendmentIndicator:
    """How soon issued documents were amended or replaced (chỉ số sửa đổi văn bản)."""

    issued: int
    amended: int
    median_days: float | None
    within_two_years: int

    @property
    def percent_amended(self) -> int:
        return round(100 * self.amended / self.issued) if self.issued else 0


def amendment_indicator(documents: QuerySet[DraftDocument]) -> AmendmentIndicator:
    """Issued documents of ``documents``, how many were later amended or replaced, the median time from
    issue to the first amendment and how many were amended within two years."""
    issued = documents.filter(issued_on__isnull=False)
    first = (
        Amendment.objects.unrestricted()
        .filter(document__in=issued)
        .values("document")
        .annotate(first=Min("issued_on"))
        .values_list("document__issued_on", "first")
    )
    gaps = [(amended - issued_on).days for issued_on, amended in first]
    return AmendmentIndicator(
        issued=issued.count(),
        amended=len(gaps),
        median_days=statistics.median(gaps) if gaps else None,
        within_two_years=sum(1 for gap in gaps if gap <= 730),
    )


def explain_plan(document: DraftDocument, as_of: dt.date) -> list[dict[str, Any]]:
    """The steps of ``document`` with the duration and the rule (in force on ``as_of``) each planned
    date rests on, for the detail page."""
    planned = {item.step: item for item in plan_steps(document.deadline, as_of)}
    rows = []
    for step in document.steps.all():
        rule = planned[step.step].rule
        rows.append({"step": step, "days": rule.value if rule else None, "rule": rule})
    return rows
