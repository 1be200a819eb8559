"""Generic list pages (danh sách): one page of rows with page numbers, the total where it is cheap and an
estimate where it is not, sortable columns from the list's presenter, and the user's saved filters.

Counting every match of a national list is what makes a list slow, so a list counts at most
``COUNT_CAP`` rows; beyond that it shows the planner's estimate on PostgreSQL ("khoảng 1.200.000").
"""

import json
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.http import HttpRequest

from noivu.core.presenters import Presenter

COUNT_CAP = 10_000
PAGE_WINDOW = 2
MAX_PAGE = 1_000_000  # keeps the row offset within a 64-bit integer


@dataclass
class ListPage:
    """One page of a list; ``count`` is exact, or None with ``estimate`` when the list is large."""

    rows: list[Any]
    number: int
    size: int
    count: int | None
    estimate: int | None = None
    has_next: bool = False
    sort: str = ""
    sortable: dict[str, str] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return (self.number - 1) * self.size + 1 if self.rows else 0

    @property
    def end(self) -> int:
        return self.start + len(self.rows) - 1 if self.rows else 0

    @property
    def total(self) -> int | None:
        return self.count if self.count is not None else self.estimate

    @property
    def num_pages(self) -> int | None:
        total = self.total
        return max(1, -(-total // self.size)) if total is not None else None

    @property
    def page_numbers(self) -> list[int | None]:
        """Page numbers to show around the current one, with None for a gap: 1 … 4 5 [6] 7 8 … 20."""
        last = self.num_pages or (self.number + (1 if self.has_next else 0))
        shown = {1, last, *range(max(1, self.number - PAGE_WINDOW), min(last, self.number + PAGE_WINDOW) + 1)}
        numbers: list[int | None] = []
        for value in sorted(shown):
            if numbers and value - (numbers[-1] or 0) > 1:
                numbers.append(None)
            numbers.append(value)
        return numbers


def estimate_count(queryset: QuerySet) -> int | None:
    """The planner's estimate of the rows of ``queryset`` (PostgreSQL), None where there is none."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def sort_order(presenter: type[Presenter], requested: str, default: str) -> tuple[str, list[str]]:
    """The sort key asked for (``name`` or ``-name``) if the presenter allows it, else ``default``, with
    the ``order_by`` arguments that realise it (the primary key last, so pages never overlap)."""
    sortable = presenter.sortable()
    key = requested if requested.lstrip("-") in sortable else default
    descending = key.startswith("-")
    ordering = sortable[key.lstrip("-")]
    return key, [f"-{ordering}" if descending else ordering, "-pk" if descending else "pk"]


def page_number(request: HttpRequest) -> int:
    """The page asked for in the query string (``page``): 1 when absent or not a number, at most
    :data:`MAX_PAGE` (a larger one is past the last page, which :func:`page_of` then shows)."""
    try:
        return min(max(1, int(request.GET.get("page") or 1)), MAX_PAGE)
    except ValueError:
        return 1


def page_of(
    queryset: QuerySet,
    *,
    number: int = 1,
    size: int = 50,
    presenter: type[Presenter] | None = None,
    sort: str = "",
    default_sort: str = "",
) -> ListPage:
    """Page ``number`` of ``queryset`` sorted by ``sort`` (a sortable column of ``presenter``)."""
    sortable: dict[str, str] = {}
    if presenter is not None and default_sort:
        sort, ordering = sort_order(presenter, sort, default_sort)
        queryset = queryset.order_by(*ordering)
        sortable = presenter.sortable()
    number = max(1, number)
    offset = (number - 1) * size
    rows = list(queryset[offset : offset + size + 1])
    has_next = len(rows) > size
    estimate = None
    if has_next or (offset and not rows):
        count: int | None = queryset.order_by()[: COUNT_CAP + 1].count()
        if count is not None and count > COUNT_CAP:
            count, estimate = None, estimate_count(queryset)
            estimate = max(estimate or 0, COUNT_CAP + 1)
    else:  # the last page: the rows already tell the total
        count = offset + len(rows)
    if offset and not rows and count:  # past the end (an old link, a typed number): the last page
        number = -(-count // size)
        offset = (number - 1) * size
        rows = list(queryset[offset : offset + size])
    return ListPage(
        rows=rows[:size],
        number=number,
        size=size,
        count=count,
        estimate=estimate,
        has_next=has_next,
        sort=sort,
        sortable=sortable,
    )


@dataclass(frozen=True)
class BulkAction:
    """An action on the rows selected in a list (export, print 2C…): a POST of ``selected`` ids to ``url``."""

    label: Any
    url: str
    new_tab: bool = False


@dataclass
class Table:
    """What ``core/_table.html`` renders: the page, its headers and its rows as display text."""

    key: str
    page: ListPage
    headers: list[dict[str, Any]]
    rows: list[dict[str, Any]]
    bulk_actions: list[BulkAction]


def table(
    key: str,
    page: ListPage,
    presenter: Presenter,
    names: list[str],
    *,
    link: Any = None,
    bulk_actions: list[BulkAction] | None = None,
) -> Table:
    """The rows of ``page`` through ``presenter`` (masking personal data for its user), in ``names``
    column order; ``link(row)`` gives the first cell's link."""
    from noivu.core.presenters import display

    columns = [presenter.column(name) for name in names]
    where: dict[str, dict[str, str]] = {}
    for column in columns:
        if column.place is not None:
            paths = [path for path in (column.place(row) for row in page.rows) if path]
            where[column.name] = places(presenter.user, paths, column.tree)
    headers = []
    for column in columns:
        sorted_here = page.sort.lstrip("-") == column.name
        descending = page.sort.startswith("-")
        sort_key = None
        if column.name in page.sortable:
            sort_key = f"-{column.name}" if sorted_here and not descending else column.name
        headers.append(
            {"label": column.label, "sort_key": sort_key, "sorted": sorted_here, "descending": descending}
        )
    rows = []
    for row in page.rows:
        values = presenter.row(row, names)
        rows.append(
            {
                "pk": row.pk,
                "url": link(row) if link else "",
                "cells": [
                    {
                        "label": column.label,
                        "text": display(values[column.name]),
                        "place": where[column.name].get(column.place(row) or "", "")
                        if column.place is not None
                        else "",
                    }
                    for column in columns
                ],
            }
        )
    return Table(key=key, page=page, headers=headers, rows=rows, bulk_actions=bulk_actions or [])


def places(user: Any, paths: list[str], tree: str = "organization") -> dict[str, str]:
    """The place in ``tree`` of each node path (its units above, nearest first), for a page of rows."""
    from noivu.core.extensions import tree_choices

    return tree_choices[tree].places(user, paths) if paths else {}


def saved_filters_context(user: Any, list_key: str, query: str) -> dict[str, Any]:
    """Context for ``core/_saved_filters.html``: the user's saved filters of this list."""
    from noivu.core.models import SavedFilter

    return {
        "saved_filters": list(SavedFilter.objects.filter(user=user, list_key=list_key)),
        "list_key": list_key,
        "filter_query": query,
    }


def list_table(
    request: HttpRequest,
    key: str,
    rows: QuerySet,
    presenter: type[Presenter],
    *,
    default_sort: str,
    names: list[str] | None = None,
    link: Any = None,
    size: int | None = None,
) -> Table:
    """A list page's table: the page and sort asked for in the query string of ``rows`` (already filtered
    and restricted to the reader), through ``presenter`` for the reader, every column unless ``names``."""
    from django.conf import settings

    page = page_of(
        rows,
        number=page_number(request),
        size=size or settings.PERSONS_PER_PAGE,
        presenter=presenter,
        sort=request.GET.get("sort", ""),
        default_sort=default_sort,
    )
    shown = names if names is not None else [column.name for column in presenter.columns]
    return table(key, page, presenter(request.user), shown, link=link)
