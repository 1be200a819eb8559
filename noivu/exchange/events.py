"""The upward sync received (nhận đồng bộ từ tỉnh lên Bộ): a province's outbox, pointed at this
installation's receiver, delivers batches of event format 1; each event's ``data`` row is applied through
the same engine as a whole dossier, once by the event's key.

The contract is that of the stand-in receiver (``docs/edossier-sync.md``): a bearer token (here: the
token of the source, which names it), ``200`` with the keys acknowledged and those rejected with why,
``401``, ``422``. An event is applied on its own, in order: a later event of a batch sees what an earlier
one wrote. A rejected event (a row its model refuses, a person whose dossier was never received) is not
kept, so the province sends it again; an event already applied is acknowledged and changes nothing.
"""

import uuid
from typing import Any

from django.utils.translation import gettext as _

from noivu.edossier import documents
from noivu.exchange import engine, schemas
from noivu.exchange.models import ExchangeReceipt


def _reason(problems: list[engine.Problem]) -> str:
    return "; ".join(f"{p.field} ({p.rule}): {p.message}" for p in problems[:5])


def incoming_event(index: int, event: dict[str, Any]) -> engine.Incoming | list[engine.Problem]:
    """The event's row as an incoming dossier of one row, or why it cannot be applied."""
    data = event["data"]
    label = data["model"]
    person = event["person"]
    base = engine.Incoming(
        line=index,
        identifier=person["identifier"],
        reference=int(person["reference"]),
        agency=event["agency"],
        person=None,
        raw=event,
    )
    prefix = f"$.events[{index}].data"
    if label == engine.PERSON:
        record = {name: value for name, value in data.items() if name in _person_columns()}
        problems = engine.schema_problems(schemas.validator(schemas.DOSSIER, "person"), index, record, prefix)
        if problems:
            return problems
        base.person = record
        base.raw = {
            "format_version": event["format_version"],
            "identifier": person["identifier"],
            "reference": base.reference,
            "agency": event["agency"],
            "person": record,
            "facts": {label: [] for label in documents.FACT_MODELS},
        }
        return base
    row = [data.get(column) for column in documents.fact_columns()[label]]
    problems = engine.schema_problems(schemas.validator(schemas.DOSSIER, label), index, row, prefix)
    if problems:
        return problems
    base.row = (label, row, bool(data["deleted"]))
    return base


def _person_columns() -> set[str]:
    return set(schemas.load(schemas.DOSSIER)["$defs"]["person"]["properties"])


def receive(batch: Any, source: str, user: Any) -> tuple[int, dict[str, Any]]:
    """The answer (HTTP status, JSON body) to a ``batch`` of event format 1 from ``source``, or of whole
    dossiers (the delivery of its initial export), each applied on behalf of ``user`` once by its key."""
    if not isinstance(batch, dict) or batch.get("format_version") != documents.FORMAT_VERSION:
        return 422, {"detail": f"format_version phải là '{documents.FORMAT_VERSION}'"}
    dossiers = "dossiers" in batch
    entries = batch.get("dossiers" if dossiers else "events")
    if not isinstance(entries, list):
        return 422, {"detail": ("dossiers" if dossiers else "events") + " phải là một danh sách"}
    keys = {str(e.get("key")) for e in entries if isinstance(e, dict)}
    done = {
        str(key)
        for key in ExchangeReceipt.objects.filter(key__in=[k for k in keys if _is_uuid(k)]).values_list(
            "key", flat=True
        )
    }
    acknowledged: list[str] = []
    rejected: list[dict[str, Any]] = []
    for index, entry in enumerate(entries):
        key = entry.get("key") if isinstance(entry, dict) else None
        found = _incoming_dossier(index, entry) if dossiers else _checked_event(index, entry)
        if isinstance(found, list):
            rejected.append({"key": key, "reason": _reason(found)})
            continue
        if str(key) in done:
            acknowledged.append(str(key))
            continue
        outcome = engine.apply_documents(
            [found], source, user, reason=_("Đồng bộ từ %(source)s") % {"source": source}
        )
        refusals = outcome.problems + [w for w in outcome.warnings if w.rule == "person"]
        if refusals:
            rejected.append({"key": key, "reason": _reason(refusals)})
            continue
        ExchangeReceipt.objects.create(
            key=str(key), source=source, outcome="changed" if outcome.changed else "unchanged"
        )
        done.add(str(key))
        acknowledged.append(str(key))
    return 200, {"acknowledged": acknowledged, "rejected": rejected}


def _checked_event(index: int, event: Any) -> engine.Incoming | list[engine.Problem]:
    problems = engine.schema_problems(
        schemas.validator(schemas.EVENT, "event"), index, event, f"$.events[{index}]"
    )
    return problems or incoming_event(index, event)


def _incoming_dossier(index: int, dossier: Any) -> engine.Incoming | list[engine.Problem]:
    """A dossier of the initial export's delivery (dossier format 1 with its ``key``), or its problems."""
    if not isinstance(dossier, dict) or not _is_uuid(str(dossier.get("key"))):
        return [engine.Problem(index, f"$.dossiers[{index}].key", "required", "key phải là UUID")]
    problems = engine.schema_problems(
        schemas.validator(schemas.DOSSIER), index, dossier, f"$.dossiers[{index}]"
    )
    return problems or engine.incoming_document(index, dossier)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
