"""Registries through which an app extends the pages of another without being imported from below.

An app registers its entries from its ``AppConfig.ready()`` (or a module imported there; an app's
``menu.py`` is imported by ``core`` itself): the entries of the main menu (trình đơn chính), dashboard
cards (thẻ tổng quan) shown by ``reports``, panels (khối thông tin) and per-unit counts shown by
``organizations`` on the unit page and in the tree, the statistical reports shown by ``reports``, and the
parts of the demo data set loaded by ``demo``. The page that shows them imports only this module; the app
that fills them imports the page's app, never the reverse.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connections, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Substr
from django.utils.functional import Promise

from noivu.core.replica import read_alias

User = AbstractBaseUser | AnonymousUser
Title = str | Promise


class ReportTimeout(Exception):
    """A statistical report whose query ran past ``REPORT_TIMEOUT_SECONDS`` and was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


@dataclass(frozen=True)
class MenuGroup:
    """A drop-down of the main menu (nhóm chức năng), shown when at least one of its entries is."""

    key: str
    title: Title
    order: int


@dataclass(frozen=True)
class MenuEntry:
    """A link of the main menu in ``group``: the page ``url_name`` (with ``url_kwargs``), shown to the
    users for whom ``visible(user)`` holds (when it is ``None``, to every official: every user holding a
    grant somewhere). A user without any grant (a person's own account) sees only the entries whose
    ``visible`` admits them."""

    key: str
    group: str
    title: Title
    order: int
    url_name: str
    url_kwargs: tuple[tuple[str, str], ...] = ()
    visible: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class DashboardCard:
    """A card of the dashboard: ``context(user, as_of)`` gives what ``template`` shows, within the
    user's scope and as the dated facts stood on ``as_of``; ``scripts`` are static paths the card needs."""

    key: str
    title: Title
    order: int
    context: Callable[[User, dt.date], dict[str, Any]]
    template: str
    width: str = "is-12"
    scripts: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class OrganizationPanel:
    """A panel of the unit page: ``context(user, organization, as_of)`` gives what ``template`` shows."""

    key: str
    title: Title
    order: int
    # The app's own user and model types: the registering app knows which it receives.
    context: Callable[[Any, Any, dt.date], dict[str, Any]]
    template: str


@dataclass(frozen=True)
class SubtreeCount:
    """A figure shown beside each unit of the tree and the unit page, counted over its whole subtree.

    ``count(user, prefix_length, paths, as_of)`` answers, in one grouped query, the figure of every
    subtree whose root path is in ``paths`` (all of length ``prefix_length``), keyed by that path.
    """

    key: str
    label: Title
    order: int
    count: Callable[[User, int, list[str], dt.date], dict[str, int]]


@dataclass(frozen=True)
class DemoContext:
    """What a demo step knows of the load in progress: the organisations and persons already written
    under ``root_path`` (the demo tree), dated as of ``as_of`` and generated from ``seed``."""

    size: str
    seed: int
    as_of: dt.date
    province_code: str
    root_path: str
    persons: int
    progress: Callable[[str], None]


@dataclass(frozen=True)
class DemoStep:
    """A part of the demo data set (dữ liệu mẫu) that an app adds after the organisations, persons and
    demo users are written, in the same transaction.

    ``load(context)`` writes the app's rows and returns a line for the operator; ``clear(root_path)``
    deletes them before the demo data is replaced (rows that cascade from a deleted person or
    organisation need no ``clear``). Steps load by ``order`` and are cleared in the reverse order.

    ``tables`` names the tables (as models) the step fills in bulk with many rows per person: in a large
    load on PostgreSQL, those still empty lose their foreign keys and secondary indexes while the steps
    run and get them back after the last step (one index build instead of millions of row updates and
    deferred reference checks). A step must then not rely on those indexes or constraints itself.
    """

    key: str
    order: int
    load: Callable[[DemoContext], str]
    clear: Callable[[str], None] | None = None
    tables: tuple[Any, ...] = ()


@dataclass(frozen=True)
class TreeChoice:
    """A node of a tree offered by a filter: the ``value`` the filter receives (a unit's code), its
    ``name``, and its ``place``: the names above it, nearest first ("Sở Nội vụ › UBND thành phố Hà Nội")."""

    value: str
    name: str
    place: str


@dataclass(frozen=True)
class TreeChoices:
    """A tree whose nodes every list's filter can offer (the organisation tree), within the user's scope.

    ``search(user, text, limit)`` gives the nodes the user may see whose name contains every word of
    ``text`` (folded: with or without diacritics), the tops of the user's subtrees when ``text`` is
    empty; ``find(user, value)`` the node of a value; ``places(user, paths)`` the place of each node of
    tree ``paths`` (materialised paths), for lists that show where a row belongs.
    """

    key: str
    order: int
    search: Callable[[Any, str, int], list[TreeChoice]]
    find: Callable[[Any, str], TreeChoice | None]
    places: Callable[[Any, list[str]], dict[str, str]]


