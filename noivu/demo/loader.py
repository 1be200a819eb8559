"""Writing the demo data set into the database, in bulk and in one transaction.

Rows go through the bulk writer of :mod:`noivu.core.bulk` (COPY on PostgreSQL, ``executemany`` elsewhere);
above ``BULK_THRESHOLD`` persons the secondary indexes and foreign keys of the personnel tables are
dropped for the load and recreated afterwards (one index build each instead of millions of row-level
updates). The foreign keys come back ``NOT VALID``: enforced for every later write, but not checked
against the rows just loaded, whose references the loader made itself (persons' ids are assigned here,
so that persons and the facts of their records are written without reading anything back); checking
them would read the seventy million rows of a national load once more.
"""

import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from noivu.accounts.models import Grant, User
from noivu.awards.models import AwardRecord
from noivu.core.bulk import analyze, insert_columns, insert_created_history, insert_rows
from noivu.core.extensions import DemoContext, demo_steps
from noivu.core.permissions import Role
from noivu.core.rules import pinned_rule_tables, rule_table
from noivu.core.text import fold
from noivu.demo.dossier import Columns, DossierGenerator, scales_from
from noivu.demo.generator import DemoData
from noivu.demo.geography import Geography
from noivu.demo.models import DemoLoad
from noivu.demo.people import PersonRow
from noivu.organizations.models import Organization
from noivu.payroll.models import Allowance, SalaryHistory
from noivu.personnel.dossier.models import (
    Education,
    FamilyRelation,
    PartyMembership,
    RankHistory,
)
from noivu.personnel.models import Assignment, Person, PersonAddress

BULK_THRESHOLD = 20_000
# The reason of the "created" history row that starts each demo record's change history.
CREATED_REASON = "Nạp dữ liệu mẫu"
# Persons generated and written together: large enough for the columnar generation to pay, small enough
# to keep a chunk's rows (about thirty per person) in memory.
CHUNK_PERSONS = 50_000
# The tables the demo fills for each person: persons first, then what refers to them.
PERSON_TABLES: tuple[type[models.Model], ...] = (
    Person,
    Assignment,
    RankHistory,
    SalaryHistory,
    Allowance,
    PartyMembership,
    Education,
    PersonAddress,
    FamilyRelation,
    AwardRecord,
)
# Written beside them: the "created" history rows of the persons (not of every fact: a national load
# would double its rows).
HISTORY_TABLES: tuple[type[models.Model], ...] = (Person.history.model,)


class DemoError(Exception):
    """The demo data cannot be loaded (or replaced) as asked; the message is for the operator."""


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    org_code: str


@dataclass
class LoadResult:
    organizations: int
    persons: int
    users: list[tuple[DemoUser, bool]]  # (user, created)
    seconds: float
    rows: int  # written: organisations, persons and the facts of their records


DEMO_USERNAMES = (
    "demo.nhansu",
    "demo.nhansu.xa",
    "demo.thamdinh",
    "demo.pheduyet",
    "demo.lanhdao",
    "demo.quantri",
)


def demo_users(data: DemoData) -> list[DemoUser]:
    """One user per role: staff of the demo province acting province-wide (Sở Nội vụ, UBND tỉnh), an HR
    officer of one commune, and the national administrator at the root."""
    province = f"T{data.province.code}"
    first_commune = next(n for n in data.nodes if n.code.startswith("X") and n.home == data.province.code)
    return [
        DemoUser("demo.nhansu", "Cán bộ tổ chức Sở Nội vụ", Role.HR_OFFICER, province),
        DemoUser(
            "demo.nhansu.xa", f"Công chức nhân sự {first_commune.name}", Role.HR_OFFICER, first_commune.code
        ),
        DemoUser("demo.thamdinh", "Chuyên viên thẩm định Sở Nội vụ", Role.APPRAISER, province),
        DemoUser("demo.pheduyet", f"Người phê duyệt {data.node(province).name}", Role.APPROVER, province),
        DemoUser("demo.lanhdao", f"Lãnh đạo {data.node(province).name}", Role.LEADER, province),
        DemoUser("demo.quantri", "Quản trị hệ thống quốc gia", Role.SYSTEM_ADMIN, "VN"),
    ]


