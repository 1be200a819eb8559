from django.urls import path

from noivu.core import views

app_name = "core"
urlpatterns = [
    path("healthz", views.health, name="health"),
    path("rules/", views.rules, name="rules"),
    path("jobs/", views.jobs, name="jobs"),
    path("choices/<slug:source>/", views.tree_choices_search, name="tree_choices"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("jobs/<int:pk>/rerun/", views.rerun_job, name="job_rerun"),
    path("filters/save/", views.save_filter, name="save_filter"),
    path("filters/<int:pk>/delete/", views.delete_saved_filter, name="delete_saved_filter"),
]
