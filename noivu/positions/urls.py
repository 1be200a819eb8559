from django.urls import path

from noivu.positions import views
from noivu.positions.catalogue import views as catalogue

app_name = "positions"
urlpatterns = [
    path("", views.projects, name="projects"),
    path("projects/<int:pk>/", views.project, name="project"),
    path("projects/<int:pk>/positions/", views.project_positions, name="project_positions"),
    path("projects/<int:pk>/people/", views.project_people, name="project_people"),
    path("projects/<int:pk>/submit/", views.project_submit, name="project_submit"),
    path("projects/<int:pk>/appraise/", views.project_appraise, name="project_appraise"),
    path("projects/<int:pk>/comment/", views.project_comment, name="project_comment"),
    path("projects/<int:pk>/return/", views.project_return, name="project_return"),
    path("projects/<int:pk>/approve/", views.project_approve, name="project_approve"),
    path("projects/<int:pk>/version/", views.project_version, name="project_version"),
    path("projects/<int:pk>/document/", views.project_document, name="project_document"),
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("catalogue/new/", catalogue.catalogue_edit, name="catalogue_new"),
    path("catalogue/export/", catalogue.catalogue_export, name="catalogue_export"),
    path("catalogue/import/", catalogue.catalogue_import, name="catalogue_import"),
    path(
        "catalogue/import/errors/<slug:token>/",
        catalogue.catalogue_import_errors,
        name="catalogue_import_errors",
    ),
    path("catalogue/<int:pk>/", catalogue.catalogue_position, name="catalogue_position"),
    path("catalogue/<int:pk>/edit/", catalogue.catalogue_edit, name="catalogue_edit"),
    path("campaigns/", views.campaigns, name="campaigns"),
    path("campaigns/<int:pk>/", views.campaign, name="campaign"),
    path("campaigns/<int:pk>/remind/", views.campaign_remind, name="campaign_remind"),
    path("gaps/", views.gaps, name="gaps"),
]
