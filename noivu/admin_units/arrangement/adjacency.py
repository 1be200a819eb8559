"""Which units share a boundary (quan hệ liền kề): from a boundary file the user imports (GeoJSON in
WGS 84), or, where there is none, approximated from the units' centres within the same parent (a pruned
Delaunay triangulation), marked approximate and editable by hand.
"""

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext as _
from scipy.spatial import Delaunay, QhullError
from shapely import geometry as shapes
from shapely import voronoi_polygons
from shapely.validation import explain_validity

from noivu.admin_units.registry import UnitTable

Edge = tuple[str, str]
# An edge longer than this multiple of the median edge of its parent is dropped (units across a river
# mouth or a mountain range); each unit keeps at least its nearest neighbour.
PRUNE_FACTOR = 2.5
WGS84_NAMES = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326", "CRS84"}
# Viet Nam with its islands, with a margin: coordinates outside are in another system (metres, VN-2000).
LON_RANGE, LAT_RANGE = (100.0, 120.0), (5.0, 25.0)


class BoundaryError(ValueError):
    """A boundary file refused, with every problem named (feature number, unit, rule)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def edge(a: str, b: str) -> Edge:
    return (a, b) if a < b else (b, a)


def _planar(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Degrees to kilometres on a local plane (enough to compare distances within a province)."""
    return np.column_stack([lon * 111.32 * np.cos(np.radians(lat)), lat * 110.57])


def approximate_edges(units: UnitTable) -> set[Edge]:
    """Edges between units of the same parent from their centres; units without a centre get none."""
    edges: set[Edge] = set()
    groups: dict[str, list[int]] = defaultdict(list)
    for i, parent in enumerate(units.parent_code):
        if not (math.isnan(units.latitude[i]) or math.isnan(units.longitude[i])):
            groups[parent].append(i)
    rng = np.random.default_rng(7)
    for members in groups.values():
        if len(members) < 2:
            continue
        index = np.array(members)
        points = _planar(units.longitude[index], units.latitude[index])
        # Units that share their district's centre in the source sit on one point: spread them apart.
        _, first, counts = np.unique(points.round(3), axis=0, return_index=True, return_counts=True)
        if (counts > 1).any():
            points = points + rng.normal(scale=0.3, size=points.shape)
        pairs: set[tuple[int, int]] = set()
        if len(members) >= 4:
            try:
                triangles = Delaunay(points).simplices
                for a, b, c in triangles:
                    pairs |= {tuple(sorted((a, b))), tuple(sorted((b, c))), tuple(sorted((a, c)))}
            except QhullError:
                pairs = set()
        distance = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=2)
        np.fill_diagonal(distance, np.inf)
        if not pairs:
            pairs = {(i, j) for i in range(len(members)) for j in range(i + 1, len(members))}
        lengths = np.array([distance[a, b] for a, b in pairs])
        limit = PRUNE_FACTOR * float(np.median(lengths))
        kept = {(a, b) for a, b in pairs if distance[a, b] <= limit}
        nearest = distance.argmin(axis=1)
        kept |= {tuple(sorted((i, int(j)))) for i, j in enumerate(nearest)}  # type: ignore[misc]
        edges |= {edge(units.code[index[a]], units.code[index[b]]) for a, b in kept}
    return edges


def approximate_polygons(units: UnitTable) -> dict[str, dict]:
    """A Voronoi cell per unit within the hull of its parent's centres, to draw a map where no boundary
    file was imported (GeoJSON geometries, approximate)."""
    polygons: dict[str, dict] = {}
    groups: dict[str, list[int]] = defaultdict(list)
    for i, parent in enumerate(units.parent_code):
        if not (math.isnan(units.latitude[i]) or math.isnan(units.longitude[i])):
            groups[parent].append(i)
    rng = np.random.default_rng(11)
    for members in groups.values():
        index = np.array(members)
        points = np.column_stack([units.longitude[index], units.latitude[index]])
        points = points + rng.normal(scale=0.002, size=points.shape)
        multipoint = shapes.MultiPoint(points)
        hull = multipoint.convex_hull.buffer(0.03)
        if len(members) == 1:
            polygons[units.code[index[0]]] = shapes.mapping(hull)
            continue
        cells = voronoi_polygons(multipoint, extend_to=hull)
        for cell in cells.geoms:
            clipped = cell.intersection(hull)
            for k, point in enumerate(points):
                if cell.contains(shapes.Point(point)):
                    polygons[units.code[index[k]]] = shapes.mapping(clipped.simplify(0.0005))
                    break
    return {code: json.loads(json.dumps(geometry)) for code, geometry in polygons.items()}


