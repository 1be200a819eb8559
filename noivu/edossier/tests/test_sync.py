"""The outbox of the synchronisation with the national database: the events a change of business data puts
in it, their deadline in working days, their delivery over HTTP to the local stand-in receiver, retries,
the dead-letter list and sending again."""

import datetime as dt
import json
import socket

import pytest
from django.urls import reverse

from conftest import make_person
from noivu.core import audit
from noivu.core.models import AuditEvent
from noivu.edossier import reconciliation, sync
from noivu.edossier.models import SyncEvent, SyncReceipt, SyncStatus
from noivu.personnel.dossier.actions import do_record_rank_change
from noivu.personnel.dossier.models import RankHistory
from noivu.personnel.models import Category

pytestmark = pytest.mark.django_db


def _rank(person, hr, day=dt.date(2024, 1, 1)):
    return do_record_rank_change(person=person, rank_code="01.003", effective_from=day, acting_user=hr)


def test_a_rank_recorded_is_queued_with_its_payload_and_contract_staff_are_not(tree, people, hr_a):
    row = _rank(people["an"], hr_a)
    _rank(make_person(tree["dept_a"], "Lê Văn Hợp", category=Category.CONTRACT), hr_a)
    event = SyncEvent.objects.get()
    assert (event.person, event.kind, event.event_type) == (people["an"], "rank", "dossier.rank_recorded")
    payload = event.payload
    assert payload["person"] == {"identifier": "001085012345", "reference": people["an"].pk}
    assert payload["data"]["model"] == "personnel.RankHistory" and payload["data"]["id"] == row.pk
    assert payload["data"]["rank_code"] == "01.003" and payload["key"] == str(event.key)
    assert event.due_on > event.occurred_at.date()


def test_a_change_of_many_dossiers_at_once_queues_one_event_per_person(people, hr_a):
    # A council's decision or an approved raise list records each person's fact in one statement.
    rows = [
        RankHistory.objects.create(
            person=people[name], rank_code="01.003", effective_from=dt.date(2024, 1, 1)
        )
        for name in ("an", "binh")
    ]
    audit.record_each("dossier.rank_recorded", user=hr_a, targets=rows)
    queued = SyncEvent.objects.order_by("person_id")
    assert [(event.person_id, event.payload["data"]["id"]) for event in queued] == [
        (row.person_id, row.pk) for row in sorted(rows, key=lambda row: row.person_id)
    ]
    assert AuditEvent.objects.filter(event_type="dossier.rank_recorded", acting_user=hr_a).count() == 2


def test_the_deadline_is_three_working_days_after_the_change(tree):
    path = tree["dept_a"].path
    assert sync.due_date(dt.date(2026, 10, 15), path) == dt.date(2026, 10, 20)  # Thursday → Tuesday
    # 1/1/2027 is a public holiday (Bộ luật Lao động 2019 Điều 112).
    assert sync.due_date(dt.date(2026, 12, 30), path) == dt.date(2027, 1, 5)


def test_events_reach_the_stand_in_over_http_once_however_often_sent(people, hr_a, live_server, settings):
    settings.EDOSSIER_SYNC_TOKEN = "thu-nghiem"
    transport = sync.http_transport(live_server.url + reverse("edossier:receiver"), "thu-nghiem")
    _rank(people["an"], hr_a)
    _rank(people["binh"], hr_a)
    assert sync.deliver(transport) == {"acknowledged": 2, "rejected": 0, "dead": 0, "batches": 1}
    assert set(SyncEvent.objects.values_list("status", flat=True)) == {SyncStatus.DELIVERED}
    sent = set(SyncEvent.objects.values_list("key", flat=True))
    assert set(SyncReceipt.objects.values_list("key", flat=True)) == sent
    SyncEvent.objects.update(status=SyncStatus.PENDING)
    assert sync.deliver(transport)["acknowledged"] == 2
    assert SyncReceipt.objects.count() == 2
    refused = sync.http_transport(live_server.url + reverse("edossier:receiver"), "sai-khoa")
    SyncEvent.objects.update(status=SyncStatus.PENDING)
    assert sync.deliver(refused) == {"acknowledged": 0, "rejected": 2, "dead": 0, "batches": 1}
    assert "HTTP 401" in SyncEvent.objects.first().last_error


def test_a_receiver_nobody_answers_at_or_that_answers_no_json_is_named_in_vietnamese(live_server):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/nhan/"
    with pytest.raises(OSError, match=f"không kết nối được máy nhận tại {closed}"):
        sync.http_transport(closed, "khoa")(b"{}")
    with pytest.raises(OSError, match="câu trả lời của máy nhận không phải JSON"):
        reconciliation.http_lookup(live_server.url + reverse("accounts:login"), "khoa")(None)


def test_a_rejected_event_is_retried_then_dead_lettered_and_sent_again(client, people, hr_a):
    _rank(people["an"], hr_a)
    event = SyncEvent.objects.get()
    # The stand-in itself refuses a payload without a valid identifier.
    SyncEvent.objects.update(payload={**event.payload, "person": {"identifier": "123"}})

    def stand_in(body: bytes) -> dict:
        return sync.receive(json.loads(body))[1]

    for attempt in range(1, sync.MAX_ATTEMPTS + 1):
        SyncEvent.objects.update(next_attempt_at=None)
        sync.deliver(stand_in)
        event.refresh_from_db()
        assert event.attempts == attempt
    assert event.status == SyncStatus.DEAD and "12 chữ số" in event.last_error
    client.force_login(hr_a)
    page = client.get(reverse("edossier:sync"), {"show": "dead"}).content.decode()
    assert "Nguyễn Văn An" in page and "12 chữ số" in page
    client.post(reverse("edossier:sync"))
    event.refresh_from_db()
    assert (event.status, event.attempts) == (SyncStatus.PENDING, 0)


def test_an_unreachable_receiver_keeps_every_event_for_later(people, hr_a):
    _rank(people["an"], hr_a)

    def down(body: bytes) -> dict:
        raise OSError("Connection refused")

    assert sync.deliver(down)["rejected"] == 1
    event = SyncEvent.objects.get()
    assert (event.status, event.attempts, event.last_error) == (SyncStatus.PENDING, 1, "Connection refused")
    assert sync.deliver(down)["batches"] == 0  # not due again before its retry time
