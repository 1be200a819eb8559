from django.urls import path

from noivu.religion.procedures import views as procedures
from noivu.religion.registries import views as registries

app_name = "religion"
urlpatterns = [
    path("dossiers/", procedures.queue, name="dossiers"),
    path("dossiers/receive/", procedures.receive, name="receive"),
    path("dossiers/<int:pk>/", procedures.dossier_detail, name="dossier"),
    path("dossiers/<int:pk>/supplement/", procedures.supplement, name="supplement"),
    path(
        "dossiers/<int:pk>/supplement-received/", procedures.supplement_received, name="supplement_received"
    ),
    path("dossiers/<int:pk>/decide/", procedures.decide, name="decide"),
    path("calendar/", procedures.calendar, name="calendar"),
    path("registries/add/", registries.registry_add, name="registry_add"),
    path("registries/<slug:kind>/", registries.registry_list, name="registry"),
    path("registries/<slug:kind>/<int:pk>/", registries.record_detail, name="record"),
    path("registries/<slug:kind>/<int:pk>/close/", registries.record_close, name="record_close"),
]
