"""Registries through which an app extends the pages of another without being imported from below.

An app registers its entries from its ``AppConfig.ready()`` (or a module imported there; an app's
``menu.py`` is imported by ``core`` itself): the entries of the main menu (trình đơn chính), dashboard
cards (thẻ tổng quan) shown by ``reports``, panels (khối thông tin) and per-unit counts shown by
``organizations`` on the unit page and in the tree, and the parts of the demo data set loaded by
``demo``. The page that shows them imports only this module; the app that fills them imports the
page's app, never the reverse.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

User = AbstractBaseUser | AnonymousUser
Title = str | Promise


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
