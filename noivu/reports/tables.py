"""The tables of the statistical reports (báo cáo thống kê) the apps register: for a scope (a unit's subtree,
or everything the user may see) and an as-of date, one row per unit one level below the scope plus the
total, so that the same figures roll up from communes and agencies to the province and from provinces and
ministries to the nation; the persons behind each cell; the chart drawn as SVG for the printed report.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.http import Http404
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from noivu.core.extensions import Figure, StatisticalReport, statistical_reports
from noivu.core.permissions import TREE_STEP, Action, granted_paths
from noivu.organizations.models import Organization

# The national scope's rows: the units directly under the top of the tree (provinces and ministries).
NATIONAL_DEPTH = 2
CHART_COLOURS = ("#485fc7", "#48c78e", "#ffb70f", "#f14668", "#3e8ed0", "#b86bff")


def report_of(key: str) -> StatisticalReport:
    try:
        return statistical_reports[key]
    except KeyError as unknown:
        raise Http404(key) from unknown


@dataclass(frozen=True)
class Scope:
    """The subtree a report covers (phạm vi): a unit, or None for everything the user may see, and the length
    of the tree paths of its rows' units."""

    organization: Organization | None
    path: str
    prefix_length: int

    @property
    def code(self) -> str:
        return self.organization.code if self.organization is not None else ""

    @property
    def name(self) -> str:
        return self.organization.name if self.organization is not None else _("Toàn quốc")


def scope_of(user: Any, code: str) -> Scope:
    """The scope of unit ``code`` (404 outside the user's scope); without a code, the one subtree the user
    sees (a province's officer opens on the province, broken into its units), or the whole country."""
    if not code:
        granted = granted_paths(user, Action.VIEW)
        if len(granted) != 1 or len(granted[0]) <= TREE_STEP:
            return Scope(None, "", NATIONAL_DEPTH * TREE_STEP)
        organization = Organization.objects.restrict(user).get(path=granted[0])
    else:
        organization = Organization.objects.restrict(user).get_or_404(code=code)
    return Scope(organization, organization.path, len(organization.path) + TREE_STEP)


@dataclass
class Row:
    """A row of a report: a unit of the scope's next level (``own``: the persons placed at the scope's unit
    itself, above that level), or the total (``path`` None)."""

    path: str | None
    code: str
    name: str
    values: list[int]
    own: bool = False
    cells: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Table:
    report: StatisticalReport
    scope: Scope
    as_of: dt.date
    rows: list[Row]
    total: Row

    @property
    def groups(self) -> list[tuple[str, int]]:
        """The header groups of the figures in order, with how many figures each spans."""
        spans: list[tuple[str, int]] = []
        for figure in self.report.figures:
            label = str(figure.group)
            if spans and spans[-1][0] == label:
                spans[-1] = (label, spans[-1][1] + 1)
            else:
                spans.append((label, 1))
        return spans

    def chart_figures(self) -> list[Figure]:
        keys = self.report.chart or (self.report.figures[0].key,)
        return [self.report.figure(key) for key in keys]

    def chart_label(self, figure: Figure) -> str:
        """A charted figure's name in the legend, with its header group when another charted figure has the
        same name (the total of the quota and the total of the headcount)."""
        labels = [str(other.label) for other in self.chart_figures()]
        if labels.count(str(figure.label)) > 1 and figure.group:
            return f"{figure.label} ({figure.group})"
        return str(figure.label)

    def chart(self) -> dict[str, Any]:
        """The chart's data (labels and one dataset per charted figure) for the page's script."""
        return {
            "labels": [row.name for row in self.rows],
            "datasets": [
                {
                    "label": self.chart_label(figure),
                    "values": [row.values[self.report.figures.index(figure)] for row in self.rows],
                }
                for figure in self.chart_figures()
            ],
        }