def existing_load() -> DemoLoad | None:
    return DemoLoad.objects.order_by("-loaded_at").first()


def check_can_load() -> None:
    """Refuse to mix demo data with real organisations."""
    if Organization.objects.exists():
        raise DemoError(
            _("Cơ sở dữ liệu đã có cơ quan, đơn vị không thuộc dữ liệu mẫu: không nạp dữ liệu mẫu vào đây.")
        )


def load(
    data: DemoData, *, password: str, progress: Callable[[str], None] = lambda message: None
) -> LoadResult:
    """Write ``data`` and the demo users; all or nothing."""
    started = time.monotonic()
    phase = [started]

    def timed(message: str) -> None:
        """``message`` with the seconds since the previous timed line: the time of each step."""
        now = time.monotonic()
        progress(f"{message} [{now - phase[0]:.1f} s]")
        phase[0] = now

    with transaction.atomic(), pinned_rule_tables():
        check_can_load()
        org_ids = _write_organizations(data)
        timed(_("Đã tạo %(count)s cơ quan, đơn vị.") % {"count": f"{len(org_ids):,}"})
        bulk = connection.vendor == "postgresql" and data.person_count >= BULK_THRESHOLD
        dossier = DossierGenerator(
            data.seed,
            data.as_of,
            data.nodes,
            Geography.from_catalogue(),
            scales_from(rule_table("salary_scales"), data.as_of),
            org_ids,
        )
        dropped = _drop_secondary_structures(PERSON_TABLES + HISTORY_TABLES) if bulk else []
        with _user_triggers_disabled(PERSON_TABLES + HISTORY_TABLES if bulk else []):
            persons, rows = _write_people(data, org_ids, progress, dossier)
        timed(_("Đã sinh %(count)s hồ sơ…") % {"count": f"{persons:,}"})
        if dropped:
            progress(_("Đang tạo lại chỉ mục và ràng buộc…"))
            _restore(dropped)
            timed(_("Đang tạo lại chỉ mục và ràng buộc…"))
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Organization, *PERSON_TABLES]):
                cursor.execute(statement)
        # Statistics before the steps: without them the planner takes the just-loaded tables for empty and
        # the steps' grouped queries run as nested loops (minutes at national size instead of seconds).
        analyze(Organization, *PERSON_TABLES, *HISTORY_TABLES)
        users = _create_users(data, password)
        context = DemoContext(
            size=data.size.name,
            seed=data.seed,
            as_of=data.as_of,
            province_code=data.province.code,
            root_path=data.nodes[0].path,
            persons=persons,
            progress=progress,
        )
        phase[0] = time.monotonic()  # the users (one password hash) belong to no step
        step_tables = [model for step in demo_steps for model in step.tables]
        step_dropped = _drop_secondary_structures(step_tables) if bulk else []
        with _user_triggers_disabled(step_tables if bulk else []):
            for step in demo_steps:
                timed(step.load(context))
        if step_dropped:
            _restore(step_dropped)
            timed(_("Đang tạo lại chỉ mục và ràng buộc…"))
        DemoLoad.objects.create(
            size=data.size.name,
            seed=data.seed,
            as_of=data.as_of,
            province_code=data.province.code,
            root_path=data.nodes[0].path,
            organizations=len(org_ids),
            persons=persons,
        )
    return LoadResult(len(org_ids), persons, users, time.monotonic() - started, len(org_ids) + rows)


