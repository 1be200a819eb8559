"""The merge planner (lập phương án sắp xếp): groups of adjacent units of the same parent such that every
unit that must be arranged is merged, every unit formed meets what the period requires of it, locked
and exempted units stay as they are, and the objective chosen is optimised.

Set partitioning solved with OR-Tools CP-SAT: the candidate groups are the connected sets of up to
``max_size`` units of one parent (enumerated over the adjacency graph) whose merged unit passes the
period's rule; the solver picks candidates covering every unit exactly once. A greedy plan warm-starts
it; a must-arrange unit no feasible group can take is reported as unresolved, not left silently.
"""

import math
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from ortools.sat.python import cp_model

from noivu.admin_units.arrangement.adjacency import Edge
from noivu.admin_units.arrangement.models import Objective
from noivu.admin_units.arrangement.standards import Analysis, GroupCheck, GroupRule, Standards, Verdict

DEFAULT_TIME_LIMIT = 20.0


@dataclass
class Candidate:
    members: tuple[int, ...]  # indexes into the analysis
    cost: int
    check: GroupCheck | None = None


@dataclass
class PlanResult:
    """The groups found (codes of the units merged; singletons are left out), and how the solver fared."""

    groups: list[tuple[str, ...]]
    status: str
    objective: float | None
    bound: float | None
    gap: float | None
    seconds: float
    candidates: int
    unresolved: list[str] = field(default_factory=list)
    checks: dict[tuple[str, ...], GroupCheck] = field(default_factory=dict)

    def report(self) -> dict:
        return {
            "status": self.status,
            "objective": self.objective,
            "bound": self.bound,
            "gap": self.gap,
            "seconds": round(self.seconds, 2),
            "candidates": self.candidates,
            "unresolved": self.unresolved,
        }


def _neighbours(codes: np.ndarray, edges: Iterable[Edge]) -> list[set[int]]:
    position = {code: i for i, code in enumerate(codes)}
    adjacent: list[set[int]] = [set() for _ in codes]
    for a, b in edges:
        if a in position and b in position:
            adjacent[position[a]].add(position[b])
            adjacent[position[b]].add(position[a])
    return adjacent


def connected_sets(
    adjacent: list[set[int]], allowed: set[int], max_size: int, limit: int, deadline: float = math.inf
) -> list[tuple[int, ...]]:
    """Every connected set of 2..max_size units of ``allowed`` (each once), at most ``limit``, grown
    size by size (smaller sets first) until ``deadline`` (a ``time.monotonic()`` value)."""
    found: list[tuple[int, ...]] = []
    level: set[frozenset[int]] = {frozenset([i]) for i in allowed}
    for _size in range(2, max_size + 1):
        grown_level: set[frozenset[int]] = set()
        for members in level:
            border = set().union(*(adjacent[i] for i in members)) & allowed
            for extra in border - members:
                grown = members | {extra}
                if grown not in grown_level:
                    grown_level.add(grown)
                    found.append(tuple(sorted(grown)))
                    if len(found) >= limit:
                        return found
            if time.monotonic() > deadline:
                return found
        level = grown_level
    return found


def _spread(analysis: Analysis, members: tuple[int, ...]) -> float:
    """Population-weighted mean distance (km) of the members' centres to the group's centre."""
    units = analysis.units
    lat = units.latitude[list(members)]
    lon = units.longitude[list(members)]
    if np.isnan(lat).any() or np.isnan(lon).any():
        return 0.0
    weight = np.nan_to_num(units.population[list(members)], nan=1.0) + 1.0
    x = lon * 111.32 * math.cos(math.radians(float(lat.mean())))
    y = lat * 110.57
    cx, cy = np.average(x, weights=weight), np.average(y, weights=weight)
    return float(np.average(np.hypot(x - cx, y - cy), weights=weight))


def _cost(objective: str, size: int, spread: float) -> int:
    if objective == Objective.FEWEST_CHANGED:
        return size if size > 1 else 0
    if objective == Objective.MOST_COMPACT:
        return int(round(spread * 10 * size))
    return 1


