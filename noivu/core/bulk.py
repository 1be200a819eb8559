"""Writing many rows at once (ghi hàng loạt): the one bulk writer of the demo loader and the imports.

On PostgreSQL rows go in with ``COPY … FROM STDIN``: binary (the driver encodes each row in C; about
three times faster than text for typed columns such as dates and booleans) or text, pre-built in large
chunks. Elsewhere (SQLite) with ``executemany`` in large batches. The caller names the columns it fills,
by database column name; every other column gets its default, ``now`` for ``auto_now``/``auto_now_add``
fields, and an automatic primary key is left to the database when not given. Nothing here opens a
transaction: the caller decides what is all-or-nothing.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

BATCH_ROWS = 5_000
FLUSH_ROWS = 20_000

Rows = Iterable[Sequence[Any]]


def filled_columns(
    model: type[models.Model], columns: Sequence[str], now: dt.datetime | None = None
) -> tuple[list[str], list[Any]]:
    """The columns of ``model`` the caller does not fill, with the database value each row gets."""
    now = now or timezone.now()
    names: list[str] = []
    values: list[Any] = []
    for field in model._meta.concrete_fields:
        if field.column in columns:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        elif field.primary_key:
            continue
        else:
            value = field.get_default()  # "" for text fields without a default
            if value is None and not field.null:
                raise ValueError(f"{model._meta.label}.{field.name}: no value for the rows written in bulk")
        names.append(field.column)
        values.append(field.get_db_prep_save(value, connection))
    return names, values


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Rows,
    *,
    now: dt.datetime | None = None,
    binary: bool = False,
) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``) into ``model``'s table."""
    extra, constants = filled_columns(model, columns, now)
    names = [*columns, *extra]
    if connection.vendor != "postgresql":
        _execute_many(_insert_sql(model, names), rows, tuple(constants))
    elif binary:
        _copy_binary(model, names, rows, tuple(constants))
    else:
        tail = "".join("\t" + copy_text(value) for value in constants) + "\n"
        with connection.cursor() as cursor, cursor.cursor.copy(_copy_sql(model, names)) as copy:
            chunk: list[str] = []
            for row in rows:
                chunk.append("\t".join(map(copy_text, row)) + tail)
                if len(chunk) >= FLUSH_ROWS:
                    copy.write("".join(chunk).encode())
                    chunk = []
            if chunk:
                copy.write("".join(chunk).encode())


def insert_columns(
    model: type[models.Model],
    columns: Sequence[str],
    values: Sequence[Any],
    *,
    now: dt.datetime | None = None,
) -> None:
    """Insert rows given column by column: ``values[i]`` holds every row's value of ``columns[i]``, as a
    list (text, numbers, None) or an integer array. On PostgreSQL each column is turned into COPY text
    at once and the rows are joined in C, several times faster than formatting row by row."""
    extra, constants = filled_columns(model, columns, now)
    count = len(values[0]) if values else 0
    if not count:
        return
    if connection.vendor != "postgresql":
        plain = [value.tolist() if hasattr(value, "tolist") else value for value in values]
        _execute_many(_insert_sql(model, [*columns, *extra]), zip(*plain, strict=True), tuple(constants))
        return
    texts = [_text_column(value) for value in values]
    texts += [[copy_text(value)] * count for value in constants]
    with connection.cursor() as cursor, cursor.cursor.copy(_copy_sql(model, [*columns, *extra])) as copy:
        for start in range(0, count, FLUSH_ROWS * 5):
            block = zip(*(text[start : start + FLUSH_ROWS * 5] for text in texts), strict=True)
            copy.write(("\n".join(map("\t".join, block)) + "\n").encode())


def _text_column(values: Any) -> list[str]:
    """One column in COPY text: integers and text as they are, None as NULL, escapes where needed."""
    if getattr(values, "dtype", None) is not None and values.dtype.kind in "iu":
        return list(map(str, values.tolist()))  # an integer array: no NULL, nothing to escape
    items = values.tolist() if hasattr(values, "tolist") else list(values)
    if None in items:
        items = [r"\N" if item is None else item for item in items]
    if set(map(type, items)) <= {str}:
        texts = items
    else:
        texts = [item if type(item) is str else copy_text(item) for item in items]
    joined = "".join(texts)
    if "\\" in joined.replace(r"\N", "") or "\t" in joined or "\n" in joined or "\r" in joined:
        texts = [text if text == r"\N" else copy_text(text) for text in texts]
    return texts


