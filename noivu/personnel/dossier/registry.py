"""Registry of the parts of a person's record (các phần của hồ sơ): how an app adds a kind of fact.

A :class:`DossierPart` says what one kind of fact brings to the record: its entry forms and API kinds
(:class:`~noivu.personnel.dossier.forms.FactKind`, whose form also corrects a fact and whose rows can be
deleted, each change shown in the record's change history), its entries in the timeline, its section on the
record page, its table in the printable CV and its columns in the Excel export of a list. An app
registers its parts in its ``AppConfig.ready()`` — before the URLs are loaded, as the API's entry
endpoints are made from the registry — and ``personnel`` never imports that app. Personnel registers
its own parts the same way (:mod:`noivu.personnel.dossier.parts`).
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.template import Template
    from django.utils.functional import Promise

    from noivu.personnel.dossier.forms import FactKind
    from noivu.personnel.dossier.timeline import TimelineEntry
    from noivu.personnel.models import Person


@dataclass(frozen=True)
class RecordSection:
    """A box on the record page: ``template`` (a template name, or a compiled template) rendered with
    ``section_context``, the result of ``context(person, full)`` (``full`` when the reader may see
    personal data unmasked)."""

    title: "str | Promise"
    template: "str | Template"
    context: Callable[["Person", bool], dict[str, Any]]


@dataclass(frozen=True)
class CvTable:
    """A table of the printable CV after the tables of the 2C form: ``rows(person, full)`` gives one tuple
    of text per row, in the order of ``headers``."""

    title: "str | Promise"
    headers: "tuple[str | Promise, ...]"
    rows: Callable[["Person", bool], list[tuple[str, ...]]]


@dataclass(frozen=True)
class ExportColumn:
    """A column of the Excel export of a person list (and of the import template, read-only there):
    ``values(person_ids, day)`` gives, in one query for a batch of persons, each person's cell as the
    facts stood on ``day``; persons without a value may be left out."""

    header: str
    values: Callable[[list[int], dt.date], dict[int, Any]]
    width: int = 16
    doc: str = ""


@dataclass(frozen=True)
class DossierPart:
    """What one kind of fact adds to a person's record; every piece is optional.

    ``cv_facts(person, day)`` gives the facts the 2C form itself prints from another app's models (the
    salary step on ``day`` as ``salary``, the allowances in force as ``allowances``, the salary history
    as ``salary_history``), so that the form keeps its official layout without personnel importing them.
    """

    name: str
    fact_kinds: tuple["FactKind", ...] = ()
    timeline: Callable[["Person"], Iterable["TimelineEntry"]] | None = None
    record_section: RecordSection | None = None
    cv_table: CvTable | None = None
    export_columns: tuple[ExportColumn, ...] = ()
    cv_facts: Callable[["Person", dt.date], dict[str, Any]] | None = None


_parts: dict[str, DossierPart] = {}


def register(part: DossierPart) -> DossierPart:
    """Add ``part`` to every person's record; its name and the slugs of its fact kinds must be new."""
    if part.name in _parts:
        raise ValueError(f"dossier part {part.name!r} is already registered")
    taken = set(fact_kinds())
    for kind in part.fact_kinds:
        if kind.slug in taken:
            raise ValueError(f"fact kind {kind.slug!r} is already registered")
    _parts[part.name] = part
    return part


def unregister(name: str) -> None:
    """Remove the part ``name`` (for tests that register a part of their own)."""
    _parts.pop(name, None)


def parts() -> list[DossierPart]:
    """The registered parts, in the order they were registered."""
    return list(_parts.values())


def fact_kinds() -> dict[str, "FactKind"]:
    """Every kind of fact by slug: its entry page and its ``POST /api/v1/dossier/{id}/{slug}``."""
    return {kind.slug: kind for part in _parts.values() for kind in part.fact_kinds}


def listed_kinds() -> dict[str, "FactKind"]:
    """The kinds whose rows are listed (the end of an allowance changes rows listed under another kind)."""
    return {slug: kind for slug, kind in fact_kinds().items() if kind.listed}


def timeline_sources() -> list[Callable[["Person"], Iterable["TimelineEntry"]]]:
    return [part.timeline for part in _parts.values() if part.timeline is not None]


def record_sections() -> list[RecordSection]:
    return [part.record_section for part in _parts.values() if part.record_section is not None]


def cv_tables() -> list[CvTable]:
    return [part.cv_table for part in _parts.values() if part.cv_table is not None]


def cv_facts(person: "Person", day: dt.date) -> dict[str, Any]:
    """The facts the registered parts give the 2C form of ``person`` as of ``day``."""
    found: dict[str, Any] = {}
    for part in _parts.values():
        if part.cv_facts is not None:
            found.update(part.cv_facts(person, day))
    return found


def export_columns() -> list[ExportColumn]:
    return [column for part in _parts.values() for column in part.export_columns]
