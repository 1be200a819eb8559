"""Applying the dossiers of another installation to this database (nhận và ghi hồ sơ từ hệ thống khác):
the Ministry's side of the exchange, for a first load (the initial export of a province, dossier format 1)
and for the upward sync (the province's outbox, event format 1), ``docs/exchange.md``.

- **Checked first.** Every line is checked against the published JSON Schema and every unit code against
  this installation's units before anything is written; a problem names the line, the field (JSON path)
  and the rule. A file with any problem writes nothing.
- **Planned, then written.** Each dossier is compared with what this installation holds from the same
  source: the person by ``(source, reference)``, each fact by ``(source, model, id)`` through
  :class:`~noivu.exchange.models.ExchangeKey`. Only what differs is written, by one action
  (:func:`noivu.exchange.actions.do_apply_exchange`) that runs every model's own validation
  (``full_clean``); a file that changes nothing calls no action, writes no history and no audit event.
  A second import of the same file is therefore all "unchanged".
- **Conflicts.** A dossier whose identification number is held by a record that came from another source
  or was entered here is not merged: a :class:`~noivu.exchange.models.Conflict` keeps it for a national
  administrator to decide, and the line is otherwise skipped.

Foreign keys inside the rows are remapped: ``person_id`` to the local person, ``organization_id`` by the
unit code (a unit id the source never named with its code is skipped with a warning). The references
this installation cannot hold — a job-position project's positions, a training enrolment, the user who
decided an evaluation — are left empty, and the job-position holdings (``positions.PositionHolder``),
which make no sense without the province's project, are not applied.
"""

import gzip
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any, cast

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from noivu.core.models import SoftDeletable
from noivu.edossier import documents
from noivu.exchange import schemas
from noivu.exchange.models import Conflict, ExchangeKey
from noivu.organizations.models import Organization
from noivu.personnel.models import Person

PERSON = Person._meta.label
UNIT = Organization._meta.label
# Kinds of fact whose rows point at data only the source holds (its job-position project).
NOT_APPLIED = frozenset({"positions.PositionHolder"})
# References to rows only the source holds, left empty here.
CLEARED = frozenset({"decided_by_id", "enrolment_id"})
MAX_PROBLEMS = 200
OUTCOMES = ("created", "updated", "unchanged", "deleted", "skipped")


@dataclass(frozen=True)
class Problem:
    """One reason a line is refused (or, as a warning, a row skipped): its line number (its position in
    a batch of events), the field as a JSON path and the rule it breaks."""

    line: int
    field: str
    rule: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "field": self.field, "rule": self.rule, "message": self.message}


@dataclass
class Incoming:
    """One dossier (or one event's row) from ``source``, its values still as JSON."""

    line: int
    identifier: str | None
    reference: int
    agency: str
    person: dict[str, Any] | None
    # Every kind of fact (a whole dossier: rows it no longer has are removed), or None (an event).
    facts: dict[str, list[list[Any]]] | None = None
    # An event's single row: (kind, row as columns, deleted).
    row: tuple[str, list[Any], bool] | None = None
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class FactChange:
    label: str
    source_id: int
    local_id: int | None
    values: dict[str, Any] | None  # None: remove the local row
    index: int


@dataclass
class Plan:
    """What applying one incoming dossier changes."""

    incoming: Incoming
    unit_id: int
    person_id: int | None
    person_values: dict[str, Any] | None
    facts: list[FactChange]
    conflict: dict[str, Any] | None = None

    @property
    def empty(self) -> bool:
        return self.person_values is None and not self.facts and self.conflict is None


@dataclass
class Outcome:
    """What an import did, or the problems that stopped it (nothing written then)."""

    source: str
    lines: int = 0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    conflicts: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, kind: str, outcome: str, number: int = 1) -> None:
        self.counts.setdefault(kind, dict.fromkeys(OUTCOMES, 0))[outcome] += number

    @property
    def changed(self) -> int:
        return self.conflicts + sum(
            row["created"] + row["updated"] + row["deleted"] for row in self.counts.values()
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "lines": self.lines,
            "ok": self.ok,
            "counts": self.counts,
            "conflicts": self.conflicts,
            "problems": [p.as_dict() for p in self.problems],
            "warnings": [w.as_dict() for w in self.warnings],
        }


