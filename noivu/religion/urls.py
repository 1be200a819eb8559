from django.urls import path

from noivu.religion.forecast import views as forecast
from noivu.religion.geo import views as geo
from noivu.religion.incidents import views as incidents
from noivu.religion.periodic import views as periodic
from noivu.religion.procedures import views as procedures
from noivu.religion.registries import views as registries

app_name = "religion"
urlpatterns = [
    path("", forecast.situation, name="situation"),
    path("dossiers/", procedures.queue, name="dossiers"),
    path("dossiers/receive/", procedures.receive, name="receive"),
    path("dossiers/<int:pk>/", procedures.dossier_detail, name="dossier"),
    path("dossiers/<int:pk>/supplement/", procedures.supplement, name="supplement"),
    path(
        "dossiers/<int:pk>/supplement-received/", procedures.supplement_received, name="supplement_received"
    ),
    path("dossiers/<int:pk>/decide/", procedures.decide, name="decide"),
    path("reports/", periodic.periodic, name="periodic"),
    path("reports/xlsx/", periodic.periodic_xlsx, name="periodic_xlsx"),
    path("reports/pdf/", periodic.periodic_pdf, name="periodic_pdf"),
    path("map/", geo.map_page, name="map"),
    path("map.geojson", geo.map_data, name="map_data"),
    path("calendar/", procedures.calendar, name="calendar"),
    path("incidents/", incidents.incident_list, name="incidents"),
    path("incidents/report/", incidents.report, name="report"),
    path("incidents/rollup/", incidents.rollup, name="rollup"),
    path("incidents/<int:pk>/", incidents.incident_detail, name="incident"),
    path("registries/add/", registries.registry_add, name="registry_add"),
    path("registries/<slug:kind>/", registries.registry_list, name="registry"),
    path("registries/<slug:kind>/<int:pk>/", registries.record_detail, name="record"),
    path("registries/<slug:kind>/<int:pk>/close/", registries.record_close, name="record_close"),
]
