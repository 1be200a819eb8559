"""The stored dossier documents (văn bản hồ sơ lưu sẵn): every cadre's, civil servant's and public
employee's dossier kept as its line of the full initial export (dossier format 1, ``docs/edossier-sync.md``),
compressed as a gzip member, so that an export of the whole country joins stored members instead of
building 2.5 million documents again.

**What is out of date.** Triggers of the database on the record, on every kind of fact and on the units'
codes mark each person whose document a write changed (``StaleDossier``), whatever made the write: an
action, an import, a bulk load or a statement typed by hand. They are (re)installed after every
``migrate`` from :data:`FACT_MODELS`, so that a new kind of fact or a table rebuilt by a migration keeps
them. On PostgreSQL one trigger per statement reads the rows it wrote (transition tables), so that a bulk
load marks each person once; the mark is an upsert that locks it, so that a rebuild never clears the mark of
a change it did not see (see :func:`_claim`).

**Rebuilding.** :func:`refresh` takes the marked persons in batches and rebuilds their documents set-wise:
on PostgreSQL the database builds each batch's documents itself, every kind of fact aggregated per person in
one pass (``json_agg`` grouped by ``person_id``) and joined to the record; elsewhere (SQLite in development)
the same documents are assembled from one query per kind of fact per batch. No ORM object is built.
"""

import datetime as dt
import gzip
import json
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any, cast

from django.apps import apps
from django.db import connection, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Exists, OuterRef
from django.utils import timezone

from noivu.core.models import SoftDeletable
from noivu.edossier.engine import DOSSIER_CATEGORIES
from noivu.edossier.models import DossierDocument, StaleDossier
from noivu.organizations.models import Organization
from noivu.personnel.models import Person

FORMAT_VERSION = "1"
# Persons rebuilt at once: one statement per kind of fact on PostgreSQL, a bounded list of ids elsewhere.
BATCH = {"postgresql": 20_000}
SMALL_BATCH = 2_000
# A batch whose ids are this dense is read from the facts by a range of ids, otherwise by the list of ids.
DENSE = 4
COMPRESS_LEVEL = 6

# The kinds of fact a dossier carries, by the model they are kept in (each row's own fields, by id).
FACT_MODELS = (
    "personnel.PersonAddress",
    "personnel.FamilyRelation",
    "personnel.HealthNote",
    "personnel.Assignment",
    "personnel.RankHistory",
    "personnel.Education",
    "personnel.PartyMembership",
    "payroll.SalaryHistory",
    "payroll.Allowance",
    "awards.AwardRecord",
    "awards.DisciplineRecord",
    "evaluation.Evaluation",
    "succession.TrainingCourse",
    "positions.PositionHolder",
)
# The record's own fields left out of the document: the search helper and the record's bookkeeping.
PERSON_EXCLUDED = ("full_name_folded", "created_at", "updated_at")
# Who removed a fact, when and why is not part of format 1; a removed fact is not exported at all.
REMOVAL_FIELDS = ("deleted_at", "deleted_by_id", "deletion_reason")

Progress = Callable[[int, int], None]


def fact_models() -> list[type[models.Model]]:
    return [apps.get_model(label) for label in FACT_MODELS]


def _columns(model: type[models.Model], excluded: tuple[str, ...] = REMOVAL_FIELDS) -> list[str]:
    return [f.column for f in model._meta.concrete_fields if f.attname not in excluded]


def fact_columns() -> dict[str, list[str]]:
    """The columns of each kind of fact, in the order of the arrays of a document (format 1)."""
    return {model._meta.label: _columns(model) for model in fact_models()}


def _batch_size() -> int:
    return BATCH.get(connection.vendor, SMALL_BATCH)


# --- Building -------------------------------------------------------------------------------------------