class Refused(ValidationError):
    """The model validation refused rows while writing: the whole import is rolled back."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__([f"{p.line}: {p.field} ({p.rule}): {p.message}" for p in problems[:20]])
        self.problems = problems


# --- Reading -------------------------------------------------------------------------------------------


def read_lines(stream: IO[bytes]) -> Iterator[tuple[int, Any]]:
    """Each line of an NDJSON file (gzip-compressed or plain) with its number, parsed; a line that is
    not JSON gives a :class:`Problem` instead."""
    head = stream.read(2)
    stream.seek(0)
    source: Iterable[bytes] = gzip.GzipFile(fileobj=stream, mode="rb") if head == b"\x1f\x8b" else stream
    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except ValueError as error:
            yield (
                number,
                Problem(number, "$", "json", _("Dòng không phải JSON: %(error)s") % {"error": error}),
            )


def schema_problems(validator: Any, line: int, value: Any, prefix: str = "$") -> list[Problem]:
    """What ``validator`` finds wrong in ``value``, each named by ``line``, its JSON path and the rule."""
    found = []
    for error in sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path))):
        path = prefix + error.json_path.removeprefix("$")
        found.append(Problem(line, path, str(error.validator), error.message))
    return found


def check_document(line: int, document: Any) -> list[Problem]:
    """The problems of one line of dossier format 1 against its JSON Schema."""
    return schema_problems(schemas.validator(schemas.DOSSIER), line, document)


def incoming_documents(stream: IO[bytes]) -> tuple[list[Incoming], list[Problem]]:
    """The dossiers of an NDJSON file, each checked against the schema; the problems found."""
    found, problems = [], []
    for number, document in read_lines(stream):
        if isinstance(document, Problem):
            problems.append(document)
        else:
            wrong = check_document(number, document)
            if wrong:
                problems.extend(wrong)
            elif not problems:
                found.append(incoming_document(number, document))
        if len(problems) >= MAX_PROBLEMS:
            break
    return found, problems


def incoming_document(number: int, document: dict[str, Any]) -> Incoming:
    """A checked line of dossier format 1 as an incoming dossier."""
    return Incoming(
        line=number,
        identifier=document["identifier"],
        reference=int(document["reference"]),
        agency=document["agency"],
        person=document["person"],
        facts={label: rows for label, rows in document["facts"].items()},
        raw=document,
    )


# --- Mapping -------------------------------------------------------------------------------------------


def _fields(label: str) -> list[models.Field]:
    model = apps.get_model(label)
    excluded = documents.PERSON_EXCLUDED if label == PERSON else documents.REMOVAL_FIELDS
    return [f for f in model._meta.concrete_fields if f.attname not in excluded]


class Mapper:
    """The keys of one source: its units by id (learnt from the dossiers' ``agency``) and its rows."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.units: dict[int, int] = dict(
            ExchangeKey.objects.filter(source=source, model=UNIT).values_list("source_id", "local_id")
        )
        self.rows: dict[tuple[str, int], int] = {}
        # A chunk's rows that came from the source, by (kind, local person): (local id, source id).
        self.held: dict[tuple[str, int], list[tuple[int, int]]] = {}

    def load(self, batch: list[Incoming]) -> None:
        """Read the keys of the persons and rows of ``batch``, one query per kind (those of the batch
        before are forgotten)."""
        self.rows = {}
        wanted: dict[str, set[int]] = {PERSON: {item.reference for item in batch}}
        for item in batch:
            for label, rows in (item.facts or {}).items():
                wanted.setdefault(label, set()).update(row[0] for row in rows)
            if item.row is not None and item.row[1][0] is not None:
                wanted.setdefault(item.row[0], set()).add(item.row[1][0])
        for label, ids in wanted.items():
            keys = ExchangeKey.objects.filter(source=self.source, model=label, source_id__in=ids)
            for source_id, local_id in keys.values_list("source_id", "local_id"):
                self.rows[(label, source_id)] = local_id

    def local(self, label: str, source_id: int) -> int | None:
        return self.rows.get((label, source_id))


