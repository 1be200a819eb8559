"""GeoJSON of a scope for the map (bản đồ): each unit's polygon (imported boundaries, or cells drawn
around the units' centres, marked approximate), its verdict and its group in a plan."""

from typing import Any

from noivu.admin_units.arrangement.adjacency import approximate_polygons
from noivu.admin_units.arrangement.engine import Scope
from noivu.admin_units.arrangement.models import UnitBoundary
from noivu.admin_units.arrangement.presenters import figure
from noivu.admin_units.arrangement.standards import Verdict
from noivu.admin_units.models import AdminUnit


def scope_features(scope: Scope, groups: list[list[str]]) -> dict[str, Any]:
    units = scope.units
    analysis = scope.analysis
    ids = dict(
        AdminUnit.objects.filter(
            regime=scope.regime, code__in=list(units.code), level=units.level[0] if len(units) else ""
        ).values_list("code", "id")
    )
    stored = {
        code: geometry
        for code, geometry in UnitBoundary.objects.filter(unit_id__in=ids.values()).values_list(
            "unit__code", "geometry"
        )
    }
    drawn = approximate_polygons(units) if len(stored) < len(units) else {}
    group_of = {code: number for number, group in enumerate(groups, start=1) for code in group}
    labels = dict(Verdict.choices)
    features = []
    for i, code in enumerate(units.code):
        geometry = stored.get(code) or drawn.get(code)
        if geometry is None:
            continue
        verdict = str(analysis.verdict[i])
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "name": units.name[i],
                    "verdict": verdict,
                    "verdict_label": str(labels.get(verdict, verdict)),
                    "area_pct": figure(analysis.area_pct[i], 1),
                    "population_pct": figure(analysis.population_pct[i], 1),
                    "group": group_of.get(code),
                    "approximate": code not in stored,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features, "approximate": len(stored) < len(units)}
