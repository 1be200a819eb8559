from django.urls import path

from noivu.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("persons/<int:pk>/", views.person, name="person"),
    path("<int:pk>/", views.detail, name="detail"),
    path("results/", views.results, name="results"),
    path("results/export.xlsx", views.results_export, name="results_export"),
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/<int:pk>/", views.task, name="task"),
    path("units/<int:pk>/tasks/", views.unit_tasks, name="unit_tasks"),
]
