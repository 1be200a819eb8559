from django.urls import include, path

app_name = "admin_units"

urlpatterns = [
    path("", include("noivu.admin_units.arrangement.urls")),
]
