"""What a user sees of the awards rows, for the pages, the API and the exports: the initiatives recognised
(sáng kiến), the emulation movements (phong trào thi đua) and, for the screening of a unit, each title
with its candidates and refusals a page of names at a time. None of these rows holds personal data beyond
a person's name, which every role reading the unit sees."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from noivu.awards import engine
from noivu.awards.models import InitiativeLevel
from noivu.core.listing import MAX_PAGE, ListPage
from noivu.core.presenters import Column, Presenter

NAMES_PER_PAGE = 25


class InitiativePresenter(Presenter):
    columns = [
        Column("person", _("Tác giả"), read=lambda i: i.person.full_name, sort="person__full_name_folded"),
        Column("organization", _("Đơn vị"), read=lambda i: i.person.organization.name),
        Column("title", _("Tên sáng kiến"), sort="title"),
        Column("level", _("Cấp công nhận"), read=lambda i: InitiativeLevel(i.level), sort="level"),
        Column("recognised_on", _("Ngày công nhận"), sort="recognised_on"),
        Column("decision_number", _("Số quyết định công nhận")),
        Column("authority", _("Cơ quan công nhận")),
    ]


class MovementPresenter(Presenter):
    columns = [
        Column("name", _("Tên phong trào"), sort="name"),
        Column("organization", _("Đơn vị phát động"), read=lambda m: m.organization.name),
        Column("year", _("Năm thi đua"), sort="year"),
        Column("starts_on", _("Từ ngày"), sort="starts_on"),
        Column("ends_on", _("Đến ngày"), sort="ends_on"),
        Column("registered", _("Số đăng ký"), read=lambda m: getattr(m, "registered", None)),
    ]


@dataclass
class NamesPage:
    """One page of the names of a list of the screening (the candidates or the refusals of a title): the
    page (with its total, for ``core/_count.html``) and its links, each keeping the rest of the query."""

    page: ListPage
    previous: str = ""
    next: str = ""
    links: list[tuple[int | None, str]] = field(default_factory=list)


@dataclass
class TitleRow:
    """What the page shows of a title: its rule, and a page of its candidates and one of its refusals
    (name, link to the person or empty, and the condition that failed)."""

    code: str
    name: str
    citation: str
    confidence: str
    eligible: NamesPage
    refused: NamesPage
    quota: "QuotaLine | None" = None


@dataclass(frozen=True)
class QuotaLine:
    """A title's quota as the page states it: the share, its base and places, the organisation's citation,
    and the order and tie-break applied with their citations (the tie-break's confidence shown)."""

    percent: int
    of_title: str
    base: int
    places: int
    citation: str
    set_by: str
    order: str
    tie_break: str
    tie_break_confidence: str


def _number(query: QueryDict, key: str) -> int:
    raw = query.get(key, "")
    return min(max(1, int(raw)), MAX_PAGE) if raw.isdigit() else 1


def _page(frame: pl.DataFrame, query: QueryDict, key: str, anchor: str) -> tuple[NamesPage, pl.DataFrame]:
    """The page of ``frame`` asked for by ``query[key]`` (past the end: the last page), its links, and
    the slice of rows it shows."""
    total = frame.height
    last = max(1, -(-total // NAMES_PER_PAGE))
    number = min(_number(query, key), last)
    rows = frame.slice((number - 1) * NAMES_PER_PAGE, NAMES_PER_PAGE)
    page = ListPage(
        rows=list(range(rows.height)),
        number=number,
        size=NAMES_PER_PAGE,
        count=total,
        has_next=number < last,
    )

    def href(value: int) -> str:
        changed = query.copy()
        changed[key] = str(value)
        return f"?{changed.urlencode()}#{anchor}"

    names = NamesPage(page)
    if number > 1:
        names.previous = href(number - 1)
    if page.has_next:
        names.next = href(number + 1)
    names.links = [(value, href(value) if value else "") for value in page.page_numbers]
    return names, rows


def title_rows(
    screening: engine.Screening,
    key: str,
    query: QueryDict,
    names_of: Callable[[list[int]], dict[int, tuple[str, str]]],
    ranked: dict[str, engine.Ranked] | None = None,
) -> list[TitleRow]:
    """Each title of ``screening`` (rows keyed by ``key``: person_id or organization_id) with the page of
    its candidates (query key ``eligible_<code>``) and of its refusals (``refused_<code>``) asked for in
    ``query``. ``names_of(ids)`` gives the name and link of the ids shown, read once for every title. A
    title of ``ranked`` lists its candidates in the quota's order, each with its place and whether within
    the places or equal at the limit; the others list (name, link, None, None, None)."""
    ranked = ranked or {}
    pages: list[tuple[str, Any, NamesPage, pl.DataFrame, NamesPage, pl.DataFrame]] = []
    results = screening.results
    for code, rule in screening.rules.items():
        if code == "DISCIPLINE":
            continue
        mine = results.filter(pl.col("title") == code)
        anchor = f"title-{code}"
        candidates = (
            ranked[code].frame
            if code in ranked
            else mine.filter(pl.col("eligible"))
            .select(key)
            .with_columns(
                pl.lit(None, pl.UInt32).alias("place"),
                pl.lit(None, pl.Boolean).alias("within"),
                pl.lit(None, pl.Boolean).alias("tied"),
            )
        )
        eligible, eligible_rows = _page(candidates, query, f"eligible_{code}", anchor)
        refused, refused_rows = _page(
            mine.filter(pl.col("eligible").not_()), query, f"refused_{code}", anchor
        )
        pages.append((code, rule, eligible, eligible_rows, refused, refused_rows))
    shown: set[int] = set()
    for _code, _rule, _e, eligible_rows, _r, refused_rows in pages:
        shown.update(eligible_rows[key].to_list())
        shown.update(refused_rows[key].to_list())
    names = names_of(sorted(shown))
    titles = {code: rule.value["name"] for code, rule in screening.rules.items() if code != "DISCIPLINE"}
    rows = []
    for code, rule, eligible, eligible_rows, refused, refused_rows in pages:
        eligible.page.rows = [
            (*names.get(k, (str(k), "")), place, within, tied)
            for k, place, within, tied in eligible_rows.select(key, "place", "within", "tied").iter_rows()
        ]
        refused.page.rows = [
            (*names.get(k, (str(k), "")), screening.messages[failed].message)
            for k, failed in refused_rows.select(key, "failed").iter_rows()
        ]
        quota = None
        if code in ranked:
            found = ranked[code]
            quota = QuotaLine(
                percent=found.quota.percent,
                of_title=titles.get(found.quota.of_title, found.quota.of_title),
                base=found.base,
                places=found.places,
                citation=found.quota.citation,
                set_by=found.quota.set_by,
                order=found.order.legal_basis.citation,
                tie_break=found.tie_break.legal_basis.citation,
                tie_break_confidence=found.tie_break.legal_basis.confidence,
            )
        rows.append(
            TitleRow(
                code,
                rule.value["name"],
                rule.legal_basis.citation,
                rule.legal_basis.confidence,
                eligible,
                refused,
                quota,
            )
        )
    return rows