def _facts_condition(ids: Sequence[int]) -> tuple[str, list[Any]]:
    """The condition on a fact table's ``t.person_id`` that reads a batch's facts by index."""
    low, high = ids[0], ids[-1]
    if high - low < DENSE * len(ids):
        return "t.person_id >= %s AND t.person_id <= %s", [low, high]
    return "t.person_id = ANY(%s)", [list(ids)]


def _postgres_sql(ids: Sequence[int]) -> tuple[str, list[Any]]:
    """The documents of the persons ``ids`` (sorted) as rows of the id and the line, built by PostgreSQL."""
    quote = connection.ops.quote_name
    person_object = ", ".join(f"'{c}', p.{quote(c)}" for c in _columns(Person, PERSON_EXCLUDED))
    condition, parameters = _facts_condition(ids)
    joins, facts, values = [], [], []
    for number, model in enumerate(fact_models()):
        alias = f"f{number}"
        columns = ", ".join(f"t.{quote(c)}" for c in _columns(model))
        joins.append(
            f"LEFT JOIN (SELECT t.person_id, json_agg(json_build_array({columns}) ORDER BY t.id) AS rows"
            f" FROM {quote(model._meta.db_table)} t WHERE {condition}"
            + (" AND t.deleted_at IS NULL" if issubclass(model, SoftDeletable) else "")
            + f" GROUP BY t.person_id) {alias} ON {alias}.person_id = p.id"
        )
        facts.append(f"'{model._meta.label}', coalesce({alias}.rows, '[]'::json)")
        values.extend(parameters)
    categories = ", ".join(f"'{c}'" for c in DOSSIER_CATEGORIES)
    sql = (
        "SELECT p.id, json_build_object('format_version', '" + FORMAT_VERSION + "',"
        " 'identifier', p.cccd_number, 'reference', p.id, 'agency', o.code,"
        f" 'person', json_build_object({person_object}),"
        f" 'facts', json_build_object({', '.join(facts)}))::text"
        f" FROM {quote(Person._meta.db_table)} p"
        f" JOIN {quote(Organization._meta.db_table)} o ON o.id = p.organization_id "
        + " ".join(joins)
        + f" WHERE p.id = ANY(%s) AND p.category IN ({categories}) ORDER BY p.id"
    )
    return sql, [*values, list(ids)]


def _postgres_lines(ids: Sequence[int]) -> Iterator[tuple[int, bytes]]:
    """Each document of ``ids`` with its person, as PostgreSQL builds it, streamed out with ``COPY``."""
    sql, parameters = _postgres_sql(ids)
    with connection.cursor() as cursor:
        statement = cursor.mogrify(sql, parameters)
        # CSV with a quote and a delimiter that JSON text never holds raw: the lines come out unchanged.
        copy_sql = f"COPY ({statement}) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"
        with cursor.cursor.copy(copy_sql) as copy:
            block = b"".join(bytes(chunk) for chunk in copy)
    for row in block.splitlines():
        person, line = row.split(b"\x02", 1)
        yield int(person), line