def plan(
    analysis: Analysis,
    edges: Iterable[Edge],
    *,
    objective: str = Objective.FEWEST_UNITS,
    locked: Iterable[str] = (),
    max_size: int | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    candidate_limit: int = 400_000,
    standards: Standards | None = None,
) -> PlanResult:
    started = time.monotonic()
    units = analysis.units
    n = len(units)
    locked_set = set(locked)
    max_size = max_size or (5 if n <= 300 else 4)
    rule = GroupRule(
        standards or Standards(), analysis.period, analysis.day, str(units.level[0]) if n else "commune"
    )
    adjacent = _neighbours(units.code, edges)
    must = [
        bool(analysis.verdict[i] == Verdict.MUST_ARRANGE) and units.code[i] not in locked_set
        for i in range(n)
    ]
    free = {i for i in range(n) if units.code[i] not in locked_set and analysis.verdict[i] != Verdict.NO_DATA}
    # Groups stay within one parent: edges across parents are ignored.
    for i in range(n):
        adjacent[i] = {j for j in adjacent[i] if units.parent_code[j] == units.parent_code[i]}
    candidates: list[Candidate] = [Candidate((i,), 0) for i in range(n)]
    # Enumeration and checks take at most half the time; the solver has the rest.
    deadline = started + time_limit * 0.4
    for members in connected_sets(adjacent, free, max_size, candidate_limit, deadline):
        if time.monotonic() > deadline:
            break
        idx = list(members)
        check = rule.check(
            tuple(units.code[idx]),
            list(units.unit_type[idx]),
            list(units.area_km2[idx]),
            list(units.population[idx]),
            list(units.mountainous[idx]),
            list(units.island[idx]),
            str(units.parent_type[idx[0]]),
            str(units.province_type[idx[0]]),
        )
        if check.ok:
            candidates.append(
                Candidate(members, _cost(objective, len(members), _spread(analysis, members)), check)
            )
    for i in range(n):
        candidates[i].cost = _cost(objective, 1, 0.0)
    covering: dict[int, list[int]] = defaultdict(list)
    for k, candidate in enumerate(candidates):
        for i in candidate.members:
            covering[i].append(k)
    warm = set(_greedy(candidates, n, must))
    # A must-arrange unit left alone costs more than any plan without it could save: it is reported
    # unresolved (no feasible group for it, or none left by the others), never dropped silently.
    penalty = max(c.cost for c in candidates) * n + 1
    model = cp_model.CpModel()
    chosen = [model.new_bool_var(f"c{k}") for k in range(len(candidates))]
    for i in range(n):
        model.add_exactly_one(chosen[k] for k in covering[i])
    costs = [
        candidate.cost + (penalty if len(candidate.members) == 1 and must[candidate.members[0]] else 0)
        for candidate in candidates
    ]
    model.minimize(sum(cost * chosen[k] for k, cost in enumerate(costs)))
    for k in range(len(candidates)):
        model.add_hint(chosen[k], k in warm)
    solver = cp_model.CpSolver()
    # The enumeration may have used much of the time: the solver keeps at least a few seconds.
    solver.parameters.max_time_in_seconds = max(2.0, time_limit - (time.monotonic() - started))
    solver.parameters.num_workers = 2
    # Merging the exactly-one constraints into cliques, probing and detecting symmetries cost seconds on
    # tens of thousands of candidates and bring nothing to a set partition started from a hint.
    solver.parameters.merge_at_most_one_work_limit = 1e5
    solver.parameters.symmetry_level = 0
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.max_presolve_iterations = 1
    status = solver.solve(model)
    name = solver.status_name(status)
    bound: float | None
    gap: float | None
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        picked = {k for k in range(len(candidates)) if solver.boolean_value(chosen[k])}
        value, bound = solver.objective_value, solver.best_objective_bound
        gap = 0.0 if status == cp_model.OPTIMAL else abs(value - bound) / max(1.0, abs(value))
    else:
        # No solution within the time: the greedy plan stands, its gap unknown.
        picked, name = warm, "HEURISTIC"
        value, bound, gap = float(sum(costs[k] for k in warm)), None, None
    groups: list[tuple[str, ...]] = []
    checks: dict[tuple[str, ...], GroupCheck] = {}
    unresolved: list[str] = []
    for k in sorted(picked):
        candidate = candidates[k]
        if len(candidate.members) == 1:
            i = candidate.members[0]
            if must[i]:
                unresolved.append(str(units.code[i]))
            continue
        codes = tuple(str(units.code[i]) for i in candidate.members)
        groups.append(codes)
        if candidate.check is not None:
            checks[codes] = candidate.check
    return PlanResult(
        groups=sorted(groups),
        status=name,
        objective=round(value, 2),
        bound=None if bound is None else round(bound, 2),
        gap=None if gap is None else round(gap, 4),
        seconds=time.monotonic() - started,
        candidates=len(candidates),
        unresolved=sorted(unresolved),
        checks=checks,
    )


