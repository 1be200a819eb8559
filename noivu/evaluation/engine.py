"""The rules of evaluation (đánh giá, xếp loại) applied as of the period rated, and the batch computations
over a scope: the regime of a period, the task results of many persons at once, the score under the scored
regimes, the cap on "hoàn thành xuất sắc" and the results of a unit's period — each returning the rules
and citations it used."""

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from noivu.core.rules import RuleTable, RuleValue, rule_table
from noivu.evaluation.models import Level, PeriodKind, Regime, TaskStatus
from noivu.evaluation.rules import nd90_2020, nd233_2026, nd335_2025

RULES = "evaluation_rules"
CIVIL_SERVANT_CATEGORIES = {"civil_servant", "commune_servant"}
PUBLIC_EMPLOYEE_CATEGORIES = {"public_employee"}


class CapExceeded(ValueError):
    """A decision would rate more persons (or units) "hoàn thành xuất sắc" than the cap allows."""


def regime_code(category: str) -> str:
    if category in CIVIL_SERVANT_CATEGORIES:
        return "regime_civil_servant"
    if category in PUBLIC_EMPLOYEE_CATEGORIES:
        return "regime_public_employee"
    return "regime_cadre"


def regime_for(category: str, period_end: dt.date, table: RuleTable | None = None) -> RuleValue:
    """The regime row in force on the last day of the period for a person of ``category``."""
    return (table or rule_table(RULES)).lookup(regime_code(category), period_end)


def is_scored(regime: str) -> bool:
    return regime in (Regime.ND335, Regime.ND233)


@dataclass(frozen=True)
class Explained:
    """A result with the rules it rests on: ``rules`` are :meth:`RuleValue.explain` records."""

    rating: str | None
    score: Decimal | None = None
    components: dict[str, str] = field(default_factory=dict)
    steps: list[str] = field(default_factory=list)
    rules: list[dict] = field(default_factory=list)


def score_period(
    regime: str,
    period_end: dt.date,
    inputs: nd335_2025.ScoreInputs,
    table: RuleTable | None = None,
) -> Explained:
    """The score and level of a period under a scored regime, each component shown."""
    table = table or rule_table(RULES)
    points = table.lookup("task_points", period_end)
    bands = table.lookup("score_bands", period_end)
    module: Any = nd233_2026 if regime == Regime.ND233 else nd335_2025
    if not 0 <= inputs.general_points <= Decimal(points.value["general_max"]):
        raise ValueError(
            _("Điểm tiêu chí chung phải từ 0 đến %(max)s (%(citation)s).")
            % {"max": points.value["general_max"], "citation": module.CITATION}
        )
    total, components, steps = module.score(inputs, points.value)
    level, reason = module.level_of(total, bands.value, inputs.overriding_reason)
    return Explained(level, total, components, [*steps, reason], [points.explain(), bands.explain()])


def level_from_score(score: Decimal, period_end: dt.date, table: RuleTable | None = None) -> Explained:
    """The level a score (0–100) reaches under the bands in force on ``period_end``."""
    if not Decimal(0) <= score <= Decimal(100):
        raise ValueError(
            _("Điểm phải từ 0 đến 100 (thang điểm 100, %(citation)s).") % {"citation": nd335_2025.CITATION}
        )
    bands = (table or rule_table(RULES)).lookup("score_bands", period_end)
    level, reason = nd335_2025.level_of(score, bands.value)
    return Explained(level, score, {"total": str(score)}, [reason], [bands.explain()])


def rate_by_criteria(criteria: nd90_2020.Criteria) -> Explained:
    """The level the criteria of Nghị định 90/2020 reach, with the reasons."""
    level, reasons = nd90_2020.rate(criteria)
    return Explained(level, None, {}, [*reasons, nd90_2020.CITATION], [])


# ---------------------------------------------------------------------------------------------------------
# Task results, columnar.


