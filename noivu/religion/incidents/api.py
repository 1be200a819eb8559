"""REST endpoints of situation reports and of the forecast with its early warnings."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from noivu.core import dates
from noivu.core.api import CREATE_ERRORS, DETAIL_ERRORS, QUERY_ERRORS, IsoDate, Pagination, RecordId
from noivu.religion.api_support import bound, unit_pk
from noivu.religion.forecast.situation import alerts, series
from noivu.religion.incidents.actions import do_report_incident
from noivu.religion.incidents.filters import IncidentFilters
from noivu.religion.incidents.forms import ReportForm
from noivu.religion.incidents.places import commune_names
from noivu.religion.models import Dossier, Incident, Topic

router = Router(tags=["religion"])


class IncidentOut(Schema):
    id: int
    title: str
    topic: Topic
    severity: int
    occurred_on: dt.date
    reported_on: dt.date
    commune_code: str = Field(description="Xã, phường hiện hành.")
    province_code: str
    legacy_commune_code: str = Field(description="Xã cũ mà báo cáo trước 01/07/2025 ghi (nếu có).")
    organization: str = Field(description="Mã đơn vị báo cáo.")
    status: str
    actions_taken: str
    follow_up: str
    follow_up_due: dt.date | None

    @staticmethod
    def resolve_organization(incident: Incident) -> str:
        return incident.organization.code


IncidentQuery = IncidentFilters.schema()


def _incidents(request: HttpRequest) -> Any:
    return Incident.objects.restrict(request.user).select_related("organization")


@router.get(
    "/incidents",
    response={200: list[IncidentOut], **QUERY_ERRORS},
    summary="Vụ việc",
    operation_id="list_religion_incidents",
)
@paginate(Pagination)
def list_incidents(request: HttpRequest, query: Query[IncidentQuery]) -> Any:  # type: ignore[valid-type]
    filters = IncidentFilters.from_schema(query, user=request.user)
    return filters.apply(_incidents(request)).order_by("-occurred_on", "-pk")


@router.get(
    "/incidents/{incident_id}",
    response={200: IncidentOut, **DETAIL_ERRORS},
    summary="Một vụ việc",
    operation_id="get_religion_incident",
)
def incident_detail(request: HttpRequest, incident_id: RecordId) -> Incident:
    incident: Incident = _incidents(request).get_or_404(pk=incident_id)
    return incident


class IncidentIn(Schema):
    organization: str = Field(description="Mã đơn vị báo cáo.")
    title: str = Field(min_length=1, max_length=255)
    topic: Topic
    severity: int = Field(ge=1, le=4, strict=True)
    occurred_on: IsoDate
    reported_on: IsoDate | None = None
    commune_code: str = Field("", max_length=8, description="Xã, phường hiện hành (vụ việc từ 01/07/2025).")
    legacy_commune_code: str = Field("", max_length=8, description="Xã cũ (vụ việc trước 01/07/2025).")
    description: str = Field("", max_length=5000)
    actions_taken: str = Field("", max_length=5000)
    follow_up: str = Field("", max_length=5000)
    follow_up_due: IsoDate | None = None


@router.post(
    "/incidents",
    response={201: IncidentOut, **CREATE_ERRORS},
    summary="Báo cáo vụ việc",
    operation_id="report_religion_incident",
)
def report_incident(request: HttpRequest, payload: IncidentIn) -> Status:
    data = {**payload.dict(), "organization": unit_pk(request.user, payload.organization)}
    cleaned = bound(ReportForm({k: v for k, v in data.items() if v is not None}, user=request.user))
    return Status(201, do_report_incident(**cleaned, acting_user=request.user))


class SeriesOut(Schema):
    label: str
    months: list[str] = Field(description="Các tháng (mm/yyyy): lịch sử rồi dự báo.")
    observed: list[int | None]
    mean: list[float | None] = Field(description="Dự báo (trung bình).")
    lower: list[float | None] = Field(description="Cận dưới dải 95 %.")
    upper: list[float | None] = Field(description="Cận trên dải 95 %.")


class AlertOut(Schema):
    commune_code: str
    area: str
    topic: str
    month: dt.date
    observed: int
    expected: float
    upper: float


class SituationOut(Schema):
    method: str
    incidents: SeriesOut
    dossiers: SeriesOut
    alerts: list[AlertOut]


@router.get(
    "/situation",
    response={200: SituationOut, **QUERY_ERRORS},
    summary="Xu hướng, dự báo và cảnh báo sớm",
    operation_id="get_religion_situation",
)
def situation(
    request: HttpRequest, as_of: IsoDate | None = None, topic: Topic | None = None
) -> dict[str, Any]:
    """Monthly incidents and dossiers of the user's scope for 36 months, forecast 6 months ahead with a 95 %
    band, and the communes and topics whose last complete month exceeds the band."""
    day = as_of or dates.today()
    incidents = Incident.objects.restrict(request.user)
    chosen = incidents.filter(topic=topic) if topic else incidents
    labels = {key: str(value) for key, value in Topic.choices}
    found = alerts(incidents, day, labels)
    names = commune_names(alert.area_code for alert in found.alerts if alert.area_code)

    def out(result: Any) -> dict[str, Any]:
        chart = result.chart()
        return {**chart, "months": chart["labels"]}

    incident_series = series(chosen, "occurred_on", "Vụ việc", day)
    return {
        "method": incident_series.method,
        "incidents": out(incident_series),
        "dossiers": out(series(Dossier.objects.restrict(request.user), "received_on", "Hồ sơ thủ tục", day)),
        "alerts": [
            {
                "commune_code": alert.area_code,
                "area": names.get(alert.area_code, ""),
                "topic": alert.topic,
                "month": alert.month,
                "observed": alert.observed,
                "expected": alert.expected,
                "upper": alert.upper,
            }
            for alert in found.alerts
        ],
    }
