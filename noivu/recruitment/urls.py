from django.urls import path

from noivu.recruitment import views

app_name = "recruitment"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/results/", views.results, name="results"),
    path("plans/<int:pk>/scores/import/", views.scores_import, name="scores_import"),
    path("plans/<int:pk>/scores/template/", views.scores_template, name="scores_template"),
    path(
        "plans/<int:pk>/scores/import/errors/<slug:token>/",
        views.scores_import_errors,
        name="scores_import_errors",
    ),
    path("plans/<int:pk>/candidates/import/", views.candidates_import, name="candidates_import"),
    path("plans/<int:pk>/candidates/template/", views.candidates_template, name="candidates_template"),
    path(
        "plans/<int:pk>/candidates/import/errors/<slug:token>/",
        views.candidates_import_errors,
        name="candidates_import_errors",
    ),
    path("imports/<int:pk>/", views.candidates_import_job, name="candidates_import_job"),
    path("imports/<int:pk>/errors/", views.candidates_import_job_errors, name="candidates_import_job_errors"),
    path("candidates/<int:pk>/", views.candidate, name="candidate"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("probations/", views.probations, name="probations"),
    path("probations/<int:pk>/", views.probation, name="probation"),
    path("talent/", views.talent_grants, name="talent_grants"),
    path("people/<int:pk>/talent/new/", views.talent_grant_create, name="talent_grant_create"),
    path("apply/<int:pk>/", views.apply, name="apply"),
]
