from django.urls import path

from noivu.admin_units.arrangement import views

urlpatterns = [
    path("analysis/", views.analysis, name="analysis"),
    path("analysis/export/", views.analysis_export, name="analysis_export"),
    path("map.geojson", views.map_data, name="map_data"),
    path("adjacency/", views.adjacency, name="adjacency"),
    path("figures/import/", views.figures_import, name="figures_import"),
    path("units/<str:regime>/<str:code>/", views.unit_figures, name="unit_figures"),
    path("plans/", views.plans, name="plans"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/step/", views.plan_step, name="plan_step"),
]
