"""Synchronisation with the national database (đồng bộ dữ liệu nghiệp vụ, Nghị định 27/2026/NĐ-CP): the
outbox filled from the audit events of business data, its delivery in batches with retries, and the local
stand-in receiver.

- **Into the outbox.** Every action writes a typed audit event; :func:`queue` (registered as an audit
  listener) turns the events of :data:`SYNCED_EVENTS` about a cadre, civil servant or public employee into
  a :class:`SyncEvent` in the same transaction, so a change and its event are committed together or not at
  all. Its deadline is three working days after the change (public holidays and announced days off counted,
  the working calendar of the person's unit).
- **Delivery.** :func:`deliver` sends the due events in batches of :data:`BATCH_SIZE` as one JSON document
  (``docs/edossier-sync.md``, format 1) with the bearer token of ``EDOSSIER_SYNC_TOKEN`` to
  ``EDOSSIER_SYNC_ENDPOINT``. The receiver answers which keys it acknowledged and which it rejected, and
  why. An acknowledged event is delivered; a rejected one, or a whole batch the receiver could not be
  reached for, is tried again later (after 1, 4, 9… minutes), and after :data:`MAX_ATTEMPTS` it goes to the
  dead-letter list, kept with its last error for a person to look at and send again.
- **The stand-in.** :func:`receive` is what the receiver's view runs: it checks each event against the
  format, keeps it once by its key (a second delivery of the same key is acknowledged again and changes
  nothing), and answers as the national database is expected to. :func:`acknowledged` tells, per unit,
  how many events and dossiers it kept and their :func:`checksum`, for the reconciliation report.
"""

import datetime as dt
import hashlib
import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import AuditListener, audit_listeners
from noivu.edossier.engine import DOSSIER_CATEGORIES
from noivu.edossier.models import SyncEvent, SyncReceipt, SyncStatus
from noivu.personnel.models import Person
from noivu.religion.procedures.calendar import calendar_for

FORMAT_VERSION = "1"
DUE_WORKING_DAYS = 3
BATCH_SIZE = 500
MAX_ATTEMPTS = 5
TIMEOUT_S = 30

# The audit events that change a person's business data, and the kind of data each one carries.
SYNCED_EVENTS = {
    "person.created": "record",
    "person.updated": "record",
    "person.dossier_updated": "record",
    "person.addresses_updated": "record",
    "dossier.family_member_added": "record",
    "person.transferred": "assignment",
    "person.transfer_applied": "assignment",
    "person.assignment_updated": "assignment",
    "person.assignment_ended": "assignment",
    "person.assignment_deleted": "assignment",
    "dossier.rank_recorded": "rank",
    "dossier.salary_step_recorded": "salary",
    "dossier.allowance_recorded": "allowance",
    "dossier.allowance_ended": "allowance",
    "dossier.award_recorded": "award",
    "dossier.discipline_recorded": "discipline",
    "dossier.education_added": "training",
    "dossier.fact_updated": "correction",
    "dossier.fact_deleted": "correction",
    "evaluation.decided": "rating",
    "evaluation.recorded": "rating",
    "succession.enrolment_completed": "training",
}
KIND_LABELS = {
    "record": _("Thông tin hồ sơ"),
    "assignment": _("Quá trình công tác"),
    "rank": _("Ngạch"),
    "salary": _("Bậc lương"),
    "allowance": _("Phụ cấp"),
    "award": _("Khen thưởng"),
    "discipline": _("Kỷ luật"),
    "training": _("Đào tạo, bồi dưỡng"),
    "correction": _("Đính chính"),
    "rating": _("Đánh giá, xếp loại"),
}
REQUIRED_FIELDS = ("format_version", "key", "kind", "event_type", "occurred_at", "person", "data")
DOSSIER_FIELDS = ("format_version", "key", "identifier", "reference", "agency", "person", "facts")


def due_date(day: dt.date, path: str) -> dt.date:
    """The third working day after ``day`` in the calendar of the unit at tree ``path``."""
    calendar = calendar_for(path)
    left = DUE_WORKING_DAYS
    while left:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            left -= 1
    return day


def _snapshot(target: models.Model) -> dict[str, Any]:
    """The target row's own fields as JSON values (its foreign keys by id)."""
    values = {field.attname: getattr(target, field.attname) for field in target._meta.concrete_fields}
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def queue(event: Any, target: models.Model | None) -> None:
    """Put the audit ``event`` in the outbox when it changes the business data of a person whose
    dossier the national database holds."""
    kind = SYNCED_EVENTS.get(event.event_type)
    if kind is None or target is None:
        return
    person = target if isinstance(target, Person) else getattr(target, "person", None)
    if not isinstance(person, Person) or person.category not in DOSSIER_CATEGORIES:
        return
    outbox_event(person, target, event.event_type, event.at).save()


