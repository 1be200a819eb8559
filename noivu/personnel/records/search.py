"""Person search (tra cứu hồ sơ) by name with or without diacritics, CCCD or personal code.

Names are matched on the folded name (lower case, no diacritics, đ → d) by prefix, never by
substring: a prefix is a range on a b-tree index that already returns rows in display order, so the
first page of "nguyen" (about two persons in five) costs the same as that of a rare name, and no
query ever counts every match. Three prefix branches are tried in turn, each excluding the rows of
the branches before it so that pages never repeat a person:

1. the name as written, surname first: "nguyen van an", "tran thi thu", "nguyen";
2. the name given-name first ("an", "an nguyen van"), because users often type the given name;
3. surname and given name without the middle names ("nguyen an" finds "Nguyễn Văn An").

Branches 2 and 3 match the folded name rotated so that its last word comes first. On PostgreSQL
both keys are compared byte-wise (``COLLATE "C"``) so that the indexes created by the migration
``person_search_indexes`` serve the range and the order; SQLite compares byte-wise already.
"""

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField, F, Func, Q, QuerySet
from django.db.models.sql.compiler import SQLCompiler

from noivu.core.text import fold
from noivu.personnel.models import Person

# Formats of the identification numbers: CMND (9 digits) and CCCD / số định danh cá nhân (12 digits).
_ID_NUMBER = re.compile(r"\d{9}|\d{12}")
# A personal code (số hiệu cán bộ, công chức, viên chức): one token with letters and digits, or digits
# of another length than an identification number.
_PERSONAL_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z./-]*\d[0-9A-Za-z./-]*")
MIN_NAME_LENGTH = 2
_BRANCHES = (1, 2, 3)


class QueryKind:
    NAME = "name"
    ID_NUMBER = "id_number"
    PERSONAL_CODE = "personal_code"
    ALL = "all"


@dataclasses.dataclass(frozen=True)
class ParsedQuery:
    kind: str
    value: str


@dataclasses.dataclass
class SearchPage:
    """One page of results; ``next_cursor`` is None on the last page. No total is computed."""

    kind: str
    persons: list[Person]
    next_cursor: str | None = None


class Bytewise(Func):
    """A text expression compared byte by byte, so that a ``COLLATE "C"`` b-tree serves ranges and order."""

    template = "%(expressions)s"
    output_field = CharField()

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, Sequence[Any]]:
        return self.as_sql(compiler, connection, template='(%(expressions)s COLLATE "C")', **extra)


class GivenNameFirst(Func):
    """The folded name with its last word (the given name, tên) moved to the front.

    "nguyen van an" → "an nguyen van". The PostgreSQL form must stay identical to the indexed
    expression of the migration ``person_search_indexes``.
    """

    output_field = CharField()
    # SQLite has no regexp_replace: rtrim(x, <x without spaces>) cuts the last word off.
    template = (
        "trim(substr(%(expressions)s, length(rtrim(%(expressions)s, replace(%(expressions)s, ' ', ''))) + 1)"
        " || ' ' || rtrim(rtrim(%(expressions)s, replace(%(expressions)s, ' ', ''))))"
    )

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, Sequence[Any]]:
        template = r"regexp_replace(%(expressions)s, '^(.+) ([^ ]+)$', '\2 \1')"
        return self.as_sql(compiler, connection, template=template, **extra)


def given_name_first(folded: str) -> str:
    """Python twin of :class:`GivenNameFirst`."""
    head, _, last = folded.rpartition(" ")
    return f"{last} {head}".strip()


def parse_query(query: str) -> ParsedQuery:
    """Tell an identification number, a personal code and a name apart."""
    text = " ".join(query.split())
    compact = text.replace(" ", "").replace(".", "")
    if _ID_NUMBER.fullmatch(compact):
        return ParsedQuery(QueryKind.ID_NUMBER, compact)
    if " " not in text and _PERSONAL_CODE.fullmatch(text):
        return ParsedQuery(QueryKind.PERSONAL_CODE, text.upper())
    folded = " ".join(re.sub(r"[^\w ]|\d|_", " ", fold(text)).split())
    return ParsedQuery(QueryKind.NAME if folded else QueryKind.ALL, folded)