def _greedy(candidates: list[Candidate], n: int, must: list[bool]) -> list[int]:
    """A quick feasible plan: each must-arrange unit, hardest first, takes the cheapest feasible group
    per member among those whose units are still free; everything else stays alone."""
    by_unit: dict[int, list[int]] = defaultdict(list)
    for k, candidate in enumerate(candidates):
        if len(candidate.members) > 1:
            for i in candidate.members:
                by_unit[i].append(k)
    taken: set[int] = set()
    picked: list[int] = []
    for i in sorted((i for i in range(n) if must[i]), key=lambda i: len(by_unit[i])):
        if i in taken:
            continue
        options = [k for k in by_unit[i] if not taken & set(candidates[k].members)]
        if not options:
            continue
        best = min(
            options,
            key=lambda k: (candidates[k].cost / len(candidates[k].members), len(candidates[k].members)),
        )
        picked.append(best)
        taken |= set(candidates[best].members)
    picked += [i for i in range(n) if i not in taken]
    return picked


@dataclass
class GroupRow:
    """A unit after the plan: a group formed, or a unit left as it is."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    area_km2: float
    population: float
    area_pct: float
    population_pct: float
    ok: bool
    note: str
    merged: bool


@dataclass
class PlanEvaluation:
    errors: list[str]
    rows: list[GroupRow]

    @property
    def units_before(self) -> int:
        return sum(len(row.codes) for row in self.rows)

    @property
    def units_after(self) -> int:
        return len(self.rows)


def evaluate(
    analysis: Analysis, edges: Iterable[Edge], groups: list[list[str]], standards: Standards | None = None
) -> PlanEvaluation:
    """Check any plan (proposed, hand-drawn or the adopted one) against the standards: each unit in one
    group at most, each group within one parent and contiguous, each unit formed meeting the period's
    rule, and no unit that must be arranged left alone."""
    units = analysis.units
    position = units.position()
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, group in enumerate(groups, start=1):
        for code in group:
            if code not in position:
                errors.append(
                    _("Nhóm %(n)s: đơn vị %(code)s không thuộc phạm vi phương án.")
                    % {"n": number, "code": code}
                )
            elif code in seen:
                errors.append(
                    _("Đơn vị %(name)s nằm trong hai nhóm (%(a)s và %(b)s).")
                    % {"name": units.name[position[code]], "a": seen[code], "b": number}
                )
            else:
                seen[code] = number
    if errors:
        return PlanEvaluation(errors, [])
    adjacent = _neighbours(units.code, edges)
    rule = GroupRule(
        standards or Standards(),
        analysis.period,
        analysis.day,
        str(units.level[0]) if len(units) else "commune",
    )
    rows: list[GroupRow] = []
    for number, group in enumerate(groups, start=1):
        idx = [position[code] for code in group]
        if len(idx) < 2:
            continue
        if len({units.parent_code[i] for i in idx}) > 1:
            errors.append(_("Nhóm %(n)s gồm đơn vị thuộc các đơn vị cấp trên khác nhau.") % {"n": number})
            continue
        reached = {idx[0]}
        stack = [idx[0]]
        while stack:
            for j in adjacent[stack.pop()] & set(idx):
                if j not in reached:
                    reached.add(j)
                    stack.append(j)
        if len(reached) != len(idx):
            apart = ", ".join(units.name[i] for i in idx if i not in reached)
            errors.append(
                _("Nhóm %(n)s không liền kề: %(apart)s không giáp các đơn vị còn lại.")
                % {"n": number, "apart": apart}
            )
            continue
        check = rule.check(
            tuple(group),
            list(units.unit_type[idx]),
            list(units.area_km2[idx]),
            list(units.population[idx]),
            list(units.mountainous[idx]),
            list(units.island[idx]),
            str(units.parent_type[idx[0]]),
            str(units.province_type[idx[0]]),
        )
        rows.append(
            GroupRow(
                tuple(group),
                tuple(units.name[idx]),
                check.area_km2,
                check.population,
                check.area_pct,
                check.population_pct,
                check.ok,
                check.reason,
                True,
            )
        )
    for code, i in position.items():
        if code in seen and len(groups[seen[code] - 1]) > 1:
            continue
        must = analysis.verdict[i] == Verdict.MUST_ARRANGE
        rows.append(
            GroupRow(
                (code,),
                (units.name[i],),
                float(units.area_km2[i]),
                float(units.population[i]),
                float(analysis.area_pct[i]),
                float(analysis.population_pct[i]),
                not must,
                _("Thuộc diện phải sắp xếp nhưng chưa được nhập.") if must else "",
                False,
            )
        )
    return PlanEvaluation(errors, rows)
