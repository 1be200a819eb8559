"""Reporting incidents: a report before 1/7/2025 names its legacy commune and rolls up to the current one;
the province sees the reports of its communes, another province none."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from noivu.core.models import AuditEvent
from noivu.religion.incidents.actions import do_follow_up_incident, do_report_incident
from noivu.religion.models import IncidentStatus, Topic

pytestmark = pytest.mark.django_db
TAN_HOI, O_DIEN = "09817", "09817"  # Xã Tân Hội (Đan Phượng, legacy) merged whole into Xã Ô Diên
HONG_HA = "09796"  # split among four communes; Xã Ô Diên took its seat


def _report(unit, user, **fields):
    values = {
        "title": "Tranh chấp đất chùa",
        "topic": Topic.LAND,
        "severity": 3,
        "occurred_on": dt.date(2025, 3, 2),
    }
    values.update(fields)
    return do_report_incident(organization=unit, acting_user=user, **values)


def test_a_report_before_the_reform_rolls_up_to_the_current_commune(tree, hr_a):
    incident = _report(tree["dept_a"], hr_a, legacy_commune_code=HONG_HA)
    assert (incident.commune_code, incident.province_code, incident.legacy_commune_code) == (
        "09817",
        "01",
        HONG_HA,
    )
    event = AuditEvent.objects.get(event_type="religion.incident_reported")
    assert event.extra["split"] is True


def test_a_legacy_code_after_the_reform_or_an_unknown_commune_is_refused(tree, hr_a):
    with pytest.raises(ValidationError) as refused:
        _report(tree["dept_a"], hr_a, legacy_commune_code=HONG_HA, occurred_on=dt.date(2025, 8, 1))
    assert "legacy_commune_code" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _report(tree["dept_a"], hr_a, commune_code="99999", occurred_on=dt.date(2025, 8, 1))
    assert "commune_code" in refused.value.message_dict


def test_follow_up_and_scope(tree, hr_a, hr_b):
    incident = _report(tree["dept_a"], hr_a, commune_code=O_DIEN, occurred_on=dt.date(2025, 8, 1))
    with pytest.raises(PermissionDenied):
        do_follow_up_incident(
            incident=incident, status=IncidentStatus.CLOSED, actions_taken="x", acting_user=hr_b
        )
    with pytest.raises(ValidationError):
        do_follow_up_incident(
            incident=incident, status=IncidentStatus.FOLLOWING, actions_taken="Đối thoại", acting_user=hr_a
        )
    do_follow_up_incident(
        incident=incident, status=IncidentStatus.CLOSED, actions_taken="Đối thoại", acting_user=hr_a
    )
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.CLOSED
    assert incident.history.count() == 2


def test_the_rollup_counts_legacy_reports_under_the_current_commune(tree, hr_a, hr_b):
    _report(tree["dept_a"], hr_a, legacy_commune_code=TAN_HOI)
    _report(tree["dept_a"], hr_a, commune_code=O_DIEN, occurred_on=dt.date(2025, 9, 1))
    _report(
        tree["dept_b"], hr_b, commune_code=O_DIEN, occurred_on=dt.date(2025, 9, 1), title="Vụ việc tỉnh B"
    )
    client = Client()
    client.force_login(hr_a)
    page = client.get(reverse("religion:rollup")).content.decode()
    assert "Xã Ô Diên" in page and "Vụ việc tỉnh B" not in page
    row = page[page.index("Xã Ô Diên") :]
    assert "<td>2</td>" in row[:200]