def resolve_units(batch: list[Incoming], mapper: Mapper) -> tuple[dict[str, int], list[Problem]]:
    """This installation's unit of each ``agency`` code of ``batch``; an unknown code is a problem."""
    codes = {item.agency for item in batch}
    found = dict(Organization.objects.unrestricted().filter(code__in=codes).values_list("code", "pk"))
    problems = [
        Problem(
            item.line,
            "$.agency",
            "unit",
            _("Không có đơn vị mã %(code)s ở hệ thống này.") % {"code": item.agency},
        )
        for item in batch
        if item.agency not in found
    ]
    for item in batch:
        unit = (item.person or {}).get("organization_id")
        if item.agency in found and isinstance(unit, int) and unit > 0:
            mapper.units.setdefault(unit, found[item.agency])
    return found, problems


def _value(field: models.Field, value: Any) -> Any:
    """A JSON value as the field holds it. A decimal comes as a JSON number, read by Python as a float:
    its shortest text (2.34, not 2.339999…) is the decimal the source held."""
    if isinstance(field, models.DecimalField) and isinstance(value, float):
        return Decimal(repr(value))
    return field.to_python(value)


def _python(fields: list[models.Field], row: list[Any]) -> dict[str, Any]:
    return {f.attname: _value(f, value) for f, value in zip(fields, row, strict=True)}


# --- Planning ------------------------------------------------------------------------------------------


def _person_values(item: Incoming, unit_id: int) -> dict[str, Any]:
    fields = [f for f in _fields(PERSON) if not f.primary_key]
    person = item.person or {}
    values = {f.attname: _value(f, person.get(f.column)) for f in fields if f.column in person}
    values["organization_id"] = unit_id
    if values.get("cccd_number") == "":
        values["cccd_number"] = None
    return values


def _differs(current: dict[str, Any] | None, wanted: dict[str, Any]) -> bool:
    return current is None or any(current.get(name) != value for name, value in wanted.items())


def _fact_values(
    label: str, row: list[Any], person_id: int | None, mapper: Mapper, item: Incoming, index: int
) -> tuple[dict[str, Any] | None, Problem | None]:
    values = _python(_fields(label), row)
    source_id = values.pop("id")
    values["person_id"] = person_id
    for name in CLEARED & values.keys():
        values[name] = None
    if "organization_id" in values:
        unit = mapper.units.get(values["organization_id"])
        if unit is None:
            return None, Problem(
                item.line,
                f"$.facts['{label}'][{index}]",
                "unit",
                _(
                    "Dòng %(id)s chỉ đơn vị số %(unit)s mà hệ thống gửi chưa cho biết mã; "
                    "dòng này không được ghi."
                )
                % {"id": source_id, "unit": values["organization_id"]},
            )
        values["organization_id"] = unit
    return values, None


def _conflict(
    item: Incoming, source: str, person_id: int | None, holders: dict[str, tuple[int, str, int | None]]
) -> bool:
    """Whether the dossier's identifier is held by another record than the one it maps to."""
    held = holders.get(item.identifier or "")
    return held is not None and held[0] != person_id and (held[1], held[2]) != (source, item.reference)


def plan(
    batch: list[Incoming], source: str, mapper: Mapper, units: dict[str, int], outcome: Outcome
) -> list[Plan]:
    """What applying ``batch`` changes, read from the database without writing; counts the unchanged."""
    mapper.load(batch)
    identifiers = {item.identifier for item in batch if item.identifier}
    holders: dict[str, tuple[int, str, int | None]] = {}
    for pk, number in (
        Person.objects.unrestricted().filter(cccd_number__in=identifiers).values_list("pk", "cccd_number")
    ):
        holders[number] = (pk, "", None)
    # Whose record each holder is: a key of a source, or none (entered here).
    number_of = {held[0]: number for number, held in holders.items()}
    for source_of, source_id, local_id in ExchangeKey.objects.filter(
        model=PERSON, local_id__in=list(number_of)
    ).values_list("source", "source_id", "local_id"):
        holders[number_of[local_id]] = (local_id, source_of, source_id)
    known = [pk for item in batch if (pk := mapper.local(PERSON, item.reference)) is not None]
    person_names = [f.attname for f in _fields(PERSON) if not f.primary_key]
    current_persons = {
        row["id"]: row
        for row in Person.objects.unrestricted().filter(pk__in=known).values("id", *person_names)
    }
    current_facts = _current_facts(batch, mapper)
    mapper.held = {}
    for (kind, source_id), local in mapper.rows.items():
        held_row = current_facts.get(kind, {}).get(local)
        if held_row is not None:
            mapper.held.setdefault((kind, held_row["person_id"]), []).append((local, source_id))
    decided = _decided_conflicts(batch, source)
    plans = []
    for item in batch:
        person_id = mapper.local(PERSON, item.reference)
        if person_id is not None and person_id not in current_persons:
            person_id = None  # removed here since: created again
        unit_id = units[item.agency]
        if item.person is not None and _conflict(item, source, person_id, holders):
            plans.append(_conflict_plan(item, source, unit_id, holders, decided, outcome))
            continue
        if item.identifier:
            holders[item.identifier] = (person_id or -item.reference, source, item.reference)
        plans.append(_plan_one(item, person_id, unit_id, mapper, current_persons, current_facts, outcome))
    return [p for p in plans if not p.empty]


