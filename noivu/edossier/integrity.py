"""The integrity check of the dossiers (kiểm tra toàn vẹn hồ sơ): finds the changes made outside the actions.

Every action writes a history row for the row it changes, so a row whose current values differ from its
last history row was changed some other way (a raw ``UPDATE``, a ``queryset.update``); and a person's
history rows, once written, are never changed, so a checksum over them that differs from the one the
previous check kept means history rows were changed or removed. Both are computed in SQL, table by table
(the person and every registered kind of fact), with set operations: no row is loaded into Python but
the findings.

Rows without any history row (facts loaded in bulk, as the demo does) have nothing to be compared with and
are not reported.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from noivu.core import audit
from noivu.core.filters import FilterSet
from noivu.core.models import AuditEvent
from noivu.core.permissions import Action, require_somewhere
from noivu.edossier.models import IntegrityChecksum, IntegrityFinding, IntegrityFindingKind

INTEGRITY_CHECKED = audit.event_type("edossier.integrity_checked", gettext_lazy("Kiểm tra toàn vẹn hồ sơ"))


@dataclass(frozen=True)
class Checked:
    """A table the check covers: its model, the column naming the person, and the compared columns."""

    model: type[models.Model]
    person_column: str

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    @property
    def history_table(self) -> str:
        return self.model.history.model._meta.db_table  # type: ignore[attr-defined]

    @property
    def columns(self) -> list[str]:
        """The model's columns its history keeps (all but those the model leaves out of its history)."""
        kept = {f.column for f in self.model.history.model._meta.concrete_fields}  # type: ignore[attr-defined]
        return [f.column for f in self.model._meta.concrete_fields if f.column in kept]


def checked_tables() -> list[Checked]:
    """The person, their assignments and every registered kind of fact with a history, each table once."""
    from noivu.personnel.dossier.registry import fact_kinds
    from noivu.personnel.models import Assignment, Person

    tables: dict[str, Checked] = {Person._meta.db_table: Checked(Person, Person._meta.pk.column)}
    models_: list[type[models.Model]] = [Assignment, *(kind.model for kind in fact_kinds().values())]
    for model in models_:
        if not hasattr(model, "history") or model._meta.db_table in tables:
            continue
        person = next(
            (
                f
                for f in model._meta.concrete_fields
                if isinstance(f, models.ForeignKey) and f.related_model is Person
            ),
            None,
        )
        if person is not None:
            tables[model._meta.db_table] = Checked(model, person.column)
    return list(tables.values())


def table_labels() -> dict[str, str]:
    """Each checked table's name and what it holds, in the reader's language."""
    return {t.table: str(t.model._meta.verbose_name_plural) for t in checked_tables()}


def field_label(table: str, column: str) -> str:
    """What ``column`` of the checked ``table`` holds, in the reader's language (the column itself when
    the table or the column is no longer known)."""
    model = next((t.model for t in checked_tables() if t.table == table), None)
    found = next((f for f in model._meta.concrete_fields if f.column == column), None) if model else None
    return str(found.verbose_name) if found else column


def findings_for(user: Any, filters: FilterSet) -> QuerySet[IntegrityFinding]:
    """The findings about the persons of the units ``user`` administers (a national or a unit's
    administrator), narrowed by ``filters``, the newest first; PermissionDenied for anyone else."""
    require_somewhere(user, Action.ADMINISTER)
    return (
        filters.apply(IntegrityFinding.objects.restrict(user, Action.ADMINISTER))
        .select_related("person__organization")
        .order_by("-found_at", "table", "person_id", "row_id", "id")
    )


def described(findings: Iterable[IntegrityFinding]) -> list[dict[str, Any]]:
    """The findings as the page and the workbook show them: the person and their unit, the kind, the table
    and the column by their labels. ``findings`` come with their person and unit selected."""
    tables = table_labels()
    return [
        {
            "found_at": finding.found_at,
            "person_id": finding.person_id,
            "full_name": finding.person.full_name,
            "organization": finding.person.organization.name,
            "kind_label": str(finding.get_kind_display()),
            "table": finding.table,
            "table_label": tables.get(finding.table, finding.table),
            "row_id": finding.row_id,
            "field_label": field_label(finding.table, finding.field) if finding.field else "",
        }
        for finding in findings
    ]


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _distinct(left: str, right: str) -> str:
    """A comparison that counts NULL as a value."""
    if connection.vendor == "postgresql":
        return f"{left} IS DISTINCT FROM {right}"
    return f"{left} IS NOT {right}"


def _text(column: str) -> str:
    return f"COALESCE(CAST({column} AS TEXT), '~')"


HISTORY_COLUMNS = ("history_id", "history_date", "history_type", "history_change_reason", "history_user_id")


def _digest(t: Checked, alias: str) -> str:
    """The md5 of one history row's values, the history's own columns included."""
    history_columns = [
        "history_id",
        "history_date",
        "history_type",
        "history_change_reason",
        "history_user_id",
    ]
    parts = [_text(f"{alias}.{_q(c)}") for c in (*t.columns, *history_columns)]
    return "MD5(" + " || '|' || ".join(parts) + ")"


