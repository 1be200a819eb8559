"""Early warnings from the database: a commune with a cluster of incidents in the last complete month is
flagged, a steady one is not, and another province's incidents are not seen."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from noivu.core import dates
from noivu.religion.forecast.situation import alerts
from noivu.religion.models import Incident, Topic
from noivu.religion.tests import factories

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 11, 15)


def _history(unit, commune, per_month, spike=0, title="Vụ việc"):
    rows = []
    for step in range(37):
        month = dates.add_months(dt.date(2023, 10, 1), step)
        count = per_month + (spike if month == dt.date(2026, 10, 1) else 0)
        for day in range(count):
            rows.append(
                Incident(
                    organization=unit,
                    title=title,
                    topic=Topic.COMPLAINT,
                    severity=2,
                    occurred_on=month + dt.timedelta(days=day),
                    reported_on=month + dt.timedelta(days=day),
                    commune_code=commune,
                    province_code="01",
                )
            )
    Incident.objects.bulk_create(rows)


def test_a_cluster_in_one_commune_is_flagged_and_a_steady_one_is_not(tree, hr_a):
    _history(tree["dept_a"], "00004", 2, spike=8)
    _history(tree["dept_a"], "00008", 2)
    found = alerts(Incident.objects.restrict(hr_a), AS_OF, {})
    assert found.month == dt.date(2026, 10, 1)
    flagged = [alert.area_code for alert in found.alerts if alert.area_code]
    assert flagged == ["00004"]
    assert found.alerts[0].observed == 10


def test_the_situation_page_shows_the_scope_only(tree, hr_a):
    _history(tree["dept_a"], "00004", 1, spike=8)
    factories.incident(tree["dept_b"], "Vụ việc Giáo hội tỉnh B", dt.date(2026, 10, 3))
    client = Client()
    client.force_login(hr_a)
    page = client.get(reverse("religion:situation"), {"as_of": "15/11/2026"}).content.decode()
    assert "Phường Ba Đình" in page and "alerts-table" in page
    assert "Giáo hội tỉnh B" not in page