def outbox_event(person: Person, target: models.Model, event_type: str, occurred: dt.datetime) -> SyncEvent:
    """The (unsaved) outbox event of a change of ``target``, a row of ``person``'s business data."""
    key = uuid.uuid4()
    kind = SYNCED_EVENTS[event_type]
    return SyncEvent(
        key=key,
        person=person,
        kind=kind,
        event_type=event_type,
        occurred_at=occurred,
        due_on=due_date(timezone.localdate(occurred), person.organization.path),
        payload={
            "format_version": FORMAT_VERSION,
            "key": str(key),
            "kind": kind,
            "event_type": event_type,
            "occurred_at": occurred.isoformat(),
            "agency": person.organization.code,
            "person": {"identifier": person.cccd_number, "reference": person.pk},
            "data": {"model": target._meta.label, "deleted": target.pk is None, **_snapshot(target)},
        },
    )


audit_listeners.register(AuditListener("edossier.outbox", 10, queue))


Transport = Callable[[bytes], dict[str, Any]]


def exchange(request: urllib.request.Request) -> dict[str, Any]:
    """The receiver's JSON answer to ``request``, or an ``OSError`` saying in Vietnamese why it cannot be
    had: refused (with its HTTP status and the start of its answer), unreachable, silent, or not JSON."""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as answer:  # noqa: S310 (configured URL)
            return dict(json.loads(answer.read()))
    except urllib.error.HTTPError as refused:
        raise OSError(
            gettext("máy nhận từ chối (HTTP %(status)s): %(answer)s")
            % {"status": refused.code, "answer": refused.read()[:500].decode(errors="replace")}
        ) from refused
    except urllib.error.URLError as unreachable:
        raise OSError(
            gettext("không kết nối được máy nhận tại %(address)s (%(reason)s)")
            % {"address": request.full_url, "reason": unreachable.reason}
        ) from unreachable
    except TimeoutError as silent:
        raise OSError(
            gettext("máy nhận không trả lời trong %(seconds)s giây") % {"seconds": TIMEOUT_S}
        ) from silent
    except ValueError as unreadable:
        raise OSError(
            gettext("câu trả lời của máy nhận không phải JSON: %(error)s") % {"error": unreadable}
        ) from (unreadable)


def http_transport(endpoint: str, token: str) -> Transport:
    """A POST of the batch to ``endpoint``; the answer's JSON, or an ``OSError`` when it cannot be had."""

    def send(body: bytes) -> dict[str, Any]:
        return exchange(
            urllib.request.Request(
                endpoint,
                data=body,
                method="POST",
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
            )
        )

    return send


def configured_transport() -> Transport:
    return http_transport(settings.EDOSSIER_SYNC_ENDPOINT, settings.EDOSSIER_SYNC_TOKEN)


def _retry_at(now: dt.datetime, attempts: int) -> dt.datetime:
    return now + dt.timedelta(minutes=attempts * attempts)


def deliver(transport: Transport | None = None, *, limit: int | None = None) -> dict[str, int]:
    """Send every due event (pending, its retry time passed) in batches; how many were acknowledged,
    rejected (to try again), and sent to the dead-letter list."""
    send = transport or configured_transport()
    counts = {"acknowledged": 0, "rejected": 0, "dead": 0, "batches": 0}
    last_id = 0
    while limit is None or counts["batches"] * BATCH_SIZE < limit:
        now = timezone.now()
        batch = list(
            SyncEvent.objects.unrestricted()
            .filter(status=SyncStatus.PENDING, id__gt=last_id)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .order_by("id")
            .values_list("id", "key", "payload", "attempts")[:BATCH_SIZE]
        )
        if not batch:
            break
        last_id = batch[-1][0]
        counts["batches"] += 1
        body = json.dumps({"format_version": FORMAT_VERSION, "events": [row[2] for row in batch]}).encode()
        try:
            answer = send(body)
            acknowledged = {str(key) for key in answer.get("acknowledged", [])}
            rejected = {
                str(item.get("key")): str(item.get("reason", "")) for item in answer.get("rejected", [])
            }
        except OSError as failure:
            acknowledged, rejected = set(), {str(row[1]): str(failure) for row in batch}
        _record_outcome(batch, acknowledged, rejected, now, counts)
    return counts


def _record_outcome(
    batch: list[tuple[int, uuid.UUID, dict, int]],
    acknowledged: set[str],
    rejected: dict[str, str],
    now: dt.datetime,
    counts: dict[str, int],
) -> None:
    done = [row[0] for row in batch if str(row[1]) in acknowledged]
    failed = [row for row in batch if str(row[1]) not in acknowledged]
    with transaction.atomic():
        if done:
            SyncEvent.objects.unrestricted().filter(id__in=done).update(
                status=SyncStatus.DELIVERED, delivered_at=now, last_error=""
            )
        by_outcome: dict[tuple[int, str], list[int]] = {}
        for event_id, key, _payload, attempts in failed:
            reason = rejected.get(str(key)) or "máy nhận không xác nhận sự kiện này"
            by_outcome.setdefault((attempts + 1, reason), []).append(event_id)
        for (attempts, reason), ids in by_outcome.items():
            dead = attempts >= MAX_ATTEMPTS
            SyncEvent.objects.unrestricted().filter(id__in=ids).update(
                attempts=attempts,
                last_error=reason,
                status=SyncStatus.DEAD if dead else SyncStatus.PENDING,
                next_attempt_at=None if dead else _retry_at(now, attempts),
            )
            counts["dead" if dead else "rejected"] += len(ids)
    counts["acknowledged"] += len(done)