def _aggregate(t: Checked, where: str, params: list) -> tuple[str, list]:
    """Per person: the highest history row, the number of rows and the md5 of their digests in order."""
    person = _q(t.person_column)
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT h.{person} AS person_id, MAX(h.history_id) AS upto, COUNT(*) AS n, "
            f"MD5(STRING_AGG({_digest(t, 'h')}, '' ORDER BY h.history_id)) AS checksum "
            f"FROM {_q(t.history_table)} h {where} GROUP BY h.{person}"
        )
    else:
        sql = (
            "SELECT person_id, MAX(history_id) AS upto, COUNT(*) AS n, MD5(GROUP_CONCAT(d, '')) AS checksum "
            f"FROM (SELECT h.{person} AS person_id, h.history_id, {_digest(t, 'h')} AS d "
            f"FROM {_q(t.history_table)} h {where} ORDER BY h.history_id) o GROUP BY person_id"
        )
    return sql, params


def changed_rows(t: Checked) -> list[tuple[int, int, str]]:
    """(person, row, column) of every row whose current value in a column differs from its last history
    row."""
    pk = _q(t.model._meta.pk.column)
    flags = ", ".join(
        f"CASE WHEN {_distinct(f'm.{_q(c)}', f'h.{_q(c)}')} THEN 1 ELSE 0 END" for c in t.columns
    )
    differs = " OR ".join(_distinct(f"m.{_q(c)}", f"h.{_q(c)}") for c in t.columns)
    sql = (
        f"SELECT m.{_q(t.person_column)}, m.{pk}, {flags} FROM {_q(t.table)} m "
        f"JOIN (SELECT {pk} AS row_id, MAX(history_id) AS last FROM {_q(t.history_table)} GROUP BY {pk}) l "
        f"ON l.row_id = m.{pk} JOIN {_q(t.history_table)} h ON h.history_id = l.last WHERE {differs}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return [
        (person, row_id, column)
        for person, row_id, *set_flags in rows
        for column, flag in zip(t.columns, set_flags, strict=True)
        if flag
    ]


def changed_histories(t: Checked) -> list[int]:
    """The persons whose history rows in ``t``, up to those the previous check covered, are no longer the
    ones it saw (a row changed or removed)."""
    checksums = _q(IntegrityChecksum._meta.db_table)
    where = (
        f"JOIN {checksums} c ON c.person_id = h.{_q(t.person_column)} AND c.{_q('table')} = %s "
        "WHERE h.history_id <= c.upto"
    )
    now, params = _aggregate(t, where, [t.table])
    sql = (
        f"SELECT c.person_id FROM {checksums} c LEFT JOIN ({now}) a ON a.person_id = c.person_id "
        f"WHERE c.{_q('table')} = %s "
        f"AND (a.checksum IS NULL OR a.checksum <> c.checksum OR a.n <> c.{_q('rows')})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, t.table])
        return [row[0] for row in cursor.fetchall()]


def _rebaseline(t: Checked) -> None:
    """Keep, per person, the checksum of all their history rows in ``t`` for the next check."""
    checksums = _q(IntegrityChecksum._meta.db_table)
    now, params = _aggregate(t, "", [])
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {checksums} WHERE {_q('table')} = %s", [t.table])
        cursor.execute(
            f"INSERT INTO {checksums} (person_id, {_q('table')}, upto, {_q('rows')}, checksum) "
            f"SELECT person_id, %s, upto, n, checksum FROM ({now}) a",
            [t.table, *params],
        )


@transaction.atomic
def run_check(now: dt.datetime | None = None) -> dict[str, int]:
    """Run the check over every table: replace the findings of changed rows by those found now (a row put
    right by a later action is no longer reported; one still wrong keeps the time it was first found), add
    the persons whose history changed, and keep the new checksums. Returns the counts."""
    now = now or timezone.now()
    found_rows: set[tuple[int, str, int, str]] = set()
    histories: list[IntegrityFinding] = []
    for t in checked_tables():
        found_rows.update((person, t.table, row_id, column) for person, row_id, column in changed_rows(t))
        histories.extend(
            IntegrityFinding(
                person_id=person, kind=IntegrityFindingKind.HISTORY_CHANGED, table=t.table, found_at=now
            )
            for person in changed_histories(t)
        )
        _rebaseline(t)
    open_rows = IntegrityFinding.objects.unrestricted().filter(kind=IntegrityFindingKind.ROW_CHANGED)
    known = {(f.person_id, f.table, f.row_id, f.field): f.pk for f in open_rows}
    open_rows.filter(pk__in=[pk for key, pk in known.items() if key not in found_rows]).delete()
    IntegrityFinding.objects.bulk_create(
        [
            IntegrityFinding(
                person_id=person,
                kind=IntegrityFindingKind.ROW_CHANGED,
                table=table,
                row_id=row_id,
                field=column,
                found_at=now,
            )
            for person, table, row_id, column in sorted(found_rows)
            if (person, table, row_id, column) not in known
        ]
        + histories,
        batch_size=1000,
    )
    counts = {"tables": len(checked_tables()), "rows": len(found_rows), "histories": len(histories)}
    audit.record(INTEGRITY_CHECKED, user=None, organization_path="", extra=counts, channel="system")
    return counts


def last_check() -> AuditEvent | None:
    """The last run of the integrity check (when, its counts over the country), None before the first."""
    return AuditEvent.objects.filter(event_type=INTEGRITY_CHECKED).order_by("-at", "-id").first()