@dataclass
class BoundaryFile:
    """A boundary file read and checked: a polygon per unit code, and the edges between them."""

    polygons: dict[str, Any] = field(default_factory=dict)  # code → shapely geometry
    edges: set[Edge] = field(default_factory=set)


def read_boundaries(
    content: bytes | str, known_codes: Iterable[str], code_property: str = "code"
) -> BoundaryFile:
    """Read a GeoJSON FeatureCollection whose features carry the unit code in ``code_property``.

    Refused, naming each problem: not JSON, another coordinate system (a ``crs`` other than WGS 84, or
    coordinates outside Viet Nam's longitudes and latitudes), a geometry that is not a valid polygon, a
    code not in the list or given twice.
    """
    try:
        document = json.loads(content)
    except (ValueError, UnicodeDecodeError) as error:
        raise BoundaryError(
            [_("Tệp không phải GeoJSON hợp lệ: %(error)s") % {"error": str(error)[:120]}]
        ) from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise BoundaryError([_("Tệp phải là một FeatureCollection GeoJSON.")])
    crs = (document.get("crs") or {}).get("properties", {}).get("name")
    if crs and crs not in WGS84_NAMES:
        raise BoundaryError(
            [
                _("Hệ tọa độ %(crs)s không được hỗ trợ: hãy chuyển sang WGS 84 (EPSG:4326) trước khi nhập.")
                % {"crs": crs}
            ]
        )
    known = set(known_codes)
    problems: list[str] = []
    result = BoundaryFile()
    for number, feature in enumerate(document.get("features") or [], start=1):
        code = str((feature.get("properties") or {}).get(code_property) or "").strip()
        label = _("Đối tượng %(n)s (mã %(code)s)") % {"n": number, "code": code or "?"}
        if code not in known:
            problems.append(_("%(label)s: mã không có trong danh sách đơn vị.") % {"label": label})
            continue
        if code in result.polygons:
            problems.append(_("%(label)s: mã đã có ở đối tượng khác.") % {"label": label})
            continue
        try:
            shape = shapes.shape(feature.get("geometry") or {})
        except (ValueError, TypeError, AttributeError, IndexError):
            problems.append(_("%(label)s: hình học không đọc được.") % {"label": label})
            continue
        if shape.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(
                _("%(label)s: phải là vùng (Polygon), không phải %(kind)s.")
                % {"label": label, "kind": shape.geom_type}
            )
            continue
        minx, miny, maxx, maxy = shape.bounds
        if not (
            LON_RANGE[0] <= minx and maxx <= LON_RANGE[1] and LAT_RANGE[0] <= miny and maxy <= LAT_RANGE[1]
        ):
            problems.append(
                _(
                    "%(label)s: tọa độ nằm ngoài kinh độ, vĩ độ của Việt Nam — tệp dùng hệ tọa độ khác (như VN-2000); hãy chuyển sang WGS 84."  # noqa: E501
                )
                % {"label": label}
            )
            continue
        if not shape.is_valid:
            problems.append(
                _("%(label)s: hình học không hợp lệ (%(why)s).")
                % {"label": label, "why": explain_validity(shape)}
            )
            continue
        result.polygons[code] = shape
    if problems:
        raise BoundaryError(problems)
    codes = sorted(result.polygons)
    tolerance = 1e-7
    for i, a in enumerate(codes):
        shape_a = result.polygons[a]
        for b in codes[i + 1 :]:
            shape_b = result.polygons[b]
            if not shape_a.buffer(tolerance).intersects(shape_b):
                continue
            shared = shape_a.buffer(tolerance).intersection(shape_b.buffer(tolerance))
            if shared.area > 0 and shared.length > 20 * tolerance:
                result.edges.add(edge(a, b))
    return result
