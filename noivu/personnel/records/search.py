"""Person search (tra cứu hồ sơ) by name with or without diacritics, CCCD or personal code.

Names are matched on the folded name (lower case, no diacritics, đ → d) by prefix, never by
substring: a prefix is a range on a b-tree index that already returns rows in display order, so the
first page of "nguyen" (about two persons in five) costs the same as that of a rare name, and no
query ever counts every match. Four prefix branches are tried in turn, each excluding the rows of
the branches before it so that pages never repeat a person:

1. the name as written, surname first: "nguyen van an", "tran thi thu", "nguyen";
2. the name given-name first ("an", "an nguyen van"), because users often type the given name;
3. surname and given name without the middle names ("nguyen an" finds "Nguyễn Văn An");
4. the name without its surname, middle name first ("van an", or "duc" in "Lê Đức Dũng").

Branches 2 and 3 match the folded name rotated so that its last word comes first, branch 4 the folded
name without its first word. On PostgreSQL the keys are compared byte-wise (``COLLATE "C"``) so that
the indexes created by the migrations ``person_search_indexes`` and ``person_search_middle_name``
serve the range and the order; SQLite compares byte-wise already.

A run of six to twelve digits is an identification number (CCCD, or the nine digits of a CMND) or
its beginning, matched by prefix on the unique index of ``cccd_number`` with the same keyset cursor.
The number is personal data (see ``docs/privacy.md``): it is searched only among the persons whose
personal data the user sees unmasked (``Action.VIEW_PERSONAL_DATA`` over their current unit, the rule
of :mod:`noivu.personnel.privacy`). Elsewhere it finds no one, whether the number exists or not, so a
role that sees ``001*******45`` cannot learn the rest of the number by searching for it, nor confirm
that a number it holds belongs to someone of its scope.

A total is given where it is cheap: exact up to :data:`TOTAL_CAP`, "more than" beyond it, counted per
branch with a ``LIMIT`` so that no query walks every "Nguyễn" of a country.
"""

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField, F, Func, Q, QuerySet
from django.db.models.sql.compiler import SQLCompiler
from django.utils.translation import gettext_lazy as _

from noivu.core.permissions import Action, granted_paths
from noivu.core.text import fold
from noivu.personnel.models import Person

# Identification numbers, CMND (9 digits) and CCCD / số định danh cá nhân (12 digits), or their
# beginning: six digits already name a province, a gender and a birth year.
_ID_NUMBER = re.compile(r"\d{6,12}")
# A personal code (số hiệu cán bộ, công chức, viên chức): one token with letters and digits, or digits
# of another length than an identification number.
_PERSONAL_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z./-]*\d[0-9A-Za-z./-]*")
MIN_NAME_LENGTH = 2
_BRANCHES = (1, 2, 3, 4)
# The branch of an identification-number prefix, so that its cursor tells it from a name's.
_ID_BRANCH = 0
# Beyond this many matches a search says "more than TOTAL_CAP" instead of counting.
TOTAL_CAP = 500
SEARCH_HINT = _(
    "Không tìm thấy hồ sơ nào. Gõ phần đầu của họ và tên, có dấu hoặc không dấu (“nguyen van an”, "
    "“van an”, “an”, “nguyen an”), ít nhất 6 chữ số đầu của số CCCD hoặc số hiệu đầy đủ; mỗi từ được "
    "so khớp từ đầu, lỗi gõ không được sửa."
)
ID_NUMBER_HINT = _(
    "Chỉ tra cứu được theo số CCCD ở những đơn vị mà bạn được xem đầy đủ dữ liệu cá nhân; ở các đơn vị "
    "khác, hãy tìm theo họ và tên hoặc số hiệu."
)


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
    """One page of results; ``next_cursor`` is None on the last page.

    ``total`` is the number of matches, or ``TOTAL_CAP + 1`` when there are more than ``TOTAL_CAP``
    (``total_capped``); None when the caller did not ask for it. ``id_number_limited`` says that the
    query was an identification number and part of the user's scope was left out of it (units where
    the user sees personal data masked).
    """

    kind: str
    persons: list[Person]
    next_cursor: str | None = None
    total: int | None = None
    id_number_limited: bool = False

    @property
    def hint(self) -> str | None:
        """How to search, when nothing was found."""
        if self.persons:
            return None
        return str(ID_NUMBER_HINT if self.id_number_limited else SEARCH_HINT)

    @property
    def total_capped(self) -> bool:
        return self.total is not None and self.total > TOTAL_CAP


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
    expression of the migration ``person_given_first_without_regexp``.
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
        # No regular expression: it cost more than every other index of the table on each write.
        last = "split_part(%(expressions)s, ' ', -1)"
        template = (
            f"(CASE WHEN strpos(%(expressions)s, ' ') > 0 THEN {last} || ' ' || "
            f"left(%(expressions)s, -length({last}) - 1) ELSE %(expressions)s END)"
        )
        return self.as_sql(compiler, connection, template=template, **extra)


