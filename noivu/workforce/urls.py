from django.urls import path

from noivu.workforce import views

app_name = "workforce"
urlpatterns = [
    path("", views.forecast_page, name="forecast"),
    path("export.xlsx", views.forecast_export, name="forecast_export"),
]