def json_value(value: Any) -> Any:
    """A value as PostgreSQL's JSON writes it: numbers for decimals, ISO text for dates and times."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(type(value).__name__)


def _python_lines(ids: Sequence[int]) -> Iterator[tuple[int, bytes]]:
    """The same documents assembled from one query per kind of fact (SQLite in development)."""
    person_fields = [f for f in Person._meta.concrete_fields if f.attname not in PERSON_EXCLUDED]
    rows = list(
        Person.objects.unrestricted()
        .filter(id__in=ids, category__in=DOSSIER_CATEGORIES)
        .order_by("id")
        .values_list("organization__code", *[f.attname for f in person_fields])
    )
    grouped: dict[str, dict[int, list[list[Any]]]] = {}
    for model in fact_models():
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in REMOVAL_FIELDS]
        by_person: dict[int, list[list[Any]]] = {}
        facts = (
            model._default_manager.filter(person_id__in=ids).order_by("id").values_list("person_id", *names)
        )
        for fact in facts.iterator(5000):
            by_person.setdefault(fact[0], []).append(list(fact[1:]))
        grouped[model._meta.label] = by_person
    for agency, *values in rows:
        person = {f.column: value for f, value in zip(person_fields, values, strict=True)}
        document = {
            "format_version": FORMAT_VERSION,
            "identifier": person["cccd_number"],
            "reference": person["id"],
            "agency": agency,
            "person": person,
            "facts": {label: by_person.get(person["id"], []) for label, by_person in grouped.items()},
        }
        line = json.dumps(document, default=json_value, ensure_ascii=False, separators=(",", ":"))
        yield person["id"], line.encode()


def build_lines(ids: Sequence[int]) -> Iterator[tuple[int, bytes]]:
    """The documents of the persons ``ids`` (sorted) that are cadres, civil servants or public employees,
    each with its person, as lines without their newline."""
    if not ids:
        return iter(())
    return _postgres_lines(ids) if connection.vendor == "postgresql" else _python_lines(ids)


# --- Keeping them current --------------------------------------------------------------------------------


def _marked(root_path: str) -> "models.QuerySet[StaleDossier]":
    """The marks of the persons of the subtree at ``root_path`` (every mark for the whole country, those of
    persons since removed included)."""
    if not root_path:
        return StaleDossier.objects.all()
    scope = Person.objects.unrestricted().filter(organization__path__startswith=root_path)
    return StaleDossier.objects.filter(person_id__in=scope.values("pk"))


# The ids of the first and the last person of a range (both included), or None for every person.
Span = tuple[int, int] | None


def _within(marks: "models.QuerySet[StaleDossier]", between: Span) -> "models.QuerySet[StaleDossier]":
    return marks if between is None else marks.filter(person_id__range=between)


def spans(root_path: str, size: int | None = None) -> list[tuple[int, int]]:
    """The marked persons of the subtree cut, in id order, into ranges of ``size`` (a batch by default):
    the parts of a rebuild several workers share. A person marked later than this falls in a range or
    waits for the next rebuild."""
    ids = list(_marked(root_path).order_by("person_id").values_list("person_id", flat=True))
    step = size or _batch_size()
    return [(ids[start], ids[min(start + step, len(ids)) - 1]) for start in range(0, len(ids), step)]


def has_marks(root_path: str) -> bool:
    """Whether a document of the subtree at ``root_path`` is out of date."""
    return _marked(root_path).exists()


def _claim(root_path: str, size: int, between: "Span" = None) -> list[int]:
    """Take up to ``size`` marked persons of the subtree, in id order, clearing their marks in the current
    transaction.

    On PostgreSQL a mark another transaction is writing (locked by its upsert) is skipped and stays for the
    next rebuild; a mark taken here is locked, then deleted, so that the build that follows, a statement of
    its own, reads every change committed with it, and a change committing later marks the person anew (its
    upsert waits for this transaction, then inserts)."""
    taken = _within(_marked(root_path), between).select_for_update(skip_locked=True, of=("self",))
    taken = taken.order_by("person_id")
    ids = list(taken.values_list("person_id", flat=True)[:size])
    StaleDossier.objects.filter(person_id__in=ids).delete()
    return ids


def _pack(line: bytes) -> bytes:
    return gzip.compress(line + b"\n", compresslevel=COMPRESS_LEVEL, mtime=0)


def _store(ids: Sequence[int], built: list[tuple[int, bytes]]) -> None:
    """Replace the documents of ``ids`` by those ``built`` (a person with none built keeps none)."""
    now = timezone.now()
    if connection.vendor != "postgresql":
        DossierDocument.objects.filter(person_id__in=ids).delete()
        DossierDocument.objects.bulk_create(
            DossierDocument(person_id=person, packed=_pack(line), length=len(line) + 1, built_at=now)
            for person, line in built
        )
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM edossier_dossierdocument WHERE person_id = ANY(%s)", [list(ids)])
        copy_sql = (
            "COPY edossier_dossierdocument (person_id, packed, length, built_at) FROM STDIN (FORMAT binary)"
        )
        with cursor.cursor.copy(copy_sql) as copy:
            copy.set_types(["int8", "bytea", "int4", "timestamptz"])
            for person, line in built:
                copy.write_row((person, _pack(line), len(line) + 1, now))


def _refresh_batches(
    root_path: str, size: int, progress: Callable[[int], None] | None, between: "Span" = None
) -> int:
    rebuilt = 0
    while True:
        with transaction.atomic():
            ids = _claim(root_path, size, between)
            if not ids:
                return rebuilt
            _store(ids, list(build_lines(ids)))
        rebuilt += len(ids)
        if progress is not None:
            progress(len(ids))


def refresh(
    root_path: str = "", *, workers: int = 1, progress: Progress | None = None, between: "Span" = None
) -> int:
    """Rebuild the document of every marked person of the subtree at ``root_path`` (empty: the whole
    country), in batches each in a transaction of its own; how many marks were cleared. With ``workers`` > 1
    (outside a transaction) that many batches are built at once, each on its own connection. ``between``
    (first, last) limits it to the persons of those ids (a part of a job several workers share).
    ``progress(done, total)`` follows the batches."""
    total = _within(_marked(root_path), between).count()
    if not total:
        return 0
    done = 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(min(done, total), total)

    size = _batch_size()
    if workers <= 1 or connection.in_atomic_block:
        return _refresh_batches(root_path, size, step, between)

    def work(_number: int) -> int:
        try:
            return _refresh_batches(root_path, size, step, between)
        finally:
            connection.close()

    with ThreadPoolExecutor(workers) as pool:
        return sum(pool.map(work, range(workers)))


def mark_missing(persons: "models.QuerySet[Person]") -> int:
    """Mark the persons of ``persons`` who have no stored document (written before the triggers, or by a
    hand that bypassed them); how many."""
    missing = persons.exclude(Exists(DossierDocument.objects.filter(person_id=OuterRef("pk"))))
    sql, parameters = missing.order_by().values("pk").query.sql_with_params()
    if connection.vendor == "sqlite":
        statement = f"INSERT OR IGNORE INTO edossier_staledossier (person_id) {sql}"
    else:
        statement = f"INSERT INTO edossier_staledossier (person_id) {sql} ON CONFLICT DO NOTHING"
    with connection.cursor() as cursor:
        cursor.execute(statement, parameters)
        return cursor.rowcount


# --- The triggers ----------------------------------------------------------------------------------------


def _mark(rows: str) -> str:
    """The upsert marking the persons of ``rows`` (the column ``%1$I`` of ``format``)."""
    return (
        f"INSERT INTO edossier_staledossier (person_id) SELECT DISTINCT %1$I FROM {rows} ORDER BY 1"
        " ON CONFLICT (person_id) DO UPDATE SET person_id = excluded.person_id"
    )


CHANGED = "(SELECT %1$I FROM stale_new UNION ALL SELECT %1$I FROM stale_old) changed"
POSTGRES_FUNCTIONS = (
    # Each statement's written rows: the new ones of an insert, both of an update, the old ones of a delete.
    f"""CREATE OR REPLACE FUNCTION edossier_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            EXECUTE format('{_mark("stale_new")}', TG_ARGV[0]);
        ELSIF TG_OP = 'UPDATE' THEN
            EXECUTE format('{_mark(CHANGED)}', TG_ARGV[0]);
        ELSE
            EXECUTE format('{_mark("stale_old")}', TG_ARGV[0]);
        END IF;
        RETURN NULL;
    END $$""",
    # A unit's code is its persons' ``agency``.
    """CREATE OR REPLACE FUNCTION edossier_mark_agency_stale() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO edossier_staledossier (person_id)
        SELECT p.id FROM personnel_person p JOIN stale_new n ON n.id = p.organization_id
        JOIN stale_old o ON o.id = n.id WHERE n.code IS DISTINCT FROM o.code ORDER BY 1
        ON CONFLICT (person_id) DO UPDATE SET person_id = excluded.person_id;
        RETURN NULL;
    END $$""",
)
TRANSITIONS = {
    "INSERT": "REFERENCING NEW TABLE AS stale_new",
    "UPDATE": "REFERENCING NEW TABLE AS stale_new OLD TABLE AS stale_old",
    "DELETE": "REFERENCING OLD TABLE AS stale_old",
}
SQLITE_ROWS = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}


def _marked_tables() -> list[tuple[str, str]]:
    """Each table whose rows make a document, with its column naming the person."""
    tables = [(Person._meta.db_table, Person._meta.pk.column)]
    for model in fact_models():
        tables.append((model._meta.db_table, cast(models.ForeignKey, model._meta.get_field("person")).column))
    return tables


def trigger_name(table: str, operation: str) -> str:
    return f"edossier_stale_{operation.lower()}_{table}"[:63]


def trigger_statements(target: BaseDatabaseWrapper) -> list[str]:
    """The statements that (re)install the triggers marking stale documents on the database ``target``."""
    quote = target.ops.quote_name
    units = quote(Organization._meta.db_table)
    if target.vendor == "postgresql":
        statements = list(POSTGRES_FUNCTIONS)
        for table, column in _marked_tables():
            for operation, transition in TRANSITIONS.items():
                statements.append(
                    f"CREATE OR REPLACE TRIGGER {trigger_name(table, operation)} AFTER {operation} ON"
                    f" {quote(table)} {transition} FOR EACH STATEMENT EXECUTE FUNCTION"
                    f" edossier_mark_stale('{column}')"
                )
        statements.append(
            f"CREATE OR REPLACE TRIGGER {trigger_name(Organization._meta.db_table, 'UPDATE')} AFTER UPDATE"
            f" ON {units} {TRANSITIONS['UPDATE']} FOR EACH STATEMENT"
            " EXECUTE FUNCTION edossier_mark_agency_stale()"
        )
        return statements
    statements = []
    for table, column in _marked_tables():
        for operation, rows in SQLITE_ROWS.items():
            marks = " ".join(
                f"INSERT OR IGNORE INTO edossier_staledossier (person_id) VALUES ({row}.{quote(column)});"
                for row in rows
            )
            statements.append(
                f"CREATE TRIGGER IF NOT EXISTS {trigger_name(table, operation)} AFTER {operation} ON"
                f" {quote(table)} BEGIN {marks} END"
            )
    statements.append(
        f"CREATE TRIGGER IF NOT EXISTS {trigger_name(Organization._meta.db_table, 'UPDATE')} AFTER UPDATE OF"
        f" code ON {units} WHEN OLD.code IS NOT NEW.code BEGIN INSERT OR IGNORE INTO edossier_staledossier"
        f" (person_id) SELECT id FROM {quote(Person._meta.db_table)} WHERE organization_id = NEW.id; END"
    )
    return statements


def install_triggers(using: str = "default", **_kwargs: Any) -> None:
    """Install the triggers: by the migration creating the table of the marks, and after every ``migrate``
    (a ``post_migrate`` receiver); not while that table is missing (a database migrated back)."""
    target = connections[using]
    if StaleDossier._meta.db_table not in target.introspection.table_names():
        return
    with target.cursor() as cursor:
        for statement in trigger_statements(target):
            cursor.execute(statement)


def drop_triggers(using: str = "default") -> None:
    """Remove the triggers (the migration creating the table of the marks, run backwards)."""
    target = connections[using]
    with target.cursor() as cursor:
        if target.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE 'edossier_stale_%'"
            )
            for name, table in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER {name} ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS edossier_mark_stale(), edossier_mark_agency_stale()")
            return
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'edossier_stale_%'"
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f"DROP TRIGGER {name}")
