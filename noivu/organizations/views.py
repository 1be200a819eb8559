"""Views: parse, authorise, call the action, render."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from noivu.core.extensions import OrganizationPanel, SubtreeCount, User, organization_panels, subtree_counts
from noivu.core.forms import AsOfForm
from noivu.core.permissions import granted_paths
from noivu.organizations.models import Organization


@dataclass(frozen=True)
class Figure:
    """One registered figure of a unit's subtree (e.g. its number of persons)."""

    key: str
    label: str
    value: int


def _with_counts(user: User, nodes: Iterable[Organization], as_of: dt.date) -> list[Organization]:
    """``nodes`` with ``counts`` set to the figures other apps register for each subtree, as of a day.

    One grouped query per tree depth and figure: nodes of one depth share the length of their paths.
    """
    nodes = list(nodes)
    by_depth: dict[int, list[Organization]] = {}
    for node in nodes:
        by_depth.setdefault(node.depth, []).append(node)
    counts: dict[tuple[str, str], int] = {}
    providers: list[SubtreeCount] = list(subtree_counts)
    for provider in providers:
        for depth, group in by_depth.items():
            found = provider.count(user, depth * Organization.steplen, [node.path for node in group], as_of)
            counts.update({(provider.key, path): value for path, value in found.items()})
    for node in nodes:
        node.counts = [
            Figure(provider.key, str(provider.label), counts.get((provider.key, node.path), 0))
            for provider in providers
        ]
    return nodes


def tree(request: HttpRequest) -> HttpResponse:
    """The organisation tree (cây tổ chức) from the tops of the user's visible subtrees."""
    form, as_of = AsOfForm.day(request.GET)
    visible = Organization.objects.restrict(request.user)
    paths = granted_paths(request.user)
    tops = visible.filter(depth=1) if "" in paths else visible.filter(path__in=paths)
    return render(
        request,
        "organizations/tree.html",
        {"form": form, "as_of": as_of, "nodes": _with_counts(request.user, tops, as_of)},
    )


def children(request: HttpRequest, pk: int) -> HttpResponse:
    """The children of a unit, loaded when the user expands it in the tree."""
    _form, as_of = AsOfForm.day(request.GET)
    parent = Organization.objects.restrict(request.user).get_or_404(pk=pk)
    nodes = parent.get_children().restrict(request.user)
    return render(
        request,
        "organizations/_children.html",
        {"as_of": as_of, "nodes": _with_counts(request.user, nodes, as_of)},
    )


@dataclass(frozen=True)
class RenderedPanel:
    panel: OrganizationPanel
    html: SafeString


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation (cơ quan, đơn vị): its place in the tree, its units, and the panels other apps
    register (its headcount, …), as of a day."""
    form, as_of = AsOfForm.day(request.GET)
    organization = Organization.objects.restrict(request.user).get_or_404(pk=pk)
    ancestors = organization.get_ancestors().restrict(request.user)
    units = _with_counts(request.user, organization.get_children().restrict(request.user), as_of)
    (organization,) = _with_counts(request.user, [organization], as_of)
    panels = [
        RenderedPanel(
            panel,
            render_to_string(
                panel.template,
                {"panel": panel, "as_of": as_of, **panel.context(request.user, organization, as_of)},
                request,
            ),
        )
        for panel in organization_panels
    ]
    return render(
        request,
        "organizations/detail.html",
        {
            "form": form,
            "as_of": as_of,
            "organization": organization,
            "ancestors": ancestors,
            "units": units,
            "figure_labels": [str(provider.label) for provider in subtree_counts],
            "panels": panels,
        },
    )
