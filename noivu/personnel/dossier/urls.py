from django.urls import path

from noivu.personnel.dossier import views

urlpatterns = [
    path("<int:pk>/cv/", views.cv_view, name="cv"),
    path("<int:pk>/dossier/", views.index, name="dossier"),
    path("<int:pk>/dossier/<str:kind>/", views.list_facts, name="dossier_list"),
    path("<int:pk>/dossier/<str:kind>/add/", views.add_fact, name="dossier_add"),
]