class WithoutSurname(Func):
    """The folded name without its first word (the surname, họ): "nguyen van an" → "van an".

    A one-word name stays whole. The PostgreSQL form must stay identical to the indexed expression of
    the migration ``person_search_middle_name``.
    """

    output_field = CharField()
    template = "substr(%(expressions)s, instr(%(expressions)s, ' ') + 1)"

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, Sequence[Any]]:
        template = "substr(%(expressions)s, strpos(%(expressions)s, ' ') + 1)"
        return self.as_sql(compiler, connection, template=template, **extra)


def without_surname(folded: str) -> str:
    """Python twin of :class:`WithoutSurname`."""
    return folded.partition(" ")[2] or folded


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


def id_number_limited(user: Any) -> bool:
    """Whether ``user`` sees personal data masked somewhere in the scope they may view: there, an
    identification number finds no one."""
    full = granted_paths(user, Action.VIEW_PERSONAL_DATA)
    return any(not any(path.startswith(top) for top in full) for path in granted_paths(user, Action.VIEW))


def _searchable(queryset: QuerySet, parsed: ParsedQuery, user: Any) -> QuerySet:
    """``queryset`` as ``user`` may search it for ``parsed``: an identification number only among the
    persons whose personal data ``user`` sees unmasked."""
    if parsed.kind != QueryKind.ID_NUMBER:
        return queryset
    scoped: Any = queryset  # a ScopedQuerySet of persons
    return scoped.restrict(user, Action.VIEW_PERSONAL_DATA)


def search_persons(
    queryset: QuerySet,
    query: str,
    *,
    user: Any,
    limit: int = 50,
    cursor: str | None = None,
    with_total: bool = False,
) -> SearchPage:
    """The first ``limit`` persons of ``queryset`` (already scoped by the caller) matching ``query``,
    as ``user`` may search them (an identification number: see the module's docstring).

    Pass the returned ``next_cursor`` back as ``cursor`` for the following page; ``with_total`` adds
    the capped total (one bounded count per branch, none when the first page holds every match).
    """
    parsed = parse_query(query)
    queryset = _searchable(queryset, parsed, user)
    if parsed.kind == QueryKind.PERSONAL_CODE:
        persons = list(queryset.filter(personnel_code__iexact=parsed.value)[:limit])
        return SearchPage(parsed.kind, persons, total=len(persons) if with_total else None)
    if parsed.kind == QueryKind.NAME and len(parsed.value) < MIN_NAME_LENGTH:
        return SearchPage(parsed.kind, [], total=0 if with_total else None)
    prefixes = _prefixes(parsed)
    page, read_whole = _keyset_page(queryset, parsed.kind, prefixes, limit, cursor)
    if with_total:
        page.total = _capped_total(queryset, prefixes, {} if cursor else read_whole)
    page.id_number_limited = parsed.kind == QueryKind.ID_NUMBER and id_number_limited(user)
    return page


def matching(queryset: QuerySet, query: str, *, user: Any) -> QuerySet:
    """``queryset`` narrowed to the persons ``query`` finds, for callers that page by number.

    The same rules as :func:`search_persons` (identification number or its beginning — only where
    ``user`` sees it unmasked —, personal code, or a name by any of the prefix branches), as one
    filter; the caller orders and pages it.
    """
    parsed = parse_query(query)
    queryset = _searchable(queryset, parsed, user)
    if parsed.kind == QueryKind.ID_NUMBER:
        return queryset.filter(_prefix_q("cccd_number", parsed.value))
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


