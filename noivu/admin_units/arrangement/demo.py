"""The arrangement's part of the demo data set: census figures for the demo province (legacy communes
from the 2019 census, current communes summed through the official succession, marked as estimates),
its approximate adjacency, and a draft plan proposed by the solver, so that the analysis, the plan and
the map have something to show.

The census file is the project's reference data for tests and demos, read from ``NOIVU_CENSUS_CSV`` (by
default beside the repository, ``../shared/data/census2019/population_ward_2019.csv``); without it the
step loads nothing and says so.
"""

import os
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from noivu.admin_units.arrangement.adjacency import approximate_edges, edge
from noivu.admin_units.arrangement.models import AdjacencySource, ArrangementPlan, PlanGroup, UnitAdjacency
from noivu.admin_units.arrangement.planner import plan
from noivu.admin_units.arrangement.standards import analyse
from noivu.admin_units.census import CENSUS_DAY, CENSUS_SOURCE, PROVINCE_ALIASES, match_census, squash
from noivu.admin_units.models import (
    LEGACY_END,
    TWO_TIER_START,
    AdminUnit,
    Level,
    Regime,
    UnitChange,
    UnitFigure,
    UnitSuccession,
)
from noivu.admin_units.registry import units_on
from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.organizations.models import Organization, OrganizationKind

ESTIMATE_SOURCE = "Ước tính: dân số 2019 cộng theo danh mục kế thừa năm 2025 (dữ liệu mẫu)"
DEMO_PLAN = "Phương án sắp xếp cấp xã (dữ liệu mẫu)"


def census_file() -> Path:
    configured = os.environ.get("NOIVU_CENSUS_CSV")
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR).parent / "shared" / "data" / "census2019" / "population_ward_2019.csv"


def _legacy_figures(province_code: str) -> int:
    legacy_provinces = set(
        UnitSuccession.objects.filter(level=Level.PROVINCE, new_code=province_code).values_list(
            "legacy_code", flat=True
        )
    )
    path = census_file()
    if not path.exists():
        return -1
    names = {
        squash(name)
        for name in AdminUnit.objects.filter(
            regime=Regime.LEGACY, level=Level.PROVINCE, code__in=legacy_provinces
        ).values_list("short_name", flat=True)
    }
    names |= {alias for alias, name in PROVINCE_ALIASES.items() if name in names}
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header, rows = lines[0], lines[1:]
    city = header.split(",").index("city")
    kept = [line for line in rows if squash(line.split(",")[city]) in names]
    match = match_census("\n".join([header, *kept]))
    units = dict(
        AdminUnit.objects.filter(pk__in=[f.unit_id for f in match.figures]).values_list("pk", "province_code")
    )
    figures = [f for f in match.figures if units.get(f.unit_id) in legacy_provinces]
    UnitFigure.objects.filter(unit_id__in=[f.unit_id for f in figures], source=CENSUS_SOURCE).delete()
    UnitFigure.objects.bulk_create(
        [
            UnitFigure(
                unit_id=f.unit_id,
                area_km2=f.area_km2,
                population=f.population,
                setting=f.setting,
                source=CENSUS_SOURCE,
                effective_from=CENSUS_DAY,
            )
            for f in figures
        ]
    )
    return len(figures)


def _current_figures(province_code: str) -> int:
    """The current communes' population summed from their legacy communes (a split one shared equally)."""
    successions = list(
        UnitSuccession.objects.filter(level=Level.COMMUNE, new_province_code=province_code).values_list(
            "legacy_code", "new_code"
        )
    )
    shares: dict[str, int] = defaultdict(int)
    for legacy_code, _new in successions:
        shares[legacy_code] += 1
    population = dict(
        UnitFigure.objects.filter(
            unit__regime=Regime.LEGACY, unit__code__in=shares, source=CENSUS_SOURCE
        ).values_list("unit__code", "population")
    )
    totals: dict[str, float] = defaultdict(float)
    for legacy_code, new_code in successions:
        totals[new_code] += (population.get(legacy_code) or 0) / shares[legacy_code]
    current = AdminUnit.objects.filter(
        regime=Regime.TWO_TIER, level=Level.COMMUNE, province_code=province_code
    )
    UnitFigure.objects.filter(unit__in=current, source=ESTIMATE_SOURCE).delete()
    rows = [
        UnitFigure(
            unit=unit,
            area_km2=unit.area_km2,
            population=int(round(totals[unit.code])),
            source=ESTIMATE_SOURCE,
            effective_from=TWO_TIER_START,
        )
        for unit in current
        if totals.get(unit.code)
    ]
    UnitFigure.objects.bulk_create(rows)
    return len(rows)


def load(context: DemoContext) -> str:
    legacy = _legacy_figures(context.province_code)
    if legacy < 0:
        return _("Sắp xếp ĐVHC: không có tệp điều tra dân số 2019, bỏ qua số liệu mẫu.")
    current = _current_figures(context.province_code)
    day = max(context.as_of, TWO_TIER_START)
    units = units_on(day, regime=Regime.TWO_TIER, province_code=context.province_code)
    units.parent_code[:] = context.province_code
    edges = approximate_edges(units)
    UnitAdjacency.objects.filter(regime=Regime.TWO_TIER, province_code=context.province_code).delete()
    UnitAdjacency.objects.bulk_create(
        [
            UnitAdjacency(
                regime=Regime.TWO_TIER,
                code_a=a,
                code_b=b,
                province_code=context.province_code,
                source=AdjacencySource.CENTROIDS,
                approximate=True,
            )
            for a, b in sorted(edge(a, b) for a, b in edges)
        ]
    )
    department = (
        Organization.objects.unrestricted()
        .filter(
            path__startswith=context.root_path, kind=OrganizationKind.DEPARTMENT, name__startswith="Sở Nội vụ"
        )
        .order_by("path")
        .first()
    )
    groups = 0
    if department is not None:
        analysis = analyse(units, day, "2025")
        result = plan(analysis, edges, time_limit=2.0, max_size=3, candidate_limit=20_000)
        draft = ArrangementPlan.objects.create(
            organization=department,
            name=DEMO_PLAN,
            regime=Regime.TWO_TIER,
            parent_code=context.province_code,
            as_of=day,
            period="2025",
            source="solver",
            solver_report=result.report(),
        )
        PlanGroup.objects.bulk_create(
            [PlanGroup(plan=draft, members=list(group), seat_code=group[0]) for group in result.groups]
        )
        groups = len(result.groups)
    return _(
        "Sắp xếp ĐVHC: số liệu %(legacy)s xã cũ, %(current)s xã hiện hành, %(edges)s cặp liền kề, "
        "phương án dự thảo %(groups)s nhóm."
    ) % {"legacy": legacy, "current": current, "edges": len(edges), "groups": groups}


def clear(root_path: str) -> None:
    """Undo what adopted demo plans did to the registry, then delete the demo plans."""
    plans = ArrangementPlan.objects.unrestricted().filter(organization__path__startswith=root_path)
    for change in UnitChange.objects.filter(plan__in=plans).prefetch_related("before", "after"):
        for unit in change.before.all():
            unit.effective_to = LEGACY_END if unit.regime == Regime.LEGACY else None
            unit.save(update_fields=["effective_to"])
        created = list(change.after.all())
        change.delete()
        for unit in created:
            unit.delete()
    plans.delete()


demo_steps.register(DemoStep("admin_units.arrangement", 50, load, clear))