def replace_existing() -> None:
    """Delete the loaded demo data: its tree, people (with what cascades from them), users and grants.

    Rows that other data protects (a reference with ``on_delete=PROTECT``) make the deletion fail.
    """
    demo = existing_load()
    if demo is None:
        return
    quote = connection.ops.quote_name
    org_table = quote(Organization._meta.db_table)
    in_tree = (f"SELECT id FROM {org_table} WHERE path LIKE %s", [demo.root_path + "%"])
    people = (
        f"SELECT id FROM {quote(Person._meta.db_table)} WHERE organization_id IN ({in_tree[0]})",
        in_tree[1],
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for step in reversed(list(demo_steps)):
            if step.clear is not None:
                step.clear(demo.root_path)
        cursor.execute(
            f"DELETE FROM {quote(Grant._meta.db_table)} WHERE organization_id IN ({in_tree[0]})", in_tree[1]
        )
        User.objects.filter(username__in=DEMO_USERNAMES, grants__isnull=True).delete()
        _delete_cascading(cursor, Person, people)
        # History rows refer to nothing: without this, the next load's persons would inherit the history
        # of the deleted ones that had the same ids.
        for model, column in ((Person, "id"), (Assignment, "person_id")):
            history_table = quote(model.history.model._meta.db_table)
            cursor.execute(f"DELETE FROM {history_table} WHERE {column} IN ({people[0]})", people[1])
        for model in (Assignment, Person):
            cursor.execute(
                f"DELETE FROM {quote(model._meta.db_table)} WHERE organization_id IN ({in_tree[0]})",
                in_tree[1],
            )
        _delete_cascading(cursor, Organization, in_tree)
        cursor.execute(f"DELETE FROM {org_table} WHERE path LIKE %s", in_tree[1])
        DemoLoad.objects.all().delete()


def _delete_cascading(cursor: CursorWrapper, model: type[models.Model], ids: tuple[str, list[Any]]) -> None:
    """Delete the rows that reference ``model`` rows selected by ``ids`` with ``on_delete=CASCADE``."""
    quote = connection.ops.quote_name
    for relation in model._meta.related_objects:
        if relation.many_to_many or relation.on_delete is not models.CASCADE:
            continue
        related = relation.related_model
        assert not isinstance(related, str)  # resolved to a class once the app registry is ready
        table = quote(related._meta.db_table)
        cursor.execute(f"DELETE FROM {table} WHERE {quote(relation.field.column)} IN ({ids[0]})", ids[1])


def _create_users(data: DemoData, password: str) -> list[tuple[DemoUser, bool]]:
    encoded = make_password(password)  # hashed once: hashing is deliberately slow
    result = []
    for spec in demo_users(data):
        user, created = User.objects.get_or_create(
            username=spec.username, defaults={"full_name": spec.full_name, "password": encoded}
        )
        org = Organization.objects.get(code=spec.org_code)
        Grant.objects.get_or_create(user=user, role=spec.role, organization=org)
        result.append((spec, created))
    return result


def _write_organizations(data: DemoData) -> list[int]:
    first_id = (Organization.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    ids = list(range(first_id, first_id + len(data.nodes)))
    rows = [
        (
            ids[i],
            n.path,
            n.depth,
            len(n.children),
            n.code,
            n.name,
            fold(n.name),
            n.kind,
            n.level,
            n.admin_unit_code,
            n.effective_from.isoformat(),
        )
        for i, n in enumerate(data.nodes)
    ]
    columns = [
        "id",
        "path",
        "depth",
        "numchild",
        "code",
        "name",
        "name_folded",
        "kind",
        "level",
        "admin_unit_code",
        "effective_from",
    ]
    insert_rows(Organization, columns, rows)
    return ids


PERSON_COLUMNS = [
    "id",
    "full_name",
    "full_name_folded",
    "birth_date",
    "gender",
    "cccd_number",
    "ethnic_group",
    "organization_id",
    "category",
    "recruited_on",
    "religion",
    "cccd_issued_on",
    "cccd_issued_by",
    "social_insurance_number",
    "recruiting_agency",
    "personal_history",
]


def _write_people(
    data: DemoData, org_ids: Sequence[int], progress: Callable[[str], None], dossier: DossierGenerator
) -> tuple[int, int]:
    """Write the persons chunk by chunk, each chunk with its assignments and the facts of its records.

    The next chunk is generated on a second thread while the database takes in the current one, so that
    the generation (Python) and the writing (the database server) use the two cores together.
    """
    first_id = (Person.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    written, reported = 0, 0
    now = timezone.now()
    with ThreadPoolExecutor(max_workers=1) as pool:
        chunks = _chunks(data, np.asarray(org_ids, dtype=np.int64), first_id, dossier)
        upcoming = pool.submit(next, chunks, None)
        while (tables := upcoming.result()) is not None:
            upcoming = pool.submit(next, chunks, None)
            for table in tables:
                insert_columns(table.model, table.names, table.values)
                written += len(table)
            last_id = int(tables[0].values[0][-1])
            insert_created_history(
                Person, int(tables[0].values[0][0]), last_id, reason=CREATED_REASON, now=now
            )
            if last_id + 1 - first_id - reported >= 250_000:
                reported = last_id + 1 - first_id
                progress(_("Đã sinh %(count)s hồ sơ…") % {"count": f"{reported:,}"})
    return data.person_count, written


def _chunks(
    data: DemoData, org_array: np.ndarray, first_id: int, dossier: DossierGenerator
) -> Iterator[list[Columns]]:
    """The persons of each chunk (first) and the facts of their records."""
    pending: list[PersonRow] = []
    number, next_id = 0, first_id

    def chunk() -> list[Columns]:
        columns = list(zip(*pending, strict=True))
        fields = dossier.person_fields(number, pending)
        persons = Columns(
            Person,
            PERSON_COLUMNS,
            [
                np.arange(next_id, next_id + len(pending)),
                *columns[:4],
                fields.pop("cccd_number"),
                columns[5],
                org_array[np.asarray(columns[6], dtype=np.int64)],
                columns[7],
                columns[10],
                *(fields[name] for name in PERSON_COLUMNS[10:]),
            ],
        )
        return [persons, *dossier.chunk(number, pending, next_id)]

    for batch in data.batches:
        pending.extend(batch)
        if len(pending) >= CHUNK_PERSONS:
            yield chunk()
            number, next_id, pending = number + 1, next_id + len(pending), []
    if pending:
        yield chunk()


@dataclass(frozen=True)
class _Dropped:
    table: str
    name: str
    definition: str
    is_constraint: bool
    # (column number, statistics target) of an index's expression columns: recreating the index
    # forgets them, and the search plans depend on them.
    statistics: tuple[tuple[int, int], ...] = ()


@contextmanager
def _user_triggers_disabled(models_: Sequence[type[models.Model]]) -> Iterator[None]:
    """Write the tables without their user triggers. Every person of a bulk load is new, so the marks those
    triggers set (the stored dossier documents out of date) have nothing to mark: a person without a
    document has it built by the first export, the demo's own included, which runs after the tables the
    steps write in bulk are written."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ALTER TABLE {quote(model._meta.db_table)} DISABLE TRIGGER USER")
    yield
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ALTER TABLE {quote(model._meta.db_table)} ENABLE TRIGGER USER")


def _drop_secondary_structures(models_: Sequence[type[models.Model]]) -> list[_Dropped]:
    """Drop the foreign keys, unique constraints and plain indexes of empty tables (keeping primary keys)."""
    dropped: list[_Dropped] = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Tables with pending deferred checks (rows deleted by --replace) cannot be altered: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for model in models_:
            table = model._meta.db_table
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(table)})")
            if cursor.fetchone()[0]:
                continue
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY conname",
                [table],
            )
            dropped += [_Dropped(table, name, definition, True) for name, definition in cursor.fetchall()]
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
                "ORDER BY 1",
                [table],
            )
            indexes = cursor.fetchall()
            for name, definition in indexes:
                cursor.execute(
                    "SELECT attnum, attstattarget FROM pg_attribute WHERE attrelid = %s::regclass "
                    "AND attstattarget > 0 ORDER BY attnum",
                    [name],
                )
                dropped.append(_Dropped(table, name, definition, False, tuple(cursor.fetchall())))
        for item in dropped:
            if item.is_constraint:
                cursor.execute(f"ALTER TABLE {quote(item.table)} DROP CONSTRAINT {quote(item.name)}")
            else:
                cursor.execute(f"DROP INDEX {item.name}")
    return dropped


def _restore(dropped: Sequence[_Dropped]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for item in dropped:
            if item.is_constraint:
                definition = item.definition
                if definition.startswith("FOREIGN KEY"):
                    definition += " NOT VALID"
                cursor.execute(
                    f"ALTER TABLE {quote(item.table)} ADD CONSTRAINT {quote(item.name)} {definition}"
                )
            else:
                cursor.execute(item.definition)
                for column, target in item.statistics:
                    cursor.execute(f"ALTER INDEX {item.name} ALTER COLUMN {column} SET STATISTICS {target}")
