"""The change history of a person's record (lịch sử thay đổi hồ sơ), read as one list.

Every part of the record keeps simple-history rows: the person's own fields, the assignments, the
addresses and every kind of fact of the dossier registry (ranks, salary steps, allowances, training,
awards, evaluations… including those other apps register). :func:`change_history` reads each part with
one query, compares each history row with the previous one of the same row, and returns the entries,
newest first, with who, when, what was done and each field changed by its Vietnamese label, its values
as the pages show them (dd/mm/yyyy, code lists and choices by their names) and personal data masked
for a reader without the right to see it (:class:`~noivu.personnel.records.presenters.PersonPresenter`,
the fact kinds' masks).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from noivu.core.presenters import mask_all
from noivu.organizations.models import Organization
from noivu.personnel import codelists
from noivu.personnel.dossier import registry
from noivu.personnel.models import Assignment, Person, PersonAddress
from noivu.personnel.records.presenters import PersonPresenter

Mask = Callable[[Any], Any]
# Columns that are bookkeeping, not part of what the officer recorded.
NEVER_SHOWN = {
    "id",
    "person",
    "updated_at",
    "created_at",
    "full_name_folded",
    "conversion_candidates",
    "order",
    "deleted_at",
    "deleted_by",
    "deletion_reason",
}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """One change of one row of the record: ``operation`` is created, changed or deleted."""

    at: dt.datetime
    user: str
    operation: str
    subject: str
    # "created", "changed" or "deleted": created and deleted rows list their values, changes old → new.
    kind: str = "changed"
    changes: list[FieldChange] = field(default_factory=list)
    reason: str = ""
    # A change recorded before this row had a history of its own: the values after it only.
    without_previous: bool = False


@dataclass(frozen=True)
class Source:
    """A part of the record with a history: its model, its title, how its rows name the person and
    which of its fields are personal data (masked with the function given)."""

    model: type[models.Model]
    subject: str | Promise
    person_attname: str
    masks: dict[str, Mask]


CREATED = pgettext_lazy("change history", "Thêm")
CHANGED = pgettext_lazy("change history", "Sửa")
DELETED = pgettext_lazy("change history", "Xóa")
ADDRESS_MASKS: dict[str, Mask] = {
    name: mask_all
    for name in (
        "detail",
        "legacy_province_code",
        "legacy_district_code",
        "legacy_commune_code",
        "legacy_text",
        "province_code",
        "commune_code",
        "current_text",
    )
}


def sources() -> list[Source]:
    """The person, the assignments, the addresses, then every registered kind of fact (once per model)."""
    person_masks = {column.name: column.personal for column in PersonPresenter.columns if column.personal}
    found = [
        Source(Person, gettext_lazy("Thông tin cá nhân"), "id", person_masks),
        Source(Assignment, gettext_lazy("Quá trình công tác"), "person_id", {}),
        Source(PersonAddress, gettext_lazy("Địa chỉ"), "person_id", ADDRESS_MASKS),
    ]
    seen: set[type[models.Model]] = {Assignment, PersonAddress}
    for kind in registry.listed_kinds().values():
        if kind.model in seen:
            continue
        seen.add(kind.model)
        relation = getattr(Person, kind.related_name).field
        found.append(Source(kind.model, kind.title, relation.attname, dict(kind.masks)))
    return found


class _Values:
    """Shows a stored value as the record's pages do; unit names are read once for the whole history."""

    def __init__(self) -> None:
        self.units: dict[int, str] = {}

    def load_units(self, ids: set[int]) -> None:
        wanted = ids - set(self.units)
        if wanted:
            # Unit names are not personal data; a past unit outside the reader's scope is named as the
            # record's assignments name it.
            names = Organization.objects.unrestricted().filter(pk__in=wanted).values_list("pk", "name")
            self.units.update(names)

    def show(self, model_field: models.Field, value: Any, record: Any) -> str:
        if value is None or value == "":
            return ""
        model = model_field.model
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if model is Person and model_field.name == "ethnic_group":
            return codelists.ethnic_groups().name_of(value)
        if model is Person and model_field.name == "religion":
            return codelists.religions().name_of(value)
        if model_field.name == "level" and hasattr(record, "kind"):
            try:
                return codelists.education_levels(record.kind).name_of(value)
            except KeyError:
                return str(value)
        if isinstance(model_field, models.ForeignKey):
            if model_field.related_model is Organization:
                return self.units.get(value, str(value))
            return str(value)
        if isinstance(value, bool):
            return str(_("Có") if value else _("Không"))
        if isinstance(value, dt.datetime):
            return date_format(timezone.localtime(value), "d/m/Y H:i")
        if isinstance(value, dt.date):
            return date_format(value, "d/m/Y")
        if isinstance(value, Decimal):
            return number_format(value, 2)
        return str(value)


def _fields(model: type[models.Model]) -> list[models.Field]:
    tracked = {f.name for f in model.history.model.tracked_fields}  # type: ignore[attr-defined]
    return [
        f
        for f in model._meta.concrete_fields
        if f.name in tracked and f.name not in NEVER_SHOWN and not isinstance(f, models.JSONField)
    ]


def _removed(before: Any, record: Any) -> bool:
    """Whether ``record`` is the history row of a fact removed with a reason (xóa mềm)."""
    return (
        before is not None and getattr(record, "deleted_at", None) is not None and before.deleted_at is None
    )


def change_history(person: Person, *, personal_data: bool) -> list[HistoryEntry]:
    """Every change of ``person``'s record, newest first; ``personal_data``: whether the reader sees
    personal data unmasked."""
    values = _Values()
    entries: list[HistoryEntry] = []
    for source in sources():
        fields = _fields(source.model)
        records = list(
            source.model.history.filter(**{source.person_attname: person.pk})  # type: ignore[attr-defined]
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        if not records:
            continue
        units = {
            getattr(record, f.attname)
            for record in records
            for f in fields
            if isinstance(f, models.ForeignKey) and f.related_model is Organization
        }
        values.load_units({unit for unit in units if unit is not None})

        def shown(f: models.Field, record: Any, source: Source = source) -> str:
            value = getattr(record, f.attname)
            mask = None if personal_data else source.masks.get(f.name)
            if mask is not None and value not in (None, ""):
                return str(mask(value))
            return values.show(f, value, record)

        previous: dict[Any, Any] = {}
        for record in records:
            before = previous.get(record.id)
            previous[record.id] = record
            entry = HistoryEntry(
                at=record.history_date,
                user=str(record.history_user) if record.history_user else "",
                operation=str(CHANGED),
                subject=str(source.subject),
                reason=record.history_change_reason or "",
            )
            if record.history_type == "+":
                entry.operation = str(_("Tạo hồ sơ") if source.model is Person else CREATED)
                entry.kind = "created"
                pairs = [(f, "", shown(f, record)) for f in fields]
            elif record.history_type == "-" or _removed(before, record):
                entry.operation = str(DELETED)
                entry.kind = "deleted"
                entry.reason = getattr(record, "deletion_reason", "") or entry.reason
                pairs = [(f, shown(f, before or record), "") for f in fields]
            elif before is None:
                entry.without_previous = True
                pairs = [(f, "", shown(f, record)) for f in fields]
            else:
                pairs = [
                    (f, shown(f, before), shown(f, record))
                    for f in fields
                    if getattr(before, f.attname) != getattr(record, f.attname)
                ]
            entry.changes = [
                FieldChange(capfirst(str(f.verbose_name)), old, new) for f, old, new in pairs if old or new
            ]
            if entry.changes or record.history_type != "~":
                entries.append(entry)
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries
