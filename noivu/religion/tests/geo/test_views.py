"""The map: the communes of the reader's province with their incidents, and the places with coordinates,
never another province's."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from noivu.religion.tests import factories

pytestmark = pytest.mark.django_db


def test_the_map_data_holds_the_scope_places_and_commune_counts(tree, hr_a):
    unit = tree["dept_a"]
    factories.place(
        unit,
        "Chùa Một Cột",
        commune_code="00004",
        latitude=Decimal("21.03587"),
        longitude=Decimal("105.83360"),
    )
    factories.place(unit, "Đình chưa có tọa độ", commune_code="00004", kind="belief", religion=None)
    factories.place(
        tree["dept_b"],
        "Chùa tỉnh B",
        commune_code="26734",
        latitude=Decimal("10.77"),
        longitude=Decimal("106.70"),
    )
    factories.incident(unit, "Khiếu nại", dt.date(2026, 10, 5))
    client = Client()
    client.force_login(hr_a)
    page = client.get(reverse("religion:map")).content.decode()
    assert "religion-map" in page
    data = client.get(
        reverse("religion:map_data"), {"occurred_from": "01/01/2026", "occurred_to": "30/11/2026"}
    ).json()
    places = [f["properties"]["name"] for f in data["features"] if f["properties"]["kind"] != "commune"]
    assert places == ["Chùa Một Cột"]
    assert data["missing"] == 1
    communes = {
        f["properties"]["code"]: f["properties"]["incidents"]
        for f in data["features"]
        if f["properties"]["kind"] == "commune"
    }
    assert communes["00004"] == 1 and len(communes) > 100
    belief_only = client.get(reverse("religion:map_data"), {"kind": "belief"}).json()
    assert not [f for f in belief_only["features"] if f["properties"]["kind"] == "religious"]