def copy_text(value: Any) -> str:
    """``value`` in the text format of COPY."""
    if value is None:
        return r"\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` primary keys for rows not yet written, so that rows of other tables can point at them:
    a block of the sequence on PostgreSQL, after the highest key elsewhere (call it inside the
    transaction that writes the rows)."""
    if connection.vendor != "postgresql":
        top = model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0
        return list(range(top + 1, top + 1 + count))
    if not count:
        return []
    table = model._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        # One setval moves the sequence past the whole block (a nextval per key costs more than the
        # COPY of the key). The table's lock, held to the end of the transaction, keeps out every
        # writer whose default could draw a key between the nextval and the setval.
        cursor.execute(f"LOCK TABLE {connection.ops.quote_name(table)} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, %s), nextval(pg_get_serial_sequence(%s, %s)) + %s - 1)",
            [table, model._meta.pk.column, table, model._meta.pk.column, count],
        )
        last = cursor.fetchone()[0]
    return list(range(last - count + 1, last + 1))


def analyze(*models_: type[models.Model], columns: Sequence[str] = ()) -> None:
    """Refresh the planner statistics of tables that just grew a lot (PostgreSQL; nothing elsewhere):
    until autovacuum comes by, lists and exports would get sequential-scan plans. With ``columns``,
    only theirs: the row count is refreshed all the same, at a fraction of the cost on wide tables."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    listed = f" ({', '.join(map(quote, columns))})" if columns else ""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(quote(model._meta.db_table) + listed for model in models_))


def _insert_sql(model: type[models.Model], names: Sequence[str]) -> str:
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(names))
    return f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, names))}) VALUES ({marks})"


def _copy_sql(model: type[models.Model], names: Sequence[str], binary: bool = False) -> str:
    quote = connection.ops.quote_name
    options = " (FORMAT BINARY)" if binary else ""
    return f"COPY {quote(model._meta.db_table)} ({', '.join(map(quote, names))}) FROM STDIN{options}"


def _execute_many(sql: str, rows: Rows, tail: tuple[Any, ...]) -> None:
    with connection.cursor() as cursor:
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append((*row, *tail))
            if len(batch) >= BATCH_ROWS:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _copy_binary(model: type[models.Model], names: Sequence[str], rows: Rows, tail: tuple[Any, ...]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(map(quote, names))} FROM {quote(model._meta.db_table)} LIMIT 0")
        types = [column.type_code for column in cursor.description]
        # The driver's COPY bypasses Django's cursor wrapper: translate its errors as Django does.
        with (
            connection.wrap_database_errors,
            cursor.cursor.copy(_copy_sql(model, names, binary=True)) as copy,
        ):
            copy.set_types(types)
            if tail:
                for row in rows:
                    copy.write_row((*row, *tail))
            else:
                for row in rows:
                    copy.write_row(row)


def insert_created_history(
    model: type[models.Model],
    first_id: int,
    last_id: int,
    *,
    reason: str,
    now: dt.datetime | None = None,
) -> None:
    """The "created" history rows (lịch sử: tạo mới) of ``model``'s rows with primary keys from
    ``first_id`` to ``last_id``, just written in bulk: copied by the database from the rows themselves,
    so that a record's change history starts with its creation as if an action had written it."""
    history: type[models.Model] = model.history.model  # type: ignore[attr-defined]
    tracked = [field.column for field in history.tracked_fields]  # type: ignore[attr-defined]
    quote = connection.ops.quote_name
    names = ", ".join(map(quote, tracked))
    sql = (
        f"INSERT INTO {quote(history._meta.db_table)} ({names}, history_date, history_change_reason, "
        f"history_type, history_user_id) SELECT {names}, %s, %s, '+', NULL "
        f"FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} BETWEEN %s AND %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [now or timezone.now(), reason, first_id, last_id])
