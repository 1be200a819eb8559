"""The reconciliation report of the synchronisation (báo cáo đối soát với cơ sở dữ liệu quốc gia), Nghị
định 27/2026/NĐ-CP: per unit, what this installation holds and sent against what the receiver says it
acknowledged.

- **Events.** Ours: the events queued for the unit (the ``agency`` they carry), those the receiver
  acknowledged by our records (delivered) and the :func:`~noivu.edossier.sync.checksum` of their keys.
  The receiver's: the number of events it kept for the unit and the checksum of their keys.
- **Dossiers.** Ours: the cadres, civil servants and public employees of the unit now and the checksum
  of their identifiers. The receiver's: the distinct identifiers of the dossiers it kept for the unit.

A unit whose numbers or checksums differ is flagged; its drill-down lists the events the receiver does not
hold (waiting, dead-lettered, or delivered and lost), the keys it holds that we never sent, the dossiers
it lacks and the identifiers it holds that the unit no longer has. The receiver is asked through
``EDOSSIER_RECONCILE_ENDPOINT`` with the token of the synchronisation: the stand-in's
``/edossier/receiver/acknowledged/`` by default (``docs/edossier-sync.md``).
"""

import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from noivu.core.filters import FilterSet
from noivu.core.permissions import Action, require_somewhere
from noivu.edossier.engine import DOSSIER_CATEGORIES
from noivu.edossier.models import SyncEvent, SyncStatus
from noivu.edossier.sync import checksum, exchange
from noivu.organizations.models import Organization
from noivu.personnel.models import Person

Lookup = Callable[[str | None], dict[str, Any]]


