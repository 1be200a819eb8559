"""Boundary files: adjacency from shared edges, and the refusals of another coordinate system and of
invalid geometries with a clear message; the approximate graph stays within each parent."""

import json

import pytest

from noivu.admin_units.arrangement.adjacency import BoundaryError, approximate_edges, read_boundaries
from noivu.admin_units.registry import UnitTable


def _square(x: float, y: float, size: float = 0.1) -> list:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def _file(features: list, crs: str | None = None) -> str:
    document: dict = {"type": "FeatureCollection", "features": features}
    if crs:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(document)


def _feature(code: str, coordinates: list, kind: str = "Polygon") -> dict:
    return {
        "type": "Feature",
        "properties": {"code": code},
        "geometry": {"type": kind, "coordinates": coordinates},
    }


def test_units_sharing_an_edge_are_adjacent_and_units_meeting_at_a_corner_are_not():
    content = _file(
        [
            _feature("A", _square(105, 21)),
            _feature("B", _square(105.1, 21)),
            _feature("C", _square(105.2, 21.1)),
        ]
    )
    assert read_boundaries(content, ["A", "B", "C"]).edges == {("A", "B")}


def test_another_coordinate_system_is_refused():
    with pytest.raises(BoundaryError, match="WGS 84"):
        read_boundaries(_file([_feature("A", _square(105, 21))], crs="EPSG:3405"), ["A"])
    with pytest.raises(BoundaryError, match="hệ tọa độ khác"):
        read_boundaries(_file([_feature("A", _square(580000, 2300000, 1000))]), ["A"])


def test_an_invalid_geometry_is_refused_naming_the_feature():
    bowtie = [[[105, 21], [105.1, 21.1], [105.1, 21], [105, 21.1], [105, 21]]]
    with pytest.raises(BoundaryError, match=r"Đối tượng 1 \(mã A\): hình học không hợp lệ"):
        read_boundaries(_file([_feature("A", bowtie)]), ["A"])


def test_unknown_codes_and_non_json_are_refused():
    with pytest.raises(BoundaryError, match="không có trong danh sách"):
        read_boundaries(_file([_feature("Z", _square(105, 21))]), ["A"])
    with pytest.raises(BoundaryError, match="GeoJSON"):
        read_boundaries("không phải json", ["A"])


def test_the_approximate_graph_links_neighbours_of_the_same_parent_only():
    rows = [
        {"code": f"{p}{i}", "parent_code": p, "latitude": 21 + i * 0.05, "longitude": 105 + (i % 2) * 0.05}
        for p in ("X", "Y")
        for i in range(5)
    ]
    edges = approximate_edges(UnitTable.from_rows(rows))
    assert edges and all(a[0] == b[0] for a, b in edges)
    assert {a for pair in edges for a in pair} == {row["code"] for row in rows}
