"""Views: parse, authorise, call the action, render."""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.excel.writer import workbook_bytes
from noivu.core.extensions import (
    DashboardCard,
    ReportTimeout,
    dashboard_cards,
    home_pages,
    statistical_reports,
)
from noivu.core.forms import AsOfForm, styled_filters
from noivu.core.http import PDF, XLSX
from noivu.core.listing import page_number, page_of, table
from noivu.core.permissions import Action, may_somewhere, require_somewhere
from noivu.core.replica import reading_from_replica
from noivu.reports import exports, tables
from noivu.reports.filters import CellFilters, StatisticsFilters

PERSONS_PER_PAGE = 50


@dataclass(frozen=True)
class RenderedCard:
    card: DashboardCard
    context: dict[str, Any]
    html: SafeString


def dashboard(request: HttpRequest) -> HttpResponse:
    """Overview (tổng quan): the cards every app registered, within the user's scope, as of a date. A user
    without any grant lands on the page an app registered for them (a person's own dossier)."""
    if not may_somewhere(request.user, Action.VIEW):
        for page in home_pages:
            address = page.address(request.user)
            if address is not None:
                return redirect(address)
    form, as_of = AsOfForm.day(request.GET)
    cards = []
    for card in dashboard_cards:
        context = card.context(request.user, as_of)
        html = render_to_string(card.template, {"card": card, "as_of": as_of, **context}, request)
        cards.append(RenderedCard(card, context, html))
    scripts = list(dict.fromkeys(script for card in dashboard_cards for script in card.scripts))
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "as_of": as_of,
            "cards": {rendered.card.key: rendered for rendered in cards},
            "scripts": scripts,
        },
    )


def statistic_list(request: AuthenticatedRequest) -> HttpResponse:
    """The statistical reports the apps registered (báo cáo thống kê), with the form each follows."""
    require_somewhere(request.user, Action.VIEW)
    return render(request, "reports/statistics/list.html", {"reports": list(statistical_reports)})


def _in_time(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A report too large to compute in time answers with a page asking for a narrower scope."""

    @functools.wraps(view)
    def wrapped(request: AuthenticatedRequest, key: str) -> HttpResponse:
        try:
            return view(request, key)
        except ReportTimeout as timeout:
            return render(
                request, "reports/statistics/too_large.html", {"seconds": timeout.seconds}, status=503
            )

    return wrapped


def _table(request: AuthenticatedRequest, key: str, filters: StatisticsFilters) -> tables.Table:
    report = tables.report_of(key)
    scope = tables.scope_of(request.user, filters.value("organization") or "")
    return tables.build(report, request.user, scope, filters.as_of)


@reading_from_replica()
@_in_time
def statistic(request: AuthenticatedRequest, key: str) -> HttpResponse:
    """A statistical report for a scope as of a day: a row per unit one level below the scope and the total,
    each figure a link to the persons behind it, and a chart."""
    require_somewhere(request.user, Action.VIEW)
    filters = StatisticsFilters(request.GET, user=request.user)
    result = tables.with_links(_table(request, key, filters))
    return render(
        request,
        "reports/statistics/report.html",
        {
            "form": styled_filters(filters.form),
            "table": result,
            "chart": result.chart(),
            "query": filters.query_string(),
            "may_export": may_somewhere(request.user, Action.EXPORT),
        },
    )


@reading_from_replica()
@_in_time
def statistic_persons(request: AuthenticatedRequest, key: str) -> HttpResponse:
    """The persons behind one cell of a report (drill-down), as the person list shows them (personal data
    masked per role), a page at a time."""
    require_somewhere(request.user, Action.VIEW)
    filters = CellFilters(request.GET, user=request.user)
    result = _table(request, key, filters)
    report = result.report
    figure = tables.figure_of(report, filters.value("figure") or "")
    unit = tables.unit_of_cell(result, filters.value("unit") or "")
    row = next((row for row in result.rows if row.path == unit), result.total)
    ids = report.cell(
        request.user, result.as_of, result.scope.path, result.scope.prefix_length, unit, figure.key
    )
    persons = report.listing(request.user, result.as_of, ids)
    page = page_of(persons.order_by(*report.ordering), number=page_number(request), size=PERSONS_PER_PAGE)
    presenter = report.presenter(request.user)
    return render(
        request,
        "reports/statistics/persons.html",
        {
            "table": result,
            "figure": figure,
            "row": row,
            "page": page,
            "persons": table("statistic-persons", page, presenter, list(report.columns), link=report.link),
            "back": filters.query_string(unit="", figure=""),
        },
    )


@reading_from_replica()
@_in_time
def statistic_excel(request: AuthenticatedRequest, key: str) -> HttpResponse:
    """The report as a workbook: the table, then the form, legal basis, scope and day."""
    require_somewhere(request.user, Action.EXPORT)
    filters = StatisticsFilters(request.GET, user=request.user)
    result = _table(request, key, filters)
    content = workbook_bytes(exports.sheets(result))
    audit.record_read(request, audit.DATA_EXPORTED, extra={"report": key})
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{key}-{result.as_of:%Y%m%d}.xlsx"'
    return response


@reading_from_replica()
@_in_time
def statistic_pdf(request: AuthenticatedRequest, key: str) -> HttpResponse:
    """The report printed on A4 landscape: the table, the chart, the form, the legal basis and the footer."""
    require_somewhere(request.user, Action.EXPORT)
    filters = StatisticsFilters(request.GET, user=request.user)
    result = _table(request, key, filters)
    html = render_to_string(
        "reports/statistics/print.html",
        {"table": result, "chart_svg": mark_safe(tables.chart_svg(result))},  # noqa: S308 (built escaped)
        request,
    )
    from weasyprint import HTML  # imported here: loading Pango is slow and only the PDF needs it

    content = HTML(string=html).write_pdf()
    audit.record_read(request, audit.DATA_EXPORTED, extra={"report": key})
    response = HttpResponse(content, content_type=PDF)
    response["Content-Disposition"] = f'attachment; filename="{key}-{result.as_of:%Y%m%d}.pdf"'
    return response
