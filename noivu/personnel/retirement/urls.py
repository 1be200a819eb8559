from django.urls import path

from noivu.personnel.retirement import views

urlpatterns = [
    path("retirements/", views.retirements, name="retirements"),
    path("retirements.xlsx", views.retirements_export, name="retirements_export"),
]
