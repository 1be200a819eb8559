"""The reconciliation report: per unit, our events and dossiers against what the receiver acknowledged, a
unit whose receiver lost an event or lacks a dossier flagged, its items listed; the stand-in's answer over
HTTP; refused to anyone but the units' administrators."""

import datetime as dt
import io
import json
import uuid

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from conftest import make_user
from noivu.core.models import AuditEvent
from noivu.core.permissions import Role
from noivu.edossier import reconciliation, sync
from noivu.edossier.models import SyncEvent, SyncReceipt, SyncStatus
from noivu.personnel.dossier.actions import do_record_rank_change

pytestmark = pytest.mark.django_db


def _stand_in(body: bytes) -> dict:
    return sync.receive(json.loads(body))[1]


def _dossier(person) -> dict:
    return {
        "format_version": "1",
        "key": str(uuid.uuid4()),
        "identifier": person.cccd_number,
        "reference": person.pk,
        "agency": person.organization.code,
        "person": {"id": person.pk, "full_name": person.full_name},
        "facts": {},
    }


@pytest.fixture
def synced(people, hr_a, hr_b, monkeypatch):
    """An's and Bình's rank changes delivered, then the receiver loses An's; Dũng's waiting. The initial
    export reached the receiver with An's and Dũng's dossiers, not Bình's. The report asks the stand-in."""
    for person, hr in ((people["an"], hr_a), (people["binh"], hr_a)):
        do_record_rank_change(
            person=person, rank_code="01.003", effective_from=dt.date(2024, 1, 1), acting_user=hr
        )
    assert sync.deliver(_stand_in)["acknowledged"] == 2
    do_record_rank_change(
        person=people["duc"], rank_code="01.003", effective_from=dt.date(2024, 1, 1), acting_user=hr_b
    )
    lost = SyncEvent.objects.get(person=people["an"])
    SyncReceipt.objects.filter(key=lost.key).delete()
    sync.receive({"format_version": "1", "dossiers": [_dossier(people["an"]), _dossier(people["duc"])]})
    monkeypatch.setattr(reconciliation, "configured_lookup", lambda: sync.acknowledged)
    return lost


def _units(client, **query) -> dict[str, dict]:
    return {
        unit["code"]: unit for unit in client.get("/api/v1/edossier/reconciliation", query).json()["units"]
    }


def test_a_lost_event_and_a_missing_dossier_are_flagged_per_unit(client, people, national_admin, synced):
    client.force_login(national_admin)
    units = _units(client)
    dept_a, province_a, dept_b = units["T01-SNV"], units["T01"], units["T02-SNV"]
    # Sở Nội vụ tỉnh A: one event delivered by our records, none held by the receiver.
    assert (dept_a["events"], dept_a["events_delivered"], dept_a["receiver_events"]) == (1, 1, 0)
    assert dept_a["events_checksum"] == sync.checksum([str(synced.key)])
    assert dept_a["receiver_events_checksum"] == sync.checksum([])
    assert (dept_a["events_differ"], dept_a["dossiers_differ"], dept_a["differs"]) == (True, False, True)
    assert (
        dept_a["dossiers_checksum"] == dept_a["receiver_dossiers_checksum"] == sync.checksum(["001085012345"])
    )
    # UBND tỉnh A: its event reconciles, its dossier never reached the receiver.
    assert (province_a["events"], province_a["receiver_events"], province_a["events_differ"]) == (1, 1, False)
    assert (province_a["dossiers"], province_a["receiver_dossiers"], province_a["dossiers_differ"]) == (
        1,
        0,
        True,
    )
    # Sở Nội vụ tỉnh B: an event still waiting.
    assert (dept_b["events"], dept_b["events_delivered"], dept_b["receiver_events"]) == (1, 0, 0)
    assert dept_b["differs"] is True
    assert set(_units(client, organization="T02")) == {"T02-SNV"}

    items = client.get("/api/v1/edossier/reconciliation/T01-SNV").json()
    assert [(e["key"], e["full_name"], e["status"]) for e in items["events"]] == [
        (str(synced.key), "Nguyễn Văn An", SyncStatus.DELIVERED)
    ]
    assert items["dossiers"] == [] and items["unknown_event_keys"] == []
    items = client.get("/api/v1/edossier/reconciliation/T01").json()
    assert items["events"] == [] and [d["full_name"] for d in items["dossiers"]] == ["Trần Thị Bình"]


