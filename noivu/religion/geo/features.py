"""The religious situation on a map (bản đồ): the current communes of a province as polygons (imported
boundaries, or cells drawn around the communes' centres where none were imported, as the map of
administrative units does), shaded by the incidents of a period, and the places of worship and belief
establishments as points."""

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet

from noivu.admin_units.arrangement.adjacency import approximate_polygons
from noivu.admin_units.arrangement.models import UnitBoundary
from noivu.admin_units.models import Regime
from noivu.admin_units.registry import units_on
from noivu.religion.models import Incident, PlaceKind, WorshipPlace


def commune_features(
    province_code: str, day: dt.date, incidents: QuerySet[Incident], boundaries: QuerySet[UnitBoundary]
) -> tuple[list[dict[str, Any]], bool]:
    """A feature per current commune of the province with its count of ``incidents``; whether some
    polygons are approximate."""
    units = units_on(day, regime=Regime.TWO_TIER, province_code=province_code)
    if not len(units.code):
        return [], False
    units.parent_code[:] = province_code
    codes = [str(code) for code in units.code]
    stored = dict(
        boundaries.filter(unit__regime=Regime.TWO_TIER, unit__code__in=codes).values_list(
            "unit__code", "geometry"
        )
    )
    drawn = approximate_polygons(units) if len(stored) < len(codes) else {}
    counts = dict(
        incidents.filter(commune_code__in=codes)
        .order_by()
        .values("commune_code")
        .annotate(n=Count("pk"))
        .values_list("commune_code", "n")
    )
    features = []
    for i, code in enumerate(codes):
        geometry = stored.get(code) or drawn.get(code)
        if geometry is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "kind": "commune",
                    "code": code,
                    "name": str(units.name[i]),
                    "incidents": counts.get(code, 0),
                },
            }
        )
    return features, len(stored) < len(codes)


def place_features(places: QuerySet[WorshipPlace]) -> tuple[list[dict[str, Any]], int]:
    """A point per place with coordinates; how many have none yet."""
    rows = places.order_by().values(
        "pk", "name", "kind", "religion__name", "address", "latitude", "longitude"
    )
    features = []
    missing = 0
    labels = dict(PlaceKind.choices)
    for row in rows:
        if row["latitude"] is None or row["longitude"] is None:
            missing += 1
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(row["longitude"]), float(row["latitude"])],
                },
                "properties": {
                    "kind": row["kind"],
                    "id": row["pk"],
                    "name": row["name"],
                    "kind_label": str(labels.get(row["kind"], "")),
                    "religion": row["religion__name"] or "",
                    "address": row["address"],
                },
            }
        )
    return features, missing