def _decided_conflicts(batch: list[Incoming], source: str) -> dict[tuple[int, str], str]:
    rows = Conflict.objects.unrestricted().filter(
        source=source, reference__in=[item.reference for item in batch]
    )
    return {(r.reference, r.identifier): r.status for r in rows}


def _conflict_plan(
    item: Incoming,
    source: str,
    unit_id: int,
    holders: dict[str, tuple[int, str, int | None]],
    recorded: dict[tuple[int, str], str],
    outcome: Outcome,
) -> Plan:
    identifier = item.identifier or ""
    if (item.reference, identifier) in recorded:
        outcome.count(PERSON, "skipped")
        return Plan(item, unit_id, None, None, [])
    held_person, held_source, held_reference = holders[identifier]
    outcome.conflicts += 1
    conflict = {
        "identifier": identifier,
        "source": source,
        "reference": item.reference,
        "held_person_id": held_person if held_person > 0 else None,
        "held_source": held_source,
        "held_reference": held_reference,
        "document": item.raw,
    }
    return Plan(item, unit_id, None, None, [], conflict=conflict)


def _current_facts(batch: list[Incoming], mapper: Mapper) -> dict[str, dict[int, dict[str, Any]]]:
    """This installation's rows of the batch's kinds of fact that came from the source, by local id, and
    for whole dossiers every row of their persons, with the keys of those that came from the source (to
    find the rows the source has removed since)."""
    persons = [
        pk for item in batch if item.facts is not None and (pk := mapper.local(PERSON, item.reference))
    ]
    current: dict[str, dict[int, dict[str, Any]]] = {}
    for label in documents.FACT_MODELS:
        if label in NOT_APPLIED:
            continue
        model = apps.get_model(label)
        mapped = [local for (kind, _id), local in mapper.rows.items() if kind == label]
        condition = models.Q(pk__in=mapped)
        if persons:
            condition |= models.Q(person_id__in=persons)
        names = [f.attname for f in _fields(label)]
        rows = model._default_manager.filter(condition).values(*names) if mapped or persons else []
        current[label] = {row["id"]: row for row in rows}
        unkeyed = set(current[label]) - set(mapped)
        if unkeyed:
            keys = ExchangeKey.objects.filter(source=mapper.source, model=label, local_id__in=unkeyed)
            for source_id, local_id in keys.values_list("source_id", "local_id"):
                mapper.rows[(label, source_id)] = local_id
    return current


def _plan_one(
    item: Incoming,
    person_id: int | None,
    unit_id: int,
    mapper: Mapper,
    current_persons: dict[int, dict[str, Any]],
    current_facts: dict[str, dict[int, dict[str, Any]]],
    outcome: Outcome,
) -> Plan:
    result = Plan(item, unit_id, person_id, None, [])
    if item.person is not None:
        wanted = _person_values(item, unit_id)
        if _differs(current_persons.get(person_id) if person_id else None, wanted):
            result.person_values = wanted
            outcome.count(PERSON, "updated" if person_id else "created")
        else:
            outcome.count(PERSON, "unchanged")
    elif person_id is None:
        outcome.warnings.append(
            Problem(
                item.line,
                "$.person.reference",
                "person",
                _("Hồ sơ số %(reference)s chưa được nhận từ hệ thống gửi: hãy gửi hồ sơ đầy đủ trước.")
                % {"reference": item.reference},
            )
        )
        return result
    rows: list[tuple[str, list[Any], bool, int]] = []
    if item.facts is not None:
        rows = [
            (label, row, False, i)
            for label, kind_rows in item.facts.items()
            for i, row in enumerate(kind_rows)
        ]
    elif item.row is not None:
        rows = [(item.row[0], item.row[1], item.row[2], 0)]
    seen: dict[str, set[int]] = {}
    for label, row, deleted, index in rows:
        if label in NOT_APPLIED:
            outcome.count(label, "skipped")
            continue
        _plan_fact(result, label, row, deleted, index, mapper, current_facts, outcome)
        seen.setdefault(label, set()).add(row[0])
    if item.facts is not None and person_id is not None:
        _plan_removed(result, seen, mapper, current_facts, outcome)
    return result


