"""The pages of personnel records: each feature declares its own, all under the ``personnel`` namespace."""

from django.urls import include, path

app_name = "personnel"
urlpatterns = [
    path("", include("noivu.personnel.records.urls")),
    path("", include("noivu.personnel.excel.urls")),
    path("", include("noivu.personnel.dossier.urls")),
    path("", include("noivu.personnel.retirement.urls")),
    path("", include("noivu.personnel.duplicates.urls")),
    path("", include("noivu.personnel.addresses.urls")),
]
