from django.urls import path

from noivu.personnel.duplicates import views

urlpatterns = [
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/merge/", views.merge, name="merge"),
    path("merges/", views.merges, name="merges"),
]
