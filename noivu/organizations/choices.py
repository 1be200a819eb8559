"""The organisation tree as the tree select of every list offers it (chọn đơn vị): search by name with or
without diacritics within the user's scope, and the place of a unit in the tree
("Sở Nội vụ › UBND thành phố Hà Nội") that lists show beside its name."""

from typing import Any

from django.db.models import Case, Q, When

from noivu.core import dates
from noivu.core.extensions import TreeChoice, TreeChoices, tree_choices
from noivu.core.permissions import granted_paths
from noivu.core.text import fold
from noivu.organizations.models import Organization, OrganizationKind

SEPARATOR = " › "
# A place names at most this many units above: the nearest ones, "…", and the top of the user's tree.
PLACE_LENGTH = 3


def _ancestor_paths(path: str) -> list[str]:
    """The paths above ``path``, nearest first."""
    step = Organization.steplen
    return [path[:end] for end in range(len(path) - step, 0, -step)]


def places(user: Any, paths: list[str]) -> dict[str, str]:
    """The place of each unit of ``paths``: the names of the units above it that the user may see,
    nearest first, without the Government above them all unless it is the only one, shortened to the
    nearest units and the top one. One query for a whole page of rows."""
    above = {path: _ancestor_paths(path) for path in set(paths) if path}
    wanted = {ancestor for ancestors in above.values() for ancestor in ancestors}
    visible = Organization.objects.restrict(user).filter(path__in=wanted) if wanted else None
    found = (
        {path: (name, kind) for path, name, kind in visible.values_list("path", "name", "kind")}
        if visible
        else {}
    )
    result = {}
    for path, ancestors in above.items():
        shown = [ancestor for ancestor in ancestors if ancestor in found]
        if len(shown) > 1 and found[shown[-1]][1] == OrganizationKind.GOVERNMENT:
            shown = shown[:-1]  # "Chính phủ" above every unit of the country says nothing
        labels = [found[ancestor][0] for ancestor in shown]
        if len(labels) > PLACE_LENGTH:
            labels = [*labels[: PLACE_LENGTH - 1], "…", labels[-1]]
        result[path] = SEPARATOR.join(labels)
    return result


def _choices(user: Any, units: list[Organization]) -> list[TreeChoice]:
    where = places(user, [unit.path for unit in units])
    return [TreeChoice(unit.code, unit.name, where.get(unit.path, "")) for unit in units]


def search(user: Any, text: str, limit: int) -> list[TreeChoice]:
    """Units in force today that ``user`` may see, whose name has a word beginning with each word of
    ``text`` (folded: with or without diacritics) or whose code is ``text``, names beginning with it
    first; the tops of the user's subtrees and the level below when ``text`` is empty."""
    units = Organization.objects.restrict(user).as_of(dates.today()).only("code", "name", "path", "depth")
    words = fold(text).split()
    if not words:
        granted = granted_paths(user)
        top = 1 if "" in granted else min((len(path) // Organization.steplen for path in granted), default=1)
        units = units.filter(depth__lte=top + 1).order_by("depth", "name_folded", "pk")
        return _choices(user, list(units[:limit]))
    named = Q()
    for word in words:  # each word typed begins a word of the name
        named &= Q(name_folded__startswith=word) | Q(name_folded__contains=f" {word}")
    starts = Case(When(name_folded__startswith=" ".join(words), then=0), default=1)
    units = units.filter(named | Q(code__iexact=text.strip())).annotate(starts=starts)
    return _choices(user, list(units.order_by("starts", "depth", "name_folded", "pk")[:limit]))


def find(user: Any, code: str) -> TreeChoice | None:
    unit = Organization.objects.restrict(user).filter(code=code).only("code", "name", "path").first()
    return _choices(user, [unit])[0] if unit else None


def register() -> None:
    tree_choices.register(TreeChoices(key="organization", order=0, search=search, find=find, places=places))