def task_results(person_ids: list[int] | None, start: dt.date, end: dt.date, *, unit_path: str = "") -> dict:
    """The task results of each person (or, with ``person_ids`` None, every task owner under ``unit_path``)
    over the tasks whose deadline falls in [start, end]: products assigned, finished, finished with quality
    and on time — one grouped query."""
    from noivu.evaluation.models import Task

    tasks = Task.objects.unrestricted().filter(deadline__range=(start, end), owner__isnull=False)
    tasks = tasks.exclude(status=TaskStatus.CANCELLED)
    if person_ids is not None:
        tasks = tasks.filter(owner_id__in=person_ids)
    if unit_path:
        tasks = tasks.filter(organization__path__startswith=unit_path)
    per_task = (
        tasks.values("id", "owner_id", "target_quantity")
        .annotate(
            finished=Coalesce(Sum("progress__quantity"), 0),
            with_quality=Coalesce(Sum("progress__quality_quantity"), 0),
            on_time=Coalesce(
                Sum("progress__quantity", filter=Q(progress__reported_on__lte=F("deadline"))), 0
            ),
        )
        .values_list("owner_id", "target_quantity", "finished", "with_quality", "on_time")
        .order_by()
    )
    totals: dict[int, list[int]] = {}
    for owner, target, finished, with_quality, on_time in per_task:
        total = totals.setdefault(owner, [0, 0, 0, 0])
        total[0] += target
        total[1] += min(finished, target)
        total[2] += min(with_quality, target)
        total[3] += min(on_time, target)
    return {owner: nd335_2025.TaskResults(*total) for owner, total in totals.items()}


def overdue_filter(day: dt.date) -> Q:
    return Q(status=TaskStatus.OPEN, deadline__lt=day)


def progress_share(target: int, finished: int) -> int:
    return min(100, round(finished * 100 / target)) if target else 0


# ---------------------------------------------------------------------------------------------------------
# The cap on "hoàn thành xuất sắc".


@dataclass(frozen=True)
class CapCheck:
    """The cap of one group (a unit's period and, within it, a group of similar tasks)."""

    group: str
    excellent: int
    good: int
    allowed: int | None
    rule: RuleValue | None

    @property
    def exceeded(self) -> bool:
        return self.allowed is not None and self.excellent > self.allowed

    def message(self, unit_name: str, period: str, *, units: bool = False) -> str:
        assert self.rule is not None
        if units:
            text = _(
                'Vượt tỷ lệ "Hoàn thành xuất sắc nhiệm vụ" (%(citation)s): %(unit)s, %(period)s%(group)s có '
                "%(excellent)s đơn vị xếp loại hoàn thành xuất sắc trong khi %(good)s đơn vị hoàn thành tốt "
                "chỉ cho phép tối đa %(allowed)s (%(percent)s%%)."
            )
        else:
            text = _(
                'Vượt tỷ lệ "Hoàn thành xuất sắc nhiệm vụ" (%(citation)s): %(unit)s, %(period)s%(group)s có '
                "%(excellent)s người xếp loại hoàn thành xuất sắc trong khi %(good)s người hoàn thành tốt "
                "chỉ cho phép tối đa %(allowed)s (%(percent)s%%)."
            )
        return text % {
            "citation": self.rule.legal_basis.citation,
            "unit": unit_name,
            "period": period,
            "group": _(', nhóm "%(group)s"') % {"group": self.group} if self.group else "",
            "excellent": self.excellent,
            "good": self.good,
            "allowed": self.allowed,
            "percent": self.rule.value,
        }


def cap_rule(
    period_end: dt.date, outstanding: bool, *, units: bool = False, table: RuleTable | None = None
) -> RuleValue | None:
    table = table or rule_table(RULES)
    prefix = "unit_excellent_cap" if units else "excellent_cap"
    code = f"{prefix}_outstanding_percent" if outstanding else f"{prefix}_percent"
    return table.get(code, period_end)


