"""The map page (bản đồ tình hình): the communes of a province shaded by incidents, and the places of
worship and belief establishments of the reader's scope as points."""

import datetime as dt
from typing import Any

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from noivu.accounts.http import AuthenticatedRequest
from noivu.admin_units.arrangement.models import UnitBoundary
from noivu.admin_units.models import AdminUnit, Level, Regime
from noivu.core import dates
from noivu.religion.geo.features import commune_features, place_features
from noivu.religion.geo.filters import IncidentMapFilters, PlaceMapFilters
from noivu.religion.models import Incident, Religion, WorshipPlace

PROVINCE = "province"


def provinces_of(request: AuthenticatedRequest) -> list[tuple[str, str]]:
    """The provinces where the reader's scope has places or incidents, by name."""
    communes = set(
        WorshipPlace.objects.restrict(request.user)
        .order_by()
        .values_list("commune_code", flat=True)
        .distinct()
    )
    codes = set(
        Incident.objects.restrict(request.user).order_by().values_list("province_code", flat=True).distinct()
    )
    units = AdminUnit.objects.restrict(request.user).filter(regime=Regime.TWO_TIER)
    codes |= set(
        units.filter(level=Level.COMMUNE, code__in=communes - {""}).values_list("province_code", flat=True)
    )
    return list(
        units.filter(level=Level.PROVINCE, code__in=codes).order_by("name").values_list("code", "name")
    )


def _province(request: AuthenticatedRequest, choices: list[tuple[str, str]]) -> str:
    asked = request.GET.get(PROVINCE, "")
    known = [code for code, _name in choices]
    return asked if asked in known else (known[0] if known else "")


def _incident_window(filters: IncidentMapFilters) -> tuple[dt.date, dt.date]:
    """The incidents shown: those of the filters' days, the last twelve months by default."""
    end = filters.value("occurred_to") or dates.today()
    start = filters.value("occurred_from") or dates.add_months(end, -12) + dt.timedelta(days=1)
    return start, end


def map_page(request: AuthenticatedRequest) -> HttpResponse:
    """Places and incidents of the reader's scope on a map, by province."""
    places = PlaceMapFilters(request.GET, user=request.user)
    incidents = IncidentMapFilters(request.GET, user=request.user)
    choices = provinces_of(request)
    start, end = _incident_window(incidents)
    return render(
        request,
        "religion/map.html",
        {
            "places": places,
            "incidents": incidents,
            "provinces": choices,
            "province": _province(request, choices),
            "religions": Religion.objects.restrict(request.user).order_by("name"),
            "start": start,
            "end": end,
            "data_url": f"{reverse('religion:map_data')}?{request.GET.urlencode()}",
        },
    )


def map_data(request: AuthenticatedRequest) -> JsonResponse:
    """GeoJSON of the map: communes (incidents of the period) and places (in force on the as-of day)."""
    places = PlaceMapFilters(request.GET, user=request.user)
    incidents = IncidentMapFilters(request.GET, user=request.user)
    empty: dict[str, Any] = {"type": "FeatureCollection", "features": [], "approximate": False, "missing": 0}
    if places.errors or incidents.errors:
        return JsonResponse(empty)
    province = _province(request, provinces_of(request))
    if not province:
        return JsonResponse(empty)
    start, end = _incident_window(incidents)
    shown = incidents.apply(Incident.objects.restrict(request.user)).filter(
        province_code=province, occurred_on__gte=start, occurred_on__lte=end
    )
    communes, approximate = commune_features(
        province, places.as_of, shown, UnitBoundary.objects.restrict(request.user)
    )
    codes = [feature["properties"]["code"] for feature in communes]
    in_force = WorshipPlace.objects.restrict(request.user).as_of(places.as_of)
    points, missing = place_features(places.apply(in_force).filter(commune_code__in=codes))
    return JsonResponse(
        {
            "type": "FeatureCollection",
            "features": communes + points,
            "approximate": approximate,
            "missing": missing,
            "period": _("Vụ việc từ %(start)s đến %(end)s")
            % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"},
        }
    )
