"""The periodic report over the REST API: the same figures as the page, the workbook and the PDF."""

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from noivu.core import dates
from noivu.core.api import QUERY_ERRORS
from noivu.core.permissions import Action
from noivu.religion.api_support import bound
from noivu.religion.models import (
    ActivityGroup,
    Dignitary,
    Dossier,
    Incident,
    ReligiousOrganization,
    WorshipPlace,
)
from noivu.religion.periodic.engine import build
from noivu.religion.periodic.forms import PeriodForm, default_period

router = Router(tags=["religion"])


class PeriodOut(Schema):
    kind: str
    year: int
    number: int
    start: dt.date
    end: dt.date
    label: str


class LineOut(Schema):
    label: str
    values: list[int]


class CommuneOut(Schema):
    province: str
    commune_code: str
    name: str
    total: int
    serious: int
    unresolved: int
    legacy_count: int = Field(description="Vụ việc báo cáo theo xã cũ trước 01/07/2025, cộng vào xã này.")
    legacy_units: list[str] = Field(description="Các xã cũ đã được cộng vào xã này.")
    topics: list[int] = Field(description="Số vụ việc theo lĩnh vực, cùng thứ tự với topic_headers.")


class OutlookOut(Schema):
    period: PeriodOut
    mean: float
    lower: int
    upper: int
    method: str


class WarningOut(Schema):
    commune_code: str = Field(validation_alias="area_code")
    area: str
    topic: str
    observed: int
    expected: float
    upper: float


class PeriodicReportOut(Schema):
    period: PeriodOut
    previous: PeriodOut
    issuer: str
    registry_headers: list[str]
    registries: list[LineOut]
    procedure_headers: list[str]
    procedures: list[LineOut]
    incidents_total: int
    incidents_previous: int
    incidents_serious: int
    incidents_unresolved: int
    legacy_incidents: int
    by_topic: list[LineOut] = Field(description="Kỳ này, kỳ trước.")
    by_severity: list[LineOut] = Field(description="Kỳ này, kỳ trước.")
    topic_headers: list[str]
    communes: list[CommuneOut]
    outlook: OutlookOut | None
    warnings: list[WarningOut]


def _period(period: Any) -> dict[str, Any]:
    return {
        "kind": period.kind,
        "year": period.year,
        "number": period.number,
        "start": period.start,
        "end": period.end,
        "label": period.label,
    }


@router.get(
    "/reports",
    response={200: PeriodicReportOut, **QUERY_ERRORS},
    summary="Báo cáo định kỳ (tháng, quý, năm)",
    operation_id="get_religion_periodic_report",
)
def periodic_report(
    request: HttpRequest,
    kind: Literal["month", "quarter", "year"] = "month",
    year: int | None = None,
    number: int | None = None,
) -> dict[str, Any]:
    """The report of a month, quarter or year of the user's scope (the last complete month by default):
    registries in force at its end, procedure dossiers, incidents by topic, severity and current commune
    (legacy communes before 1/7/2025 counted under their successor), the next period's forecast and the
    early warnings of its last month. ``number`` is the month (1–12) or the quarter (1–4)."""
    data: dict[str, str] = {"kind": kind}
    if year is not None:
        data["year"] = str(year)
    if number is not None:
        data["month" if kind == "month" else "quarter"] = str(number)
    form = PeriodForm(data, default=default_period(dates.today()))
    bound(form)
    user = request.user
    report = build(
        period=form.period(),
        as_of=dates.today(),
        issuer="",
        organizations=ReligiousOrganization.objects.restrict(user, Action.VIEW),
        places=WorshipPlace.objects.restrict(user, Action.VIEW),
        dignitaries=Dignitary.objects.restrict(user, Action.VIEW),
        groups=ActivityGroup.objects.restrict(user, Action.VIEW),
        dossiers=Dossier.objects.restrict(user, Action.VIEW),
        incidents=Incident.objects.restrict(user, Action.VIEW),
    )
    outlook = report.outlook
    return {
        **{name: getattr(report, name) for name in PeriodicReportOut.model_fields if hasattr(report, name)},
        "period": _period(report.period),
        "previous": _period(report.period.previous),
        "outlook": {**vars(outlook), "period": _period(outlook.period)} if outlook else None,
        "warnings": report.warnings,
    }
