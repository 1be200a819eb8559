"""Reading query results as Polars frames (khung dữ liệu) for the engines that compute over a whole scope:
one pass of the database's own text output instead of one Python tuple per row."""

from typing import Any

import polars as pl
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import QuerySet

from noivu.core.replica import read_alias


def read_frame(
    sql: str, params: list[Any] | tuple[Any, ...], schema: dict[str, Any], using: str | None = None
) -> pl.DataFrame:
    """The result of ``sql`` as a frame with ``schema`` (its columns in the order of the select list).
    On PostgreSQL the server writes the rows as one CSV text, which the frame parses in one pass:
    streaming them (``COPY … TO STDOUT``) hands the client one message per row, and at millions of rows
    reading the messages costs more than the query. Booleans are not supported on that path (the text
    of a boolean is ``t``/``f``): select them as integers. Read on the database ``using`` (by default the
    one the caller reads from: the read replica inside :func:`noivu.core.replica.reading_from_replica`)."""
    connection = connections[using or read_alias()]
    if connection.vendor == "postgresql":
        # Compiling the query to machine code (JIT) costs more than it saves on a read of this kind: up
        # to 0.7 s of a 2 s read of millions of rows, measured on the national data set.
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(_as_csv(sql, schema), params)
            row = cursor.fetchone()
        text = row[0] if row else None
        if not text:
            return pl.DataFrame(schema=schema)
        return pl.read_csv(text.encode(), has_header=False, new_columns=list(schema), schema=schema)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema=schema, orient="row")


def queryset_frame(rows: QuerySet, schema: dict[str, Any]) -> pl.DataFrame:
    """The rows of a ``values_list`` queryset as a frame with ``schema``, read by :func:`read_frame`, in
    no particular order (the frame is a set: sorting millions of rows the frame does not need costs a
    spill to disk)."""
    try:
        sql, params = rows.order_by().query.get_compiler(rows.db).as_sql()
    except EmptyResultSet:
        return pl.DataFrame(schema=schema)
    return read_frame(sql, params, schema, using=rows.db)


def _as_csv(sql: str, schema: dict[str, Any]) -> str:
    """``sql`` wrapped to return its rows as one CSV text, a line a row: text quoted (so commas, quotes
    and line breaks in it survive), NULL as an empty field."""
    names = [f"c{index}" for index in range(len(schema))]
    fields = [
        f"""coalesce('"' || replace({name}::text, '"', '""') || '"', '')"""
        if kind == pl.Utf8
        else f"coalesce({name}::text, '')"
        for name, kind in zip(names, schema.values(), strict=True)
    ]
    line = " || ',' || ".join(fields)
    return f"SELECT string_agg({line}, E'\\n') FROM ({sql}) AS rows ({', '.join(names)})"
