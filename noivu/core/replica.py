"""Reads from a PostgreSQL read replica (bản sao chỉ đọc) for the heavy read-only pages.

When ``REPLICA_DATABASE_URL`` names a replica (a streaming standby of the primary, kept by the database
administrator), ``settings.READ_REPLICA`` is its alias and the code inside :func:`reading_from_replica`
reads from it: the statistical reports and the workforce forecast, whose grouped queries over a whole
province or the country would otherwise compete with the officials' writes on the primary. Every write,
inside or outside, goes to the primary ("default"). Without a replica nothing changes.

A replica lags its primary by the time its last changes take to be replayed (usually under a second):
a report read from it may not yet count a change saved a moment ago. Only pages that read a day's
figures use it; a page that shows what the user has just saved never does.
"""

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

_reading = contextvars.ContextVar("reading_from_replica", default=False)


def replica_alias() -> str:
    """The alias of the configured read replica, or "" when there is none."""
    return getattr(settings, "READ_REPLICA", "") or ""


def read_alias() -> str:
    """The database the current code reads from: the replica inside :func:`reading_from_replica` when one is
    configured, the primary otherwise (for a query that must name its connection, such as ``SET LOCAL``)."""
    replica = replica_alias()
    return replica if replica and _reading.get() else DEFAULT_DB_ALIAS


@contextlib.contextmanager
def reading_from_replica() -> Iterator[None]:
    """Route the reads of the block (or of the decorated function) to the read replica, if there is one."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


class ReplicaRouter:
    """Reads inside :func:`reading_from_replica` go to the replica; every write goes to the primary."""

    def db_for_read(self, model: type, **hints: Any) -> str | None:
        alias = read_alias()
        return alias if alias != DEFAULT_DB_ALIAS else None

    def db_for_write(self, model: type, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        # The replica holds the primary's rows: an object read from it may refer to one read from the primary.
        return True