def build(report: StatisticalReport, user: Any, scope: Scope, as_of: dt.date) -> Table:
    """The report's rows for ``scope`` on ``as_of``: one grouped query for the figures, one for the units'
    names; every unit of the next level the user may see is listed, with zeros when nobody counts there."""
    counts = report.compute(user, as_of, scope.path, scope.prefix_length)
    depth = scope.prefix_length // TREE_STEP
    units = {
        unit.path: unit
        for unit in Organization.objects.restrict(user)
        .as_of(as_of)
        .filter(depth=depth, path__startswith=scope.path)
        .only("path", "code", "name")
    }
    missing = [path for path in counts if path not in units]
    # The units above the rows' level where persons are placed directly (the scope's own unit): only the
    # names of units holding rows the user may see.
    for unit in Organization.objects.unrestricted().filter(path__in=missing).only("path", "code", "name"):
        units[unit.path] = unit
    zeros = [0] * len(report.figures)
    rows = []
    for path in sorted(set(units) | set(counts)):
        unit = units.get(path)
        values = counts.get(path)
        rows.append(
            Row(
                path=path,
                code=unit.code if unit else "",
                name=unit.name if unit else path,
                values=[values[figure.key] for figure in report.figures] if values else list(zeros),
                own=len(path) < scope.prefix_length,
            )
        )
    # The rows partition the scope (every unit's path has one prefix): the total is their sum.
    sums = [sum(row.values[index] for row in rows) for index in range(len(report.figures))]
    total = Row(None, scope.code, _("Tổng cộng"), sums)
    return Table(report, scope, as_of, rows, total)


def cell_query(table: Table, row: Row, figure: Figure) -> str:
    """The query string of a cell's drill-down page."""
    parameters = {"as_of": table.as_of.strftime("%d/%m/%Y"), "figure": figure.key}
    if table.scope.code:
        parameters["organization"] = table.scope.code
    if row.path is not None:
        parameters["unit"] = row.code
    return urlencode(parameters)


def with_links(table: Table) -> Table:
    """The table with each cell's value and drill-down address (``Row.cells``)."""
    base = reverse("reports:statistic_persons", args=[table.report.key])
    for row in [*table.rows, table.total]:
        row.cells = [
            (value, f"{base}?{cell_query(table, row, figure)}")
            for value, figure in zip(row.values, table.report.figures, strict=True)
        ]
    return table


def figure_of(report: StatisticalReport, key: str) -> Figure:
    """The figure ``key`` of ``report`` (empty: the first); 404 for a figure the report does not have."""
    try:
        return report.figure(key or report.figures[0].key)
    except KeyError as unknown:
        raise Http404(key) from unknown


def unit_of_cell(table: Table, code: str) -> str | None:
    """The tree path of the row of unit ``code`` (None: the total); 404 for a unit that is not a row."""
    if not code:
        return None
    for row in table.rows:
        if row.code == code:
            return row.path
    raise Http404(code)


def chart_svg(table: Table, width: int = 1000) -> str:
    """The chart as inline SVG (the printed report draws no script): a row's figures as bars side by side
    (not stacked: a quota and its headcount are not parts of one whole), each with its value."""
    figures = table.chart_figures()
    indexes = [table.report.figures.index(figure) for figure in figures]
    bar, gap, label_width, legend = 8 * len(figures), 6, 260, 24
    thin = bar / len(figures)
    height = legend + len(table.rows) * (bar + gap) + gap
    largest = max([row.values[i] for i in indexes for row in table.rows] + [1])
    scale = (width - label_width - 60) / largest
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="9">'
    ]
    for position, figure in enumerate(figures):
        left = label_width + position * 150
        colour = CHART_COLOURS[position % len(CHART_COLOURS)]
        parts.append(f'<rect x="{left}" y="4" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{left + 14}" y="13">{escape(table.chart_label(figure))}</text>')
    for number, row in enumerate(table.rows):
        y = legend + number * (bar + gap)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar - 3}" text-anchor="end">{escape(row.name[:48])}</text>'
        )
        for position, index in enumerate(indexes):
            length = row.values[index] * scale
            top = y + position * thin
            colour = CHART_COLOURS[position % len(CHART_COLOURS)]
            parts.append(
                f'<rect x="{label_width}" y="{top:.1f}" width="{length:.1f}" height="{thin - 1:.1f}" '
                f'fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{label_width + length + 4:.1f}" y="{top + thin - 1.5:.1f}" font-size="7">'
                f"{row.values[index]}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