def allowed_excellent(
    good: int, rule: RuleValue | None, period_end: dt.date, table: RuleTable | None = None
) -> int | None:
    if rule is None:
        return None
    rounding = (table or rule_table(RULES)).get("cap_rounding", period_end)
    exact = good * Decimal(rule.value) / 100
    return math.ceil(exact) if rounding is not None and rounding.value == "ceil" else math.floor(exact)


def check_cap(
    ratings: list[tuple[str, str]], period_end: dt.date, *, outstanding: bool = False, units: bool = False
) -> list[CapCheck]:
    """The cap of each group for ``ratings`` — (group of similar tasks, level) of everyone decided in the
    unit's period, the decisions being taken included."""
    table = rule_table(RULES)
    rule = cap_rule(period_end, outstanding, units=units, table=table)
    counts: Counter[tuple[str, str]] = Counter(ratings)
    groups = sorted({group for group, _level in ratings})
    checks = []
    for group in groups:
        good = counts[(group, Level.GOOD)]
        checks.append(
            CapCheck(
                group,
                counts[(group, Level.EXCELLENT)],
                good,
                allowed_excellent(good, rule, period_end, table),
                rule,
            )
        )
    return checks


def period_end_of(year: int, kind: str, number: int) -> dt.date:
    from noivu.evaluation.models import period_bounds

    return period_bounds(year, kind, number)[1]


YEAR = PeriodKind.YEAR


# ---------------------------------------------------------------------------------------------------------
# A period's results per unit.


@dataclass
class UnitResult:
    """The decided ratings of one unit's period (and group of similar tasks), with the cap."""

    organization_id: int
    name: str
    group: str
    counts: dict[str, int]
    allowed: int | None
    pending: int = 0
    code: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def exceeded(self) -> bool:
        return self.allowed is not None and self.counts.get(Level.EXCELLENT, 0) > self.allowed


def unit_results(
    evaluations: Any, year: int, period_kind: str, period_number: int, names: dict[int, str] | None = None
) -> tuple[list[UnitResult], RuleValue | None]:
    """The counts per level of every unit (and group of similar tasks) among ``evaluations`` (a queryset
    already restricted to the reader) for one period, each with the cap in force: one grouped query."""
    from django.db.models import Count

    from noivu.evaluation.models import Status, UnitEvaluation
    from noivu.organizations.models import Organization

    end = period_end_of(year, period_kind, period_number)
    table = rule_table(RULES)
    period = evaluations.filter(year=year, period_kind=period_kind, period_number=period_number)
    grouped = (
        period.values("organization_id", "task_group", "status", "rating")
        .annotate(count=Count("id"))
        .order_by()
        .values_list("organization_id", "task_group", "status", "rating", "count")
    )
    results: dict[tuple[int, str], UnitResult] = {}
    for organization_id, group, status, rating, count in grouped:
        result = results.setdefault(
            (organization_id, group),
            UnitResult(organization_id, "", group, {level: 0 for level in Level.values}, None),
        )
        if status == Status.DECIDED and rating:
            result.counts[rating] += count
        else:
            result.pending += count
    outstanding = set(
        UnitEvaluation.objects.unrestricted()
        .filter(year=year, outstanding=True, organization_id__in={key[0] for key in results})
        .values_list("organization_id", flat=True)
    )
    rules = {flag: cap_rule(end, flag, table=table) for flag in (False, True)}
    if names is None:
        names = dict(
            Organization.objects.unrestricted()
            .filter(pk__in={key[0] for key in results})
            .values_list("pk", "name")
        )
    for (organization_id, _group), result in results.items():
        rule = rules[organization_id in outstanding]
        result.allowed = allowed_excellent(result.counts[Level.GOOD], rule, end, table)
        result.name = names.get(organization_id, "")
    # The units over the cap first: they are what the reader has to act on.
    ordered = sorted(results.values(), key=lambda r: (not r.exceeded, r.name, r.group))
    return ordered, rules[False]


# ---------------------------------------------------------------------------------------------------------
# Task summaries.


