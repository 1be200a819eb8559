"""Views: parse, authorise, call the action, render."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import OrganizationPanel, SubtreeCount, User, organization_panels, subtree_counts
from noivu.core.forms import AsOfForm
from noivu.core.permissions import granted_paths
from noivu.core.widgets import TreeSelect, tree_field
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
        node.is_open, node.opened, node.found = False, [], False
        node.counts = [
            Figure(provider.key, str(provider.label), counts.get((provider.key, node.path), 0))
            for provider in providers
        ]
    return nodes


class TreeSearchForm(forms.Form):
    """The search box of the tree: any unit of the user's scope, by name with or without diacritics."""

    unit = tree_field(_("Tìm đơn vị trong cây"), empty_label=_("Tìm đơn vị theo tên…"), allow_empty=False)

    def __init__(self, data: Any, *, user: Any) -> None:
        super().__init__(data)
        widget = self.fields["unit"].widget
        assert isinstance(widget, TreeSelect)
        widget.user = user


def _open_down_to(user: User, nodes: list[Organization], found: Organization, as_of: dt.date) -> None:
    """Open the tree from ``nodes`` (its tops) down to ``found``: each unit above it shows its children."""
    level = nodes
    while level:
        node = next((node for node in level if found.path.startswith(node.path)), None)
        if node is None:
            return
        if node.path == found.path:
            node.found = True
            return
        node.is_open = True
        node.opened = _with_counts(user, node.get_children().restrict(user), as_of)
        level = node.opened


def tree(request: HttpRequest) -> HttpResponse:
    """The organisation tree (cây tổ chức) from the tops of the user's visible subtrees; a unit searched
    for (``unit``, its code) is shown with the tree opened down to it."""
    form, as_of = AsOfForm.day(request.GET)
    visible = Organization.objects.restrict(request.user)
    paths = granted_paths(request.user)
    tops = visible.filter(depth=1) if "" in paths else visible.filter(path__in=paths)
    nodes = _with_counts(request.user, tops, as_of)
    search = TreeSearchForm(request.GET, user=request.user)
    code = (request.GET.get("unit") or "")[:64]
    found = visible.filter(code=code).first() if code else None
    if found is not None:
        _open_down_to(request.user, nodes, found, as_of)
    return render(
        request,
        "organizations/tree.html",
        {
            "form": form,
            "as_of": as_of,
            "nodes": nodes,
            "search": search,
            "found": found,
            "not_found": bool(code) and found is None,
        },
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