def test_the_page_flags_the_unit_and_the_workbooks_list_the_items(client, people, tree, synced):
    admin_a = make_user("admin_a", Role.SYSTEM_ADMIN, tree["province_a"])
    client.force_login(admin_a)
    page = client.get(reverse("edossier:reconciliation"), {"differs": "1"}).content.decode()
    assert "Sở Nội vụ tỉnh A" in page and "Sự kiện chênh lệch" in page and "Hồ sơ chênh lệch" in page
    assert "Sở Nội vụ tỉnh B" not in page
    assert reverse("edossier:reconciliation") in client.get(reverse("edossier:sync")).content.decode()
    unit = client.get(reverse("edossier:reconciliation_unit", args=["T01-SNV"])).content.decode()
    assert str(synced.key) in unit and "Nguyễn Văn An" in unit
    assert client.get(reverse("edossier:reconciliation_unit", args=["T02-SNV"])).status_code == 404

    book = CalamineWorkbook.from_filelike(
        io.BytesIO(client.get(reverse("edossier:reconciliation_export")).content)
    )
    rows = {row[1]: row for row in book.get_sheet_by_index(0).to_python()[1:]}
    assert set(rows) == {"T01", "T01-SNV"}
    assert (rows["T01-SNV"][3], rows["T01-SNV"][5], rows["T01-SNV"][8]) == (1, 0, "Chênh lệch")
    assert (rows["T01"][8], rows["T01"][13]) == ("Khớp", "Chênh lệch")
    book = CalamineWorkbook.from_filelike(
        io.BytesIO(client.get(reverse("edossier:reconciliation_unit_export", args=["T01"])).content)
    )
    assert [row[1:] for row in book.get_sheet_by_index(1).to_python()[1:]] == [
        ["Trần Thị Bình", "001185054321"]
    ]
    assert AuditEvent.objects.filter(event_type="data.exported", acting_user=admin_a).count() == 2


def test_only_the_units_administrators_may_reconcile(client, hr_a, leader_a):
    for user in (hr_a, leader_a):
        client.force_login(user)
        assert client.get(reverse("edossier:reconciliation")).status_code == 403
        assert client.get(reverse("edossier:reconciliation_unit", args=["T01"])).status_code == 403
        assert client.get("/api/v1/edossier/reconciliation").status_code == 403
        assert client.get("/api/v1/edossier/reconciliation/T01").status_code == 403


def test_without_a_receiver_our_side_is_shown_and_the_reason_given(
    client, people, hr_a, national_admin, settings
):
    settings.EDOSSIER_SYNC_TOKEN = ""
    do_record_rank_change(
        person=people["an"], rank_code="01.003", effective_from=dt.date(2024, 1, 1), acting_user=hr_a
    )
    client.force_login(national_admin)
    answer = client.get("/api/v1/edossier/reconciliation").json()
    assert "Chưa cấu hình máy nhận" in answer["receiver_error"]
    unit = next(unit for unit in answer["units"] if unit["code"] == "T01-SNV")
    assert (unit["events"], unit["receiver_events"], unit["differs"]) == (1, None, None)


def test_the_report_asks_the_stand_in_over_http_with_the_token(
    client, people, hr_a, national_admin, live_server, settings
):
    settings.EDOSSIER_SYNC_TOKEN = "thu-nghiem"
    settings.EDOSSIER_RECONCILE_ENDPOINT = live_server.url + reverse("edossier:receiver_acknowledged")
    do_record_rank_change(
        person=people["an"], rank_code="01.003", effective_from=dt.date(2024, 1, 1), acting_user=hr_a
    )
    sync.deliver(sync.http_transport(live_server.url + reverse("edossier:receiver"), "thu-nghiem"))
    client.force_login(national_admin)
    unit = _units(client)["T01-SNV"]
    assert (unit["events"], unit["receiver_events"], unit["events_differ"]) == (1, 1, False)
    assert client.get(reverse("edossier:receiver_acknowledged")).status_code == 401
    with pytest.raises(OSError, match="HTTP 401"):
        reconciliation.http_lookup(settings.EDOSSIER_RECONCILE_ENDPOINT, "sai-khoa")(None)