@dataclass
class TaskSummary:
    """The tasks of one owner (or unit) over one period: how many, the products assigned and finished,
    those on time, the tasks overdue."""

    key: Any
    period: int
    tasks: int = 0
    assigned: int = 0
    finished: int = 0
    on_time: int = 0
    overdue: int = 0

    @property
    def finished_percent(self) -> int:
        return progress_share(self.assigned, self.finished)


def task_summaries(
    tasks: Any, year: int, granularity: str, *, by: str = "owner_id", day: dt.date
) -> list[TaskSummary]:
    """Summaries of ``tasks`` (a queryset restricted to the reader) whose deadline falls in ``year``, per
    ``by`` (owner_id or organization_id) and per month, quarter or the whole year: two grouped queries."""
    from django.db.models import Case, Count, IntegerField, Value, When
    from django.db.models.functions import ExtractMonth

    rows = tasks.filter(deadline__year=year).exclude(status=TaskStatus.CANCELLED)
    if granularity == PeriodKind.MONTH:
        period: Any = ExtractMonth("deadline")
    elif granularity == PeriodKind.QUARTER:
        period = Case(
            When(**{"deadline__month__lte": 3}, then=Value(1)),
            When(**{"deadline__month__lte": 6}, then=Value(2)),
            When(**{"deadline__month__lte": 9}, then=Value(3)),
            default=Value(4),
            output_field=IntegerField(),
        )
    else:
        period = Value(0, output_field=IntegerField())
    counted = (
        rows.annotate(period=period)
        .values(by, "period")
        .annotate(
            tasks=Count("id"),
            assigned=Coalesce(Sum("target_quantity"), 0),
            overdue=Count("id", filter=Q(status=TaskStatus.OPEN, deadline__lt=day)),
        )
        .order_by()
        .values_list(by, "period", "tasks", "assigned", "overdue")
    )
    summaries: dict[tuple[int, int], TaskSummary] = {}
    for key, number, count, assigned, overdue in counted:
        summaries[(key, number)] = TaskSummary(key, number, count, assigned, 0, 0, overdue)
    done = (
        rows.annotate(period=period)
        .values(by, "period")
        .annotate(
            finished=Coalesce(Sum("progress__quantity"), 0),
            on_time=Coalesce(
                Sum("progress__quantity", filter=Q(progress__reported_on__lte=F("deadline"))), 0
            ),
        )
        .order_by()
        .values_list(by, "period", "finished", "on_time")
    )
    for key, number, finished, on_time in done:
        summary = summaries.get((key, number))
        if summary is not None:
            summary.finished = min(finished, summary.assigned)
            summary.on_time = min(on_time, summary.assigned)
    return sorted(summaries.values(), key=lambda s: (s.key is not None, s.key or 0, s.period))


def counted_tasks(tasks: Any) -> Any:
    """``tasks`` without those split into parts (giao tiếp cho cấp dưới): a split task counts through its
    parts, so that a sub-tree's summary does not count the same products twice."""
    from django.db.models import Exists, OuterRef

    from noivu.evaluation.models import Task

    parts = Task.objects.unrestricted().filter(parent=OuterRef("pk")).exclude(status=TaskStatus.CANCELLED)
    return tasks.filter(~Exists(parts))


def subtree_summaries(
    tasks: Any, unit_path: str, step: int, year: int, granularity: str, *, day: dt.date
) -> tuple[list[TaskSummary], list[TaskSummary]]:
    """The summaries of the sub-tree at ``unit_path`` over ``tasks`` (restricted to the reader): per branch
    (the unit itself, keyed by its path, and each unit right below it with its whole sub-tree, keyed by that
    unit's path) and per person, by month, quarter or year — split tasks counted through their parts."""
    from django.db.models.functions import Substr

    rows = counted_tasks(tasks.filter(organization__path__startswith=unit_path))
    branches = rows.annotate(branch=Substr("organization__path", 1, len(unit_path) + step))
    return (
        task_summaries(branches, year, granularity, by="branch", day=day),
        task_summaries(rows, year, granularity, by="owner_id", day=day),
    )
