"""Views: parse, authorise, call the action, render."""

from collections.abc import Iterable

from django.db.models import Count
from django.db.models.functions import Substr
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from noivu.core.permissions import get_scoped_or_404, granted_paths, scope
from noivu.organizations.models import Organization
from noivu.personnel.models import Person


def _with_person_counts(user, nodes: Iterable[Organization]) -> list[Organization]:
    """``nodes`` with ``person_count`` set to the persons (within the user's scope) of each subtree.

    One grouped query per tree depth: a person belongs to the subtree whose path is the prefix of
    their unit's path of that depth's length.
    """
    nodes = list(nodes)
    by_depth: dict[int, list[Organization]] = {}
    for node in nodes:
        by_depth.setdefault(node.depth, []).append(node)
    counts: dict[str, int] = {}
    persons = scope(user, Person.objects.all())
    for depth, group in by_depth.items():
        length = depth * Organization.steplen
        rows = (
            persons.annotate(prefix=Substr("organization__path", 1, length))
            .filter(prefix__in=[node.path for node in group])
            .values("prefix")
            .annotate(count=Count("pk"))
            .order_by()
        )
        counts.update({row["prefix"]: row["count"] for row in rows})
    for node in nodes:
        node.person_count = counts.get(node.path, 0)
    return nodes


def tree(request: HttpRequest) -> HttpResponse:
    """The organisation tree (cây tổ chức) from the tops of the user's visible subtrees."""
    visible = scope(request.user, Organization.objects.all())
    paths = granted_paths(request.user)
    tops = visible.filter(depth=1) if "" in paths else visible.filter(path__in=paths)
    return render(request, "organizations/tree.html", {"nodes": _with_person_counts(request.user, tops)})


def children(request: HttpRequest, pk: int) -> HttpResponse:
    """The children of a unit, loaded when the user expands it in the tree."""
    parent = get_scoped_or_404(request.user, Organization.objects.all(), pk=pk)
    nodes = scope(request.user, parent.get_children())
    return render(
        request, "organizations/_children.html", {"nodes": _with_person_counts(request.user, nodes)}
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation (cơ quan, đơn vị): its place in the tree, its units and its headcount."""
    organization = get_scoped_or_404(request.user, Organization.objects.all(), pk=pk)
    ancestors = scope(request.user, organization.get_ancestors())
    units = _with_person_counts(request.user, scope(request.user, organization.get_children()))
    (organization,) = _with_person_counts(request.user, [organization])
    return render(
        request,
        "organizations/detail.html",
        {"organization": organization, "ancestors": ancestors, "units": units},
    )
