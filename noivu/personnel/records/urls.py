from django.urls import path

from noivu.personnel.records import views

urlpatterns = [
    path("", views.person_list, name="list"),
    path("export.xlsx", views.export, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/edit/", views.edit, name="edit"),
]