def search_persons(
    queryset: QuerySet, query: str, *, limit: int = 50, cursor: str | None = None
) -> SearchPage:
    """The first ``limit`` persons of ``queryset`` (already scoped by the caller) matching ``query``.

    Pass the returned ``next_cursor`` back as ``cursor`` for the following page.
    """
    parsed = parse_query(query)
    if parsed.kind == QueryKind.ID_NUMBER:
        return SearchPage(parsed.kind, list(queryset.filter(cccd_number=parsed.value)[:limit]))
    if parsed.kind == QueryKind.PERSONAL_CODE:
        return SearchPage(parsed.kind, list(queryset.filter(personnel_code__iexact=parsed.value)[:limit]))
    if parsed.kind == QueryKind.NAME and len(parsed.value) < MIN_NAME_LENGTH:
        return SearchPage(parsed.kind, [])
    return _name_page(queryset, parsed, limit, cursor)


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """``queryset`` narrowed to the persons ``query`` finds, for callers that page by number.

    The same rules as :func:`search_persons` (identification number, personal code, or a name by any
    of the three prefix branches), as one filter; the caller orders and pages it.
    """
    parsed = parse_query(query)
    if parsed.kind == QueryKind.ID_NUMBER:
        return queryset.filter(cccd_number=parsed.value)
    if parsed.kind == QueryKind.PERSONAL_CODE:
        return queryset.filter(personnel_code__iexact=parsed.value)
    if parsed.kind == QueryKind.ALL:
        return queryset
    if len(parsed.value) < MIN_NAME_LENGTH:
        return queryset.none()
    condition = Q()
    for branch, prefix in _branch_prefixes(parsed.value).items():
        queryset = queryset.alias(**{f"_key{branch}": _key_expression(branch)})
        condition |= _prefix_q(f"_key{branch}", prefix)
    return queryset.filter(condition)


def _name_page(queryset: QuerySet, parsed: ParsedQuery, limit: int, cursor: str | None) -> SearchPage:
    start_branch, after_key, after_id = _decode(cursor)
    prefixes = _branch_prefixes(parsed.value)
    found: list[tuple[int, str, Person]] = []
    for branch in _BRANCHES:
        if branch < start_branch or branch not in prefixes:
            continue
        qs = queryset.alias(_key=_key_expression(branch))
        qs = qs.filter(_prefix_q("_key", prefixes[branch]))
        for earlier in _BRANCHES[: branch - 1]:
            if earlier in prefixes:
                qs = qs.alias(**{f"_key{earlier}": _key_expression(earlier)})
                qs = qs.exclude(_prefix_q(f"_key{earlier}", prefixes[earlier]))
        if branch == start_branch and after_key is not None:
            # The extra >= keeps the keyset condition usable as an index range.
            qs = qs.filter(Q(_key__gte=after_key), Q(_key__gt=after_key) | Q(_key=after_key, pk__gt=after_id))
        wanted = limit + 1 - len(found)
        rows = qs.annotate(_sort_key=F("_key")).order_by("_key", "pk")[:wanted]
        found.extend((branch, person._sort_key, person) for person in rows)
        if len(found) > limit:
            break
    next_cursor = None
    if len(found) > limit:
        branch, key, person = found[limit - 1]
        next_cursor = f"{branch}:{person.pk}:{key}"
    return SearchPage(parsed.kind, [person for _, _, person in found[:limit]], next_cursor)


def _branch_prefixes(folded: str) -> dict[int, str]:
    if not folded:
        return {1: ""}
    words = folded.split(" ")
    prefixes = {1: folded, 2: folded}
    if len(words) > 1:
        prefixes[3] = " ".join([words[-1], *words[:-1]])
    return prefixes


def _key_expression(branch: int) -> Func:
    if branch == 1:
        return Bytewise(F("full_name_folded"))
    return Bytewise(GivenNameFirst(F("full_name_folded")))


def _prefix_q(alias: str, prefix: str) -> Q:
    """A prefix match written as a range, which every b-tree serves whatever the LIKE rules."""
    if not prefix:
        return Q()
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Q(**{f"{alias}__gte": prefix, f"{alias}__lt": upper})


def _decode(cursor: str | None) -> tuple[int, str | None, int | None]:
    if not cursor:
        return 1, None, None
    try:
        branch, pk, key = cursor.split(":", 2)
        return int(branch), key, int(pk)
    except ValueError:
        return 1, None, None

