from django.urls import path

from noivu.recruitment import views

app_name = "recruitment"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/results/", views.results, name="results"),
    path("plans/<int:pk>/scores/import/", views.scores_import, name="scores_import"),
    path("candidates/<int:pk>/", views.candidate, name="candidate"),
    path("apply/<int:pk>/", views.apply, name="apply"),
]