class _Entry(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def order(self) -> int: ...


EntryT = TypeVar("EntryT", bound=_Entry)


class Registry(Generic[EntryT]):
    """Entries of one kind, iterated by ``order``; a key registered twice is a configuration error."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, EntryT] = {}

    def register(self, entry: EntryT) -> EntryT:
        if entry.key in self._entries:
            raise ImproperlyConfigured(f"{self.kind} {entry.key!r} is registered twice.")
        self._entries[entry.key] = entry
        return entry

    def unregister(self, key: str) -> None:
        del self._entries[key]

    def __iter__(self) -> Iterator[EntryT]:
        return iter(sorted(self._entries.values(), key=lambda entry: (entry.order, entry.key)))

    def __getitem__(self, key: str) -> EntryT:
        return self._entries[key]


menu_groups: Registry[MenuGroup] = Registry("Menu group")
menu_entries: Registry[MenuEntry] = Registry("Menu entry")
dashboard_cards: Registry[DashboardCard] = Registry("Dashboard card")
organization_panels: Registry[OrganizationPanel] = Registry("Organisation panel")
subtree_counts: Registry[SubtreeCount] = Registry("Subtree count")
demo_steps: Registry[DemoStep] = Registry("Demo step")
tree_choices: Registry[TreeChoices] = Registry("Tree choices")


@dataclass(frozen=True)
class HomePage:
    """Where a user without any grant lands instead of the dashboard (a person's own dossier):
    ``address(user)`` gives the page, or None when it is not that user's."""

    key: str
    order: int
    address: Callable[[Any], str | None]


home_pages: Registry[HomePage] = Registry("Home page")


@dataclass(frozen=True)
class AuditListener:
    """What an app does with each audit event as it is written, inside the writer's transaction (the
    electronic dossier puts the changes of business data in its outbox): ``handle(event, target)``, the
    target being the row the event is about (or None)."""

    key: str
    order: int
    handle: Callable[[Any, Any], None]


audit_listeners: Registry[AuditListener] = Registry("Audit listener")


@dataclass(frozen=True)
class PersonFact:
    """A dated fact about a person that one app decides and others read (a rating below "completed"
    postponing a step raise, say): its ``kind``, the day it takes effect, its citation and a detail."""

    person_id: int
    kind: str
    on: dt.date
    citation: str
    detail: str = ""


@dataclass(frozen=True)
class PersonFactSource:
    """The facts of ``kinds`` an app decides, for the others to read without importing it:
    ``facts(kind, person_ids, start, end)`` answers, in one query, the facts of ``kind`` dated within
    [start, end] of the persons given (None: every person)."""

    key: str
    order: int
    kinds: tuple[str, ...]
    facts: Callable[[str, list[int] | None, dt.date, dt.date], list[PersonFact]]


person_fact_sources: Registry[PersonFactSource] = Registry("Person fact source")


def person_facts(kind: str, person_ids: list[int] | None, start: dt.date, end: dt.date) -> list[PersonFact]:
    """Every registered fact of ``kind`` about ``person_ids`` (None: everyone) dated within [start, end]."""
    return [
        fact
        for source in person_fact_sources
        if kind in source.kinds
        for fact in source.facts(kind, person_ids, start, end)
    ]


@dataclass(frozen=True)
class ReportingForm:
    """The periodic reporting form (biểu mẫu báo cáo thống kê) whose layout a statistical report follows: its
    ``code`` and ``title``, the legal document that sets it (``basis``), and whether the layout was checked
    against the official form (``verified``); an unverified one prints a footer saying so (``note`` tells
    what could and could not be checked)."""

    code: str
    title: str
    basis: str
    verified: bool
    note: str = ""


@dataclass(frozen=True)
class Figure:
    """A column of a statistical report (chỉ tiêu): the facts meeting ``condition(as_of)`` counted (all of
    them when it is None), under the header ``group`` (giới tính, độ tuổi…). With ``sum_of`` (a field of the
    rows or an annotation of ``facts``, not an aggregate) the figure is the sum of that value over those
    facts instead of their number: a staffing quota, a planned headcount."""

    key: str
    label: Title
    group: Title = ""
    condition: Callable[[dt.date], Q] | None = None
    sum_of: str | None = None

    def aggregate(self, as_of: dt.date) -> Count | Coalesce:
        """The conditional count (or sum) of the rows of one group."""
        condition = self.condition(as_of) if self.condition is not None else None
        if self.sum_of is None:
            return Count("pk", filter=condition)
        return Coalesce(Sum(self.sum_of, filter=condition), 0)


@dataclass(frozen=True)
class StatisticalReport:
    """A statistical report (báo cáo thống kê) an app declares over the facts it owns, shown, exported and
    drilled into by ``reports``.

    ``facts(user, as_of)`` gives the rows counted (one per person: the assignments in force on the day, say),
    already within the user's scope; ``path`` is the lookup from a row to its unit's materialised tree path
    and ``person`` to the person's id. Every figure of every sub-unit is counted in one grouped query
    (:meth:`compute`): the rows grouped by the prefix of their unit's path of the sub-units' length, each
    figure a conditional count. A cell's persons (:meth:`cell`) are the same rows narrowed by the prefix and
    the figure's condition, so that every figure is traceable to the persons behind it; ``listing(user,
    as_of, person_ids)`` gives them as rows of ``presenter`` (which masks personal data per role) with
    ``columns``, each linked to ``link(row)``, in ``ordering``. ``chart`` names the figures drawn for each
    sub-unit (the first figure when empty).

    The rows need not be persons: a report of staffing quotas or job positions counts (or sums) those rows,
    ``person`` is then the row's own id (``"pk"``), ``listing`` gives the rows themselves, ``ordering`` their
    order and ``listing_title`` the heading of the drill-down list.
    """

    key: str
    title: Title
    order: int
    form: ReportingForm
    figures: tuple[Figure, ...]
    facts: Callable[[Any, dt.date], QuerySet]
    listing: Callable[[Any, dt.date, QuerySet], QuerySet]
    presenter: type
    columns: tuple[str, ...]
    link: Callable[[Any], str]
    path: str = "organization__path"
    person: str = "person_id"
    description: Title = ""
    chart: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("full_name_folded", "pk")
    listing_title: Title = ""

    def figure(self, key: str) -> Figure:
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(key)

    def _grouped(self, user: Any, as_of: dt.date, scope_path: str, prefix_length: int) -> QuerySet:
        rows = self.facts(user, as_of)
        if scope_path:
            rows = rows.filter(**{f"{self.path}__startswith": scope_path})
        return rows.annotate(report_unit=Substr(self.path, 1, prefix_length))

    def compute(
        self, user: Any, as_of: dt.date, scope_path: str, prefix_length: int
    ) -> dict[str, dict[str, int]]:
        """The figures of every sub-unit of the subtree at ``scope_path`` ("" for all the user sees), keyed by
        the sub-unit's path (the first ``prefix_length`` characters of its units' paths; rows of a unit
        above that depth are keyed by its own path), as the facts stood on ``as_of``: one query."""
        # On the read replica when the caller reads from it: the settings below are the reading connection's.
        reading = connections[read_alias()]
        with transaction.atomic(using=reading.alias):
            if reading.vendor == "postgresql":
                # Compiling the many conditional counts to machine code costs PostgreSQL longer than
                # running them: no JIT for this query. A report too large to compute in time is stopped
                # rather than holding a web worker.
                with reading.cursor() as cursor:
                    cursor.execute("SET LOCAL jit = off")
                    cursor.execute(
                        "SELECT set_config('statement_timeout', %s, true)",
                        [f"{round(settings.REPORT_TIMEOUT_SECONDS * 1000)}ms"],
                    )
            try:
                rows = list(self.counts(user, as_of, scope_path, prefix_length))
            except OperationalError as error:
                if type(error.__cause__).__name__ == "QueryCanceled":
                    raise ReportTimeout(settings.REPORT_TIMEOUT_SECONDS) from error
                raise
        return {
            row["report_unit"]: {figure.key: row[f"figure_{figure.key}"] for figure in self.figures}
            for row in rows
        }

    def counts(self, user: Any, as_of: dt.date, scope_path: str, prefix_length: int) -> QuerySet:
        """The grouped query of :meth:`compute`: a row per sub-unit, a conditional count (or sum) per
        figure."""
        counts = {f"figure_{figure.key}": figure.aggregate(as_of) for figure in self.figures}
        rows = self._grouped(user, as_of, scope_path, prefix_length).values("report_unit").annotate(**counts)
        return rows.order_by()

    def cell(
        self, user: Any, as_of: dt.date, scope_path: str, prefix_length: int, unit: str | None, figure: str
    ) -> QuerySet:
        """The ids of the persons (or rows) behind one cell: the sub-unit ``unit`` (None: the total) and
        ``figure``."""
        rows = self._grouped(user, as_of, scope_path, prefix_length)
        if unit is not None:
            rows = rows.filter(report_unit=unit)
        condition = self.figure(figure).condition
        if condition is not None:
            rows = rows.filter(condition(as_of))
        return rows.values(self.person)


statistical_reports: Registry[StatisticalReport] = Registry("Statistical report")