def _plan_fact(
    result: Plan,
    label: str,
    row: list[Any],
    deleted: bool,
    index: int,
    mapper: Mapper,
    current_facts: dict[str, dict[int, dict[str, Any]]],
    outcome: Outcome,
) -> None:
    source_id = int(row[0])
    local_id = mapper.local(label, source_id)
    current = current_facts.get(label, {}).get(local_id) if local_id is not None else None
    if deleted:
        if current is not None:
            result.facts.append(FactChange(label, source_id, local_id, None, index))
            outcome.count(label, "deleted")
        else:
            outcome.count(label, "unchanged")
        return
    values, warning = _fact_values(label, row, result.person_id, mapper, result.incoming, index)
    if values is None:
        outcome.warnings.append(cast(Problem, warning))
        outcome.count(label, "skipped")
        return
    compared = {name: value for name, value in values.items() if name != "person_id"}
    if (
        current is not None
        and current.get("person_id") == result.person_id
        and not _differs(current, compared)
    ):
        outcome.count(label, "unchanged")
        return
    result.facts.append(
        FactChange(label, source_id, local_id if current is not None else None, values, index)
    )
    outcome.count(label, "updated" if current is not None else "created")


def _plan_removed(
    result: Plan,
    seen: dict[str, set[int]],
    mapper: Mapper,
    current_facts: dict[str, dict[int, dict[str, Any]]],
    outcome: Outcome,
) -> None:
    """The rows of the person that came from the source and that its dossier no longer has."""
    person = result.person_id
    if person is None:
        return
    for label in current_facts:
        for local, source_id in mapper.held.get((label, person), []):
            if source_id not in seen.get(label, set()):
                result.facts.append(FactChange(label, source_id, local, None, -1))
                outcome.count(label, "deleted")


# --- Writing -------------------------------------------------------------------------------------------


def _field_path(label: str, index: int, name: str) -> str:
    if label == PERSON:
        return f"$.person.{name}"
    return f"$.facts['{label}'][{index}].{name}"


def _refusals(error: ValidationError, line: int, label: str, index: int) -> list[Problem]:
    if hasattr(error, "error_dict"):
        return [
            Problem(
                line,
                _field_path(label, index, name),
                "model",
                " ".join(m for e in errors for m in e.messages),
            )
            for name, errors in error.error_dict.items()
        ]
    return [Problem(line, _field_path(label, index, "__all__"), "model", " ".join(error.messages))]


def write(plans: list[Plan], source: str, reason: str) -> list[Problem]:
    """Write the planned changes (inside the applying action), every row through its model's own
    validation; the problems found (the caller rolls everything back when there are any)."""
    problems: list[Problem] = []
    new_keys: list[ExchangeKey] = []
    for item in plans:
        line = item.incoming.line
        if item.conflict is not None:
            Conflict.objects.create(**item.conflict)
            continue
        person_id = item.person_id
        if item.person_values is not None:
            person = Person.objects.unrestricted().get(pk=person_id) if person_id else Person()
            for name, value in item.person_values.items():
                setattr(person, name, value)
            try:
                person.full_clean(validate_unique=True)
            except ValidationError as error:
                problems.extend(_refusals(error, line, PERSON, 0))
                continue
            person.save()
            if person_id is None:
                new_keys.append(
                    ExchangeKey(
                        source=source, model=PERSON, source_id=item.incoming.reference, local_id=person.pk
                    )
                )
                person_id = person.pk
        for change in item.facts:
            problems.extend(_write_fact(change, person_id, source, line, reason, new_keys))
    _replace_keys(source, new_keys)
    return problems