def http_lookup(endpoint: str, token: str) -> Lookup:
    """A GET of what the receiver acknowledged (``agency``: one unit's, with its keys and identifiers);
    the answer's JSON, or an ``OSError`` when it cannot be had."""

    def ask(agency: str | None) -> dict[str, Any]:
        url = endpoint + ("?" + urllib.parse.urlencode({"agency": agency}) if agency else "")
        return exchange(urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"}))

    return ask


def configured_lookup() -> Lookup | None:
    """The configured receiver, or None when no endpoint or no token is set."""
    endpoint, token = settings.EDOSSIER_RECONCILE_ENDPOINT, settings.EDOSSIER_SYNC_TOKEN
    return http_lookup(endpoint, token) if endpoint and token else None


def _ask(lookup: Lookup | None, agency: str | None) -> tuple[dict[str, dict[str, Any]], str]:
    """The receiver's units by code, and why they could not be had ("" when they could)."""
    if lookup is None:
        return {}, _("Chưa cấu hình máy nhận (EDOSSIER_RECONCILE_ENDPOINT, EDOSSIER_SYNC_TOKEN).")
    try:
        answer = lookup(agency)
    except OSError as failure:
        return {}, _("Không hỏi được máy nhận: %(error)s") % {"error": failure}
    units = answer.get("units")
    if not isinstance(units, list):
        return {}, _("Câu trả lời của máy nhận không có danh sách units.")
    return {str(unit.get("agency")): unit for unit in units if isinstance(unit, dict)}, ""


@dataclass
class Report:
    """The reconciliation of the units of a scope; ``receiver_error`` says why the receiver's side is
    missing, if it is (its columns are then None)."""

    units: list[dict[str, Any]]
    receiver_error: str = ""


def units_for(user: Any, filters: FilterSet) -> QuerySet[Organization]:
    """The units ``user`` administers (a national or a unit's administrator), narrowed by ``filters``;
    PermissionDenied for anyone else."""
    require_somewhere(user, Action.ADMINISTER)
    return filters.apply(Organization.objects.restrict(user, Action.ADMINISTER))


@dataclass
class _Ours:
    organization_id: int
    code: str
    name: str
    events: dict[str, str] = field(default_factory=dict)  # key → status
    persons: dict[int, str | None] = field(default_factory=dict)  # person → identifier


def _our_side(user: Any, units: QuerySet[Organization], code: str | None = None) -> dict[str, _Ours]:
    """Per unit code: our events (key and delivery state) and our dossiers (person and identifier)."""
    found = {
        unit_code: _Ours(pk, unit_code, name)
        for pk, unit_code, name in units.values_list("pk", "code", "name")
    }
    events = SyncEvent.objects.restrict(user, Action.ADMINISTER)
    persons = Person.objects.restrict(user, Action.ADMINISTER).filter(category__in=DOSSIER_CATEGORIES)
    if code is not None:
        events = events.filter(payload__agency=code)
        persons = persons.filter(organization__code=code)
    for key, agency, status in events.values_list("key", "payload__agency", "status").iterator():
        if agency in found:
            found[agency].events[str(key)] = status
    for person, agency, identifier in persons.values_list(
        "pk", "organization__code", "cccd_number"
    ).iterator():
        if agency in found:
            found[agency].persons[person] = identifier
    return found


EMPTY = {"events": 0, "events_checksum": checksum(()), "dossiers": 0, "dossiers_checksum": checksum(())}


def _row(ours: _Ours, theirs: dict[str, Any] | None) -> dict[str, Any]:
    """A unit's line: our side, the receiver's (None when it could not be asked) and the differences."""
    row: dict[str, Any] = {
        "organization_id": ours.organization_id,
        "code": ours.code,
        "name": ours.name,
        "events": len(ours.events),
        "events_delivered": sum(status == SyncStatus.DELIVERED for status in ours.events.values()),
        "events_checksum": checksum(ours.events),
        "dossiers": len(ours.persons),
        "dossiers_checksum": checksum(number for number in ours.persons.values() if number),
    }
    for name in EMPTY:
        row[f"receiver_{name}"] = None if theirs is None else theirs.get(name)
    if theirs is None:
        row.update(events_differ=None, dossiers_differ=None, differs=None)
        return row
    row["events_differ"] = (row["events"], row["events_checksum"]) != (
        row["receiver_events"],
        row["receiver_events_checksum"],
    )
    row["dossiers_differ"] = (row["dossiers"], row["dossiers_checksum"]) != (
        row["receiver_dossiers"],
        row["receiver_dossiers_checksum"],
    )
    row["differs"] = row["events_differ"] or row["dossiers_differ"]
    return row


def report(user: Any, filters: FilterSet, lookup: Lookup | None) -> Report:
    """Every unit of ``user``'s scope (narrowed by ``filters``) with something on either side, our side
    against the receiver's; only the differing units when ``filters`` asks so (``differs``)."""
    ours = _our_side(user, units_for(user, filters))
    theirs, error = _ask(lookup, None)
    rows = [
        _row(unit, None if error else theirs.get(code, EMPTY))
        for code, unit in sorted(ours.items(), key=lambda item: item[1].name)
        if unit.events or unit.persons or code in theirs
    ]
    if filters.value("differs"):
        rows = [row for row in rows if row["differs"]]
    return Report(rows, error)


@dataclass
class Drill:
    """A unit's items that do not reconcile (chi tiết chênh lệch)."""

    unit: dict[str, Any]
    receiver_error: str
    events: list[SyncEvent]  # ours the receiver does not hold
    unknown_keys: list[str]  # held by the receiver, never sent by us
    persons: list[Person]  # our dossiers the receiver does not hold
    unknown_identifiers: list[str]  # held by the receiver, not a dossier of the unit now


def drill(user: Any, unit: Organization, lookup: Lookup | None) -> Drill:
    """The events and dossiers of ``unit`` (one ``user`` administers) that the receiver does not hold, and
    what it holds that we do not."""
    units = Organization.objects.restrict(user, Action.ADMINISTER).filter(pk=unit.pk)
    ours = _our_side(user, units, unit.code)[unit.code]
    theirs, error = _ask(lookup, unit.code)
    held = theirs.get(unit.code, {})
    keys = {str(key) for key in held.get("event_keys", [])}
    identifiers = {str(number) for number in held.get("identifiers", [])}
    if error:
        return Drill(_row(ours, None), error, [], [], [], [])
    missing_events = [key for key in ours.events if key not in keys]
    missing_persons = [pk for pk, number in ours.persons.items() if not number or number not in identifiers]
    return Drill(
        _row(ours, held or EMPTY),
        "",
        list(
            SyncEvent.objects.restrict(user, Action.ADMINISTER)
            .filter(key__in=missing_events)
            .select_related("person")
            .order_by("occurred_at", "id")
        ),
        sorted(keys - ours.events.keys()),
        list(
            Person.objects.restrict(user, Action.ADMINISTER)
            .filter(pk__in=missing_persons)
            .order_by("full_name", "pk")
        ),
        sorted(identifiers - {number for number in ours.persons.values() if number}),
    )