def receive(document: Any) -> tuple[int, dict[str, Any]]:
    """The stand-in receiver's answer (HTTP status, JSON body) to a batch ``document`` of events or, from
    the initial export, of whole dossiers: each well-formed one kept once by its key and acknowledged,
    each malformed one rejected with the reason."""
    if not isinstance(document, dict) or document.get("format_version") != FORMAT_VERSION:
        return 422, {"detail": f"format_version phải là '{FORMAT_VERSION}'"}
    dossiers = "dossiers" in document
    events = document.get("dossiers" if dossiers else "events")
    if not isinstance(events, list):
        return 422, {"detail": ("dossiers" if dossiers else "events") + " phải là một danh sách"}
    check = _malformed_dossier if dossiers else _malformed
    acknowledged, rejected, fresh = [], [], []
    for event in events:
        reason = check(event)
        if reason:
            rejected.append({"key": event.get("key") if isinstance(event, dict) else None, "reason": reason})
            continue
        acknowledged.append(event["key"])
        fresh.append(SyncReceipt(key=event["key"], body=event))
    SyncReceipt.objects.bulk_create(fresh, ignore_conflicts=True)
    return 200, {"acknowledged": acknowledged, "rejected": rejected}


def _malformed_dossier(dossier: Any) -> str:
    """Why a dossier of the initial export (dossier format 1) is refused, or ``""``."""
    if not isinstance(dossier, dict):
        return "hồ sơ phải là một đối tượng JSON"
    missing = [name for name in DOSSIER_FIELDS if name not in dossier]
    if missing:
        return "thiếu trường " + ", ".join(missing)
    try:
        uuid.UUID(str(dossier["key"]))
    except ValueError:
        return "key phải là UUID"
    identifier = dossier.get("identifier")
    if not (isinstance(identifier, str) and len(identifier) == 12 and identifier.isdigit()):
        return "identifier phải là số định danh cá nhân 12 chữ số"
    return ""


def _malformed(event: Any) -> str:
    if not isinstance(event, dict):
        return "sự kiện phải là một đối tượng JSON"
    missing = [name for name in REQUIRED_FIELDS if name not in event]
    if missing:
        return "thiếu trường " + ", ".join(missing)
    try:
        uuid.UUID(str(event["key"]))
    except ValueError:
        return "key phải là UUID"
    identifier = (event.get("person") or {}).get("identifier")
    if not (isinstance(identifier, str) and len(identifier) == 12 and identifier.isdigit()):
        return "person.identifier phải là số định danh cá nhân 12 chữ số"
    return ""


def checksum(values: Iterable[str]) -> str:
    """The checksum of a set of keys or identifiers (tổng kiểm tra), whatever their order: the MD5 of the
    distinct values sorted and joined by line feeds; both sides of the reconciliation compute it alike."""
    return hashlib.md5("\n".join(sorted(set(values))).encode(), usedforsecurity=False).hexdigest()


def acknowledged(agency: str | None = None) -> dict[str, Any]:
    """What the stand-in receiver kept, per unit (the ``agency`` of each event and dossier): the number
    of events and their keys' checksum, the number of dossiers (distinct identifiers) and their checksum;
    for one ``agency``, also the keys and identifiers themselves."""
    receipts = SyncReceipt.objects.all()
    if agency is not None:
        receipts = receipts.filter(body__agency=agency)
    events: dict[str, set[str]] = {}
    dossiers: dict[str, set[str]] = {}
    for key, code, identifier, person_identifier in receipts.values_list(
        "key", "body__agency", "body__identifier", "body__person__identifier"
    ):
        if identifier is not None:
            dossiers.setdefault(str(code), set()).add(str(identifier))
        elif person_identifier is not None:
            events.setdefault(str(code), set()).add(str(key))
    units = []
    for code in sorted(events.keys() | dossiers.keys()):
        unit = {
            "agency": code,
            "events": len(events.get(code, ())),
            "events_checksum": checksum(events.get(code, ())),
            "dossiers": len(dossiers.get(code, ())),
            "dossiers_checksum": checksum(dossiers.get(code, ())),
        }
        if agency is not None:
            unit["event_keys"] = sorted(events.get(code, ()))
            unit["identifiers"] = sorted(dossiers.get(code, ()))
        units.append(unit)
    return {"format_version": FORMAT_VERSION, "units": units}