def _replace_keys(source: str, keys: list[ExchangeKey]) -> None:
    """Write the keys of the rows created, replacing those of rows removed here since (one statement per
    kind)."""
    by_model: dict[str, list[int]] = {}
    for key in keys:
        by_model.setdefault(key.model, []).append(key.source_id)
    for model, ids in by_model.items():
        ExchangeKey.objects.filter(source=source, model=model, source_id__in=ids).delete()
    ExchangeKey.objects.bulk_create(keys, batch_size=5000)


def _remove(row: models.Model, reason: str) -> None:
    if isinstance(row, SoftDeletable):
        row.deleted_at = timezone.now()
        row.deletion_reason = reason
        row.save()
    else:
        row.delete()


def clear_facts(person_id: int, reason: str) -> int:
    """Remove every applied kind of fact of the person ``person_id`` and forget their keys (a record
    taken over by an incoming dossier); how many rows."""
    removed = 0
    for label in documents.FACT_MODELS:
        if label in NOT_APPLIED:
            continue
        model = apps.get_model(label)
        rows = list(model._default_manager.filter(person_id=person_id))
        for row in rows:
            _remove(row, reason)
        ExchangeKey.objects.filter(model=label, local_id__in=[row.pk for row in rows]).delete()
        removed += len(rows)
    return removed


def _write_fact(
    change: FactChange,
    person_id: int | None,
    source: str,
    line: int,
    reason: str,
    new_keys: list[ExchangeKey],
) -> list[Problem]:
    model = apps.get_model(change.label)
    if change.values is None:
        found = model._default_manager.filter(pk=change.local_id).first()
        if found is not None:
            _remove(found, reason)
        ExchangeKey.objects.filter(source=source, model=change.label, source_id=change.source_id).delete()
        return []
    row = model._default_manager.get(pk=change.local_id) if change.local_id else model()
    for name, value in {**change.values, "person_id": person_id}.items():
        if name != "id":
            setattr(row, name, value)
    try:
        row.full_clean()
    except ValidationError as error:
        return _refusals(error, line, change.label, change.index)
    row.save()
    if change.local_id is None:
        new_keys.append(
            ExchangeKey(source=source, model=change.label, source_id=change.source_id, local_id=row.pk)
        )
    return []


def remember_units(mapper: Mapper) -> None:
    """Keep the units learnt from the dossiers, for the events that name a unit by id later."""
    known = set(
        ExchangeKey.objects.filter(source=mapper.source, model=UNIT).values_list("source_id", flat=True)
    )
    ExchangeKey.objects.bulk_create(
        ExchangeKey(source=mapper.source, model=UNIT, source_id=source_id, local_id=local_id)
        for source_id, local_id in mapper.units.items()
        if source_id not in known
    )


# --- Applying ------------------------------------------------------------------------------------------

CHUNK = 1000


def apply_documents(items: list[Incoming], source: str, user: Any, *, reason: str = "") -> Outcome:
    """Apply the checked dossiers ``items`` from ``source`` on behalf of ``user``: planned in chunks,
    then written by one action when anything differs; nothing is written when a row is refused."""
    from noivu.exchange.actions import do_apply_exchange

    outcome = Outcome(source, lines=len(items))
    mapper = Mapper(source)
    units, problems = resolve_units(items, mapper)
    if problems:
        outcome.problems = problems[:MAX_PROBLEMS]
        return outcome
    plans: list[Plan] = []
    for start in range(0, len(items), CHUNK):
        plans.extend(plan(items[start : start + CHUNK], source, mapper, units, outcome))
    if not plans:
        return outcome
    try:
        do_apply_exchange(
            source=source, plans=plans, mapper=mapper, outcome=outcome, acting_user=user, reason=reason
        )
    except Refused as refused:
        outcome.problems = refused.problems[:MAX_PROBLEMS]
        outcome.counts = {}
        outcome.conflicts = 0
    return outcome


def import_stream(stream: IO[bytes], source: str, user: Any, *, reason: str = "") -> Outcome:
    """Import an NDJSON file of dossier format 1 (gzip-compressed or plain) received from ``source``:
    every line checked, then applied all or nothing; a second import of the same file changes nothing."""
    items, problems = incoming_documents(stream)
    if problems:
        return Outcome(source, lines=len(items), problems=problems)
    return apply_documents(items, source, user, reason=reason)


def import_bytes(content: bytes, source: str, user: Any, *, reason: str = "") -> Outcome:
    return import_stream(io.BytesIO(content), source, user, reason=reason)
