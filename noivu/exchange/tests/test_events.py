"""The upward sync received: a province's outbox delivers batches of event format 1 to this
installation's receiver, which applies each event's row through the engine once by its key; a second
delivery of the same batch changes nothing."""

import copy
import datetime as dt
import json

import pytest
from django.urls import reverse

from noivu.core.models import AuditEvent
from noivu.edossier.models import SyncEvent
from noivu.exchange import engine
from noivu.exchange.models import ExchangeReceipt
from noivu.exchange.tests.helpers import OFFSET, as_other, exported, ndjson
from noivu.personnel.dossier.actions import do_record_rank_change
from noivu.personnel.dossier.models import RankHistory
from noivu.personnel.models import Person

pytestmark = pytest.mark.django_db
AN_THERE = "001085077771"
TOKEN = "t01-secret"


@pytest.fixture
def receiving(settings, national_admin):
    settings.EXCHANGE_SOURCES = {"T01": TOKEN}
    settings.EXCHANGE_RECEIVER_USER = national_admin.username


@pytest.fixture
def loaded(tree, people, national_admin):
    """An's dossier as "T01" sent it in its initial export, applied here."""
    an = exported(tree["province_a"].path)[0]
    assert engine.import_bytes(ndjson([as_other(an, AN_THERE)]), "T01", national_admin).ok
    return Person.objects.get(cccd_number=AN_THERE)


def _as_other(payload):
    moved = copy.deepcopy(payload)
    moved["person"] = {"identifier": AN_THERE, "reference": payload["person"]["reference"] + OFFSET}
    moved["data"]["id"] += OFFSET
    moved["data"]["person_id"] += OFFSET
    return moved


def _rank_event(people, hr_a):
    do_record_rank_change(
        person=people["an"],
        rank_code="01.002",
        rank_name="Chuyên viên chính",
        effective_from=dt.date(2025, 7, 1),
        acting_user=hr_a,
    )
    return _as_other(SyncEvent.objects.get(event_type="dossier.rank_recorded").payload)


def _deliver(client, events, token=TOKEN):
    return client.post(
        reverse("exchange:receiver"),
        data=json.dumps({"format_version": "1", "events": events}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_an_event_is_applied_once_and_a_second_delivery_changes_nothing(
    client, receiving, loaded, people, hr_a
):
    event = _rank_event(people, hr_a)
    answer = _deliver(client, [event])
    assert answer.status_code == 200
    assert answer.json() == {"acknowledged": [event["key"]], "rejected": []}
    assert list(RankHistory.objects.filter(person=loaded).values_list("rank_code", "effective_from")) == [
        ("01.002", dt.date(2025, 7, 1))
    ]
    counts = (RankHistory.objects.count(), RankHistory.history.count(), AuditEvent.objects.count())
    again = _deliver(client, [event])
    assert again.json() == {"acknowledged": [event["key"]], "rejected": []}
    assert (RankHistory.objects.count(), RankHistory.history.count(), AuditEvent.objects.count()) == counts
    assert ExchangeReceipt.objects.get().outcome == "changed"


def test_a_person_update_and_a_removal_are_applied(client, receiving, loaded, people, hr_a):
    event = _rank_event(people, hr_a)
    _deliver(client, [event])
    removal = copy.deepcopy(event)
    removal["key"] = "0b6a4c1e-1111-4a8e-9a41-2f7c0b1d5e90"
    removal["data"]["deleted"] = True
    record = {
        **copy.deepcopy(event),
        "key": "0b6a4c1e-2222-4a8e-9a41-2f7c0b1d5e90",
        "kind": "record",
        "event_type": "person.updated",
        "data": {
            **{k: v for k, v in exported_person(people).items()},
            "model": "personnel.Person",
            "deleted": False,
            "phone": "0912000111",
        },
    }
    answer = _deliver(client, [removal, record]).json()
    assert answer["rejected"] == [] and len(answer["acknowledged"]) == 2
    assert not RankHistory.objects.filter(person=loaded).exists()
    assert Person.objects.get(pk=loaded.pk).phone == "0912000111"


def exported_person(people):
    from noivu.edossier.sync import _snapshot

    values = _snapshot(Person.objects.get(pk=people["an"].pk))
    values["id"] += OFFSET
    values["cccd_number"] = AN_THERE
    return values


def test_bad_events_are_rejected_with_the_field_and_kept_for_another_delivery(
    client, receiving, loaded, people, hr_a
):
    event = _rank_event(people, hr_a)
    broken = copy.deepcopy(event)
    broken["data"]["effective_from"] = "01/07/2025"
    unknown = copy.deepcopy(event)
    unknown["key"] = "0b6a4c1e-3333-4a8e-9a41-2f7c0b1d5e90"
    unknown["person"]["reference"] = 999_999
    answer = _deliver(client, [broken, unknown]).json()
    assert answer["acknowledged"] == []
    reasons = [item["reason"] for item in answer["rejected"]]
    assert "$.events[0].data[1]" in reasons[0] and "(format)" in reasons[0]
    assert "$.person.reference (person)" in reasons[1]
    assert not ExchangeReceipt.objects.exists()


def test_the_receiver_needs_a_source_token_and_a_batch_of_format_1(client, receiving):
    assert _deliver(client, [], token="wrong").status_code == 401
    answer = client.post(
        reverse("exchange:receiver"),
        data="{}",
        content_type="application/json",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert answer.status_code == 422


def test_the_initial_export_delivered_to_the_receiver_is_applied_once(
    client, receiving, tree, people, national_admin
):
    import io
    import uuid

    from noivu.edossier import initial_export

    an, binh = exported(tree["province_a"].path)
    sent = ndjson([as_other(an, AN_THERE), as_other(binh, "001185077772")])

    def send(body):
        answer = client.post(
            reverse("exchange:receiver"),
            data=body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        return answer.json()

    key = str(uuid.uuid4())
    first = initial_export.deliver_export(io.BytesIO(sent), key, send, dt.date(2026, 12, 3))
    assert first == {"acknowledged": 2, "rejected": 0, "batches": 1}
    assert set(
        Person.objects.filter(cccd_number__in=[AN_THERE, "001185077772"]).values_list("full_name", flat=True)
    ) == {
        "Nguyễn Văn An",
        "Trần Thị Bình",
    }
    counts = (Person.objects.count(), Person.history.count(), AuditEvent.objects.count())
    # Again, and as a new export (other keys): nothing changes.
    assert (
        initial_export.deliver_export(io.BytesIO(sent), key, send, dt.date(2026, 12, 3))["acknowledged"] == 2
    )
    assert (
        initial_export.deliver_export(io.BytesIO(sent), str(uuid.uuid4()), send, dt.date(2026, 12, 4))[
            "acknowledged"
        ]
        == 2
    )
    assert (Person.objects.count(), Person.history.count(), AuditEvent.objects.count()) == counts
