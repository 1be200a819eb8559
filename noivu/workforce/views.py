"""Views of the workforce forecast: parse the scope and day, read within the user's scope, render."""

from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.forms import styled_filters
from noivu.core.http import XLSX
from noivu.core.listing import page_number
from noivu.core.permissions import Action, may_somewhere
from noivu.core.replica import reading_from_replica
from noivu.organizations.filters import unit_path
from noivu.personnel.codelists import rank_name
from noivu.workforce import exports
from noivu.workforce.facts import read_facts
from noivu.workforce.filters import ForecastFilters
from noivu.workforce.forecast import Forecast, band_labels, focus, forecast, kind_label
from noivu.workforce.presenters import VacancyPresenter, vacancies, vacancy_rows

VACANCIES_PER_PAGE = 50


def compute(user: Any, filters: ForecastFilters) -> Forecast:
    """The forecast of the scope the filters name (the user's whole scope when none), as of their day."""
    code = filters.value("under")
    path = unit_path(code) if code else None
    return forecast(read_facts(user, filters.as_of, path), path)


def charts(result: Forecast) -> dict[str, Any]:
    """The data of the page's charts: headcount against quota per kind, the age and the rank pyramids."""
    labels = [f"{result.as_of:%d/%m/%Y}", *(f"{span.end:%d/%m/%Y}" for span in result.periods)]
    lines: list[dict[str, Any]] = []
    for row in result.totals:
        lines.append(
            {
                "label": _("%(kind)s: dự báo") % {"kind": row.kind_label},
                "values": [row.current] + [y.headcount for y in row.years],
            }
        )
        if any(year.quota is not None for year in row.years):
            lines.append(
                {
                    "label": _("%(kind)s: biên chế") % {"kind": row.kind_label},
                    "values": [None] + [year.quota for year in row.years],
                    "dashed": True,
                }
            )
    years = [_("Hiện tại")] + [span.label() for span in result.periods]
    return {
        "headcount": {"labels": labels, "datasets": lines},
        "ages": {
            "years": years,
            "bands": band_labels(),
            "men": [[figures["M"] for figures in result.age_pyramid[n].values()] for n in range(len(years))],
            "women": [
                [figures["F"] for figures in result.age_pyramid[n].values()] for n in range(len(years))
            ],
            "labels": {"men": _("Nam"), "women": _("Nữ")},
        },
        "ranks": {
            "years": years,
            "ranks": [rank_label(code, result.rank_names) for code, _count in result.rank_pyramid[0]],
            "values": [[count for _code, count in result.rank_pyramid[n]] for n in range(len(years))],
            "label": _("Số người"),
        },
    }


def rank_label(code: str, names: dict[str, str]) -> str:
    """A rank by code and name: the rank table's name, else the name recorded with it."""
    if not code:
        return _("Ngạch khác hoặc chưa ghi")
    return f"{code} {rank_name(code) or names.get(code, '')}".strip()


@reading_from_replica()
def forecast_page(request: AuthenticatedRequest) -> HttpResponse:
    """The five-year forecast of a scope as of a day: per unit and kind, the charts, the positions falling
    vacant with their holders."""
    filters = ForecastFilters(request.GET, user=request.user)
    context: dict[str, Any] = {"filters": filters, "form": styled_filters(filters.form), "result": None}
    if not filters.errors:
        result = compute(request.user, filters)
        code = filters.value("under")
        shown_paths, with_children = focus(result.holders(), unit_path(code) if code else None)
        rows = result.rows_of(shown_paths)
        for row in rows:
            row.has_children = row.path in with_children
        number = page_number(request)
        total = result.vacancies.height
        start = (number - 1) * VACANCIES_PER_PAGE
        shown = vacancies(request.user, result.vacancies.slice(start, VACANCIES_PER_PAGE))
        context.update(
            {
                "result": result,
                "rows": rows,
                "under_code": code or "",
                "charts": charts(result),
                "vacancy_columns": VacancyPresenter.columns,
                "vacancy_rows": vacancy_rows(request.user, shown),
                "vacancy_total": total,
                "vacancy_page": number,
                "vacancy_previous": number - 1 if number > 1 else None,
                "vacancy_next": number + 1 if start + VACANCIES_PER_PAGE < total else None,
                "query": filters.query_string(),
                "may_export": may_somewhere(request.user, Action.EXPORT),
                "kind_label": kind_label,
            }
        )
    return render(request, "workforce/forecast.html", context)


@reading_from_replica()
def forecast_export(request: AuthenticatedRequest) -> HttpResponse:
    """The forecast as an Excel workbook: the rows of every unit, the totals, the positions falling vacant
    and the pyramids."""
    if not may_somewhere(request.user, Action.EXPORT):
        raise PermissionDenied
    filters = ForecastFilters(request.GET, user=request.user)
    if filters.errors:
        return HttpResponse(" ".join(m for ms in filters.errors.values() for m in ms), status=400)
    result = compute(request.user, filters)
    content = exports.forecast_workbook(request.user, result, partial(rank_label, names=result.rank_names))
    audit.record_read(request, audit.DATA_EXPORTED)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="du-bao-nhan-luc-{result.as_of:%Y%m%d}.xlsx"'
    return response