def _prefixes(parsed: ParsedQuery) -> dict[int, str]:
    if parsed.kind == QueryKind.ID_NUMBER:
        return {_ID_BRANCH: parsed.value}
    return _branch_prefixes(parsed.value)


def _branch_query(queryset: QuerySet, branch: int, prefixes: dict[int, str]) -> QuerySet:
    """The rows of ``branch`` that no earlier branch holds, with the branch's key as ``_key``."""
    qs = queryset.alias(_key=_key_expression(branch)).filter(_prefix_q("_key", prefixes[branch]))
    for earlier in prefixes:
        if earlier < branch:
            qs = qs.alias(**{f"_key{earlier}": _key_expression(earlier)})
            qs = qs.exclude(_prefix_q(f"_key{earlier}", prefixes[earlier]))
    return qs


def _keyset_page(
    queryset: QuerySet, kind: str, prefixes: dict[int, str], limit: int, cursor: str | None
) -> tuple[SearchPage, dict[int, int]]:
    """The page, and the number of rows of each branch the page read to its end."""
    read_whole: dict[int, int] = {}
    start_branch, after_key, after_id = _decode(cursor, min(prefixes))
    found: list[tuple[int, str, Person]] = []
    for branch in sorted(prefixes):
        if branch < start_branch:
            continue
        qs = _branch_query(queryset, branch, prefixes)
        if branch == start_branch and after_key is not None:
            # The extra >= keeps the keyset condition usable as an index range.
            qs = qs.filter(Q(_key__gte=after_key), Q(_key__gt=after_key) | Q(_key=after_key, pk__gt=after_id))
        wanted = limit + 1 - len(found)
        rows = list(qs.annotate(_sort_key=F("_key")).order_by("_key", "pk")[:wanted])
        found.extend((branch, person._sort_key, person) for person in rows)
        if len(rows) < wanted:
            read_whole[branch] = len(rows)
        if len(found) > limit:
            break
    next_cursor = None
    if len(found) > limit:
        branch, key, person = found[limit - 1]
        next_cursor = f"{branch}:{person.pk}:{key}"
    return SearchPage(kind, [person for _, _, person in found[:limit]], next_cursor), read_whole


def _capped_total(queryset: QuerySet, prefixes: dict[int, str], known: dict[int, int]) -> int:
    """The number of matches, or ``TOTAL_CAP + 1`` as soon as there are more: each branch's count
    stops at what is left under the cap, so a common surname costs a bounded index walk. Branches the
    first page read to their end (``known``) are not counted again."""
    total = 0
    for branch in sorted(prefixes):
        if branch in known:
            total += known[branch]
            continue
        left = TOTAL_CAP + 1 - total
        # Ordered by the key, so that the LIMIT stops an index walk instead of building a bitmap of
        # every match first.
        total += _branch_query(queryset, branch, prefixes).order_by("_key", "pk")[:left].count()
        if total > TOTAL_CAP:
            break
    return total


def _branch_prefixes(folded: str) -> dict[int, str]:
    if not folded:
        return {1: ""}
    words = folded.split(" ")
    prefixes = {1: folded, 2: folded, 4: folded}
    if len(words) > 1:
        prefixes[3] = " ".join([words[-1], *words[:-1]])
    return prefixes


def _key_expression(branch: int) -> F | Func:
    if branch == _ID_BRANCH:
        # Digits sort alike in every collation: the unique index of the column serves the range.
        return F("cccd_number")
    if branch == 1:
        return Bytewise(F("full_name_folded"))
    if branch == 4:
        return Bytewise(WithoutSurname(F("full_name_folded")))
    return Bytewise(GivenNameFirst(F("full_name_folded")))


def _prefix_q(alias: str, prefix: str) -> Q:
    """A prefix match written as a range, which every b-tree serves whatever the LIKE rules."""
    if not prefix:
        return Q()
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Q(**{f"{alias}__gte": prefix, f"{alias}__lt": upper})


def _decode(cursor: str | None, first: int) -> tuple[int, str | None, int | None]:
    if not cursor:
        return first, None, None
    try:
        branch, pk, key = cursor.split(":", 2)
        return int(branch), key, int(pk)
    except ValueError:
        return first, None, None
