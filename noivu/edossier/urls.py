from django.urls import path

from noivu.edossier import views

app_name = "edossier"
urlpatterns = [
    path("", views.index, name="index"),
    path("missing/", views.missing, name="missing"),
    path("identifiers/", views.identifiers, name="identifiers"),
    path("groups/", views.groups, name="groups"),
    path("export.xlsx", views.export, name="export"),
    path("sync/", views.sync, name="sync"),
    path("receiver/", views.receiver, name="receiver"),
]
