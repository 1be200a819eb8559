"""The arrangement's computations for a scope (a parent unit as of a day): its units and figures, the
analysis, the adjacency (stored pairs, or derived from centres when none is stored), the solver's
proposal and the evaluation of a plan."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from noivu.admin_units.arrangement.adjacency import Edge, approximate_edges, edge
from noivu.admin_units.arrangement.models import UnitAdjacency
from noivu.admin_units.arrangement.planner import PlanEvaluation, PlanResult, evaluate, plan
from noivu.admin_units.arrangement.standards import Analysis, Standards, analyse
from noivu.admin_units.models import AdminUnit, Level
from noivu.admin_units.registry import UnitTable, regime_on, units_on


class ScopeError(ValueError):
    pass


@dataclass
class Scope:
    """The units of one parent as of a day, analysed, with their adjacency."""

    parent: AdminUnit
    regime: str
    units: UnitTable
    analysis: Analysis
    edges: set[Edge]
    approximate: bool
    standards: Standards


def parent_unit(code: str, day: dt.date) -> AdminUnit:
    regime = regime_on(day)
    level = Level.DISTRICT if len(code) == 3 else Level.PROVINCE
    found = AdminUnit.objects.filter(regime=regime, level=level, code=code).first()
    if found is None:
        raise ScopeError(
            _("Không có đơn vị cấp trên mã %(code)s ngày %(day)s.")
            % {"code": code, "day": day.strftime("%d/%m/%Y")}
        )
    return found


def stored_edges(regime: str, codes: set[str]) -> tuple[set[Edge], bool]:
    """The stored pairs among ``codes`` (removed ones left out) and whether any is approximate."""
    rows = UnitAdjacency.objects.filter(regime=regime, code_a__in=codes, code_b__in=codes)
    edges = {edge(a, b) for a, b, removed in rows.values_list("code_a", "code_b", "removed") if not removed}
    return edges, rows.filter(approximate=True).exists() or not rows.exists()


def plan_scope(parent_code: str, day: dt.date, period: str | None = None) -> Scope:
    parent = parent_unit(parent_code, day)
    if parent.level == Level.DISTRICT:
        units = units_on(day, regime=parent.regime, parent_code=parent.code)
    else:
        units = units_on(day, regime=parent.regime, province_code=parent.code)
        # Communes of a province are grouped within the province (the 2025 arrangement).
        units.parent_code[:] = parent.code
    standards = Standards()
    analysis = analyse(units, day, period, standards)
    edges, approximate = stored_edges(parent.regime, set(units.code))
    if not edges:
        edges, approximate = approximate_edges(units), True
    return Scope(parent, parent.regime, units, analysis, edges, approximate, standards)


def propose(scope: Scope, *, objective: str, locked: list[str], time_limit: float) -> PlanResult:
    return plan(
        scope.analysis,
        scope.edges,
        objective=objective,
        locked=locked,
        time_limit=time_limit,
        standards=scope.standards,
    )


def evaluate_groups(scope: Scope, groups: list[list[str]]) -> PlanEvaluation:
    return evaluate(scope.analysis, scope.edges, [list(g) for g in groups], scope.standards)
