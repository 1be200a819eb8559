"""REST endpoints of the statistical reports (báo cáo thống kê): the same tables and drill-downs as the
pages, within the user's scope."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.api import AUTH_ERRORS, DETAIL_ERRORS, QUERY_ERRORS, Pagination
from noivu.core.extensions import ReportTimeout, statistical_reports
from noivu.core.permissions import Action, require_somewhere
from noivu.core.presenters import display
from noivu.core.replica import reading_from_replica
from noivu.reports import tables
from noivu.reports.filters import CellFilters, StatisticsFilters

router = Router(tags=["statistics"])


class FormOut(Schema):
    code: str
    title: str
    basis: str = Field(description="Văn bản quy định biểu mẫu.")
    verified: bool = Field(description="Bố cục đã đối chiếu với biểu mẫu chính thức hay chưa.")
    note: str


class FigureOut(Schema):
    key: str
    label: str
    group: str


class ReportOut(Schema):
    key: str
    title: str
    form: FormOut
    figures: list[FigureOut]


class RowOut(Schema):
    code: str = Field(description="Mã đơn vị của dòng; rỗng ở dòng tổng cộng.")
    name: str
    own: bool = Field(
        description="Người đặt trực tiếp tại đơn vị phạm vi (không thuộc đơn vị trực thuộc nào)."
    )
    values: dict[str, int] = Field(description="Số liệu theo mã chỉ tiêu.")


class TableOut(Schema):
    report: ReportOut
    as_of: dt.date
    scope: str = Field(description="Mã đơn vị phạm vi; rỗng: mọi đơn vị được xem.")
    rows: list[RowOut]
    total: RowOut


class CellPersonOut(Schema):
    id: int
    values: dict[str, str] = Field(description="Các cột của danh sách hồ sơ; dữ liệu cá nhân che theo quyền.")


def _report(key: str) -> dict[str, Any]:
    report = tables.report_of(key)
    form = report.form
    return {
        "key": report.key,
        "title": str(report.title),
        "form": {
            "code": form.code,
            "title": form.title,
            "basis": form.basis,
            "verified": form.verified,
            "note": form.note,
        },
        "figures": [{"key": f.key, "label": str(f.label), "group": str(f.group)} for f in report.figures],
    }


def _row(table: tables.Table, row: tables.Row) -> dict[str, Any]:
    keys = [figure.key for figure in table.report.figures]
    code = row.code if row.path is not None else ""
    return {
        "code": code,
        "name": row.name,
        "own": row.own,
        "values": dict(zip(keys, row.values, strict=True)),
    }


@router.get("", response={200: list[ReportOut], **AUTH_ERRORS}, summary="Danh sách báo cáo thống kê")
def list_statistical_reports(request: AuthenticatedRequest) -> list[dict[str, Any]]:
    """The statistical reports the apps registered, with the form each follows and its figures."""
    require_somewhere(request.user, Action.VIEW)
    return [_report(report.key) for report in statistical_reports]


def _built(report: Any, user: Any, scope: Any, as_of: dt.date) -> tables.Table:
    try:
        return tables.build(report, user, scope, as_of)
    except ReportTimeout as timeout:
        raise HttpError(
            503, f"Báo cáo chưa tính xong trong {timeout.seconds:g} giây; hãy chọn phạm vi hẹp hơn."
        ) from timeout


@router.get("/{key}", response={200: TableOut, **DETAIL_ERRORS, **QUERY_ERRORS}, summary="Báo cáo thống kê")
@reading_from_replica()
def get_statistical_report(
    request: AuthenticatedRequest,
    key: str,
    query: Query[StatisticsFilters.schema()],  # type: ignore[valid-type]
) -> dict[str, Any]:
    """A report for a scope (its units one level below) as of a day, with the total."""
    require_somewhere(request.user, Action.VIEW)
    filters = StatisticsFilters.from_schema(query, user=request.user)
    report = tables.report_of(key)
    scope = tables.scope_of(request.user, filters.value("organization") or "")
    table = _built(report, request.user, scope, filters.as_of)
    return {
        "report": _report(key),
        "as_of": table.as_of,
        "scope": scope.code,
        "rows": [_row(table, row) for row in table.rows],
        "total": _row(table, table.total),
    }


@router.get(
    "/{key}/persons",
    response={200: list[CellPersonOut], **DETAIL_ERRORS, **QUERY_ERRORS},
    summary="Người được tính trong một ô của báo cáo",
)
@reading_from_replica()
@paginate(Pagination)
def list_statistical_report_persons(
    request: AuthenticatedRequest,
    key: str,
    query: Query[CellFilters.schema()],  # type: ignore[valid-type]
) -> QuerySet:
    """The persons behind one cell (a row's unit, or the total, and a figure): the drill-down."""
    require_somewhere(request.user, Action.VIEW)
    filters = CellFilters.from_schema(query, user=request.user)
    report = tables.report_of(key)
    scope = tables.scope_of(request.user, filters.value("organization") or "")
    table = _built(report, request.user, scope, filters.as_of)
    figure = tables.figure_of(report, filters.value("figure") or "")
    unit = tables.unit_of_cell(table, filters.value("unit") or "")
    ids = report.cell(request.user, table.as_of, scope.path, scope.prefix_length, unit, figure.key)
    presenter = report.presenter(request.user)
    persons = report.listing(request.user, table.as_of, ids).order_by(*report.ordering)
    return _Presented(persons, presenter, report.columns)  # type: ignore[return-value]


class _Presented:
    """The page of persons the paginator slices, each through the report's presenter."""

    def __init__(self, persons: QuerySet, presenter: Any, columns: tuple[str, ...]) -> None:
        self.persons, self.presenter, self.columns = persons, presenter, columns

    def count(self) -> int:
        return self.persons.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[dict[str, Any]]:
        return [
            {
                "id": person.pk,
                "values": {n: display(v) for n, v in self.presenter.row(person, self.columns).items()},
            }
            for person in self.persons[page]
        ]
