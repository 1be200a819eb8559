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


def rate_by_criteria(criteria: nd90_2020.Criteria, period_end: dt.date) -> Explained:
    level, reasons = nd90_2020.rate(criteria)
    regime = regime_for("civil_servant", dt.date(2025, 12, 31))
    return Explained(level, None, {}, [*reasons, nd90_2020.CITATION], [regime.explain()])


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

    def message(self, unit_name: str, period: str) -> str:
        assert self.rule is not None
        return _(
            'Vượt tỷ lệ "Hoàn thành xuất sắc nhiệm vụ" (%(citation)s): %(unit)s, %(period)s%(group)s có '
            "%(excellent)s người xếp loại hoàn thành xuất sắc trong khi %(good)s người hoàn thành tốt chỉ "
            "cho phép tối đa %(allowed)s (%(percent)s%%)."
        ) % {
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
