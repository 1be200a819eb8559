from django.urls import path

from noivu.personnel.dossier import views

urlpatterns = [
    path("<int:pk>/cv/", views.cv_view, name="cv"),
    path("<int:pk>/dossier/", views.index, name="dossier"),
    path("<int:pk>/dossier/<str:kind>/", views.list_facts, name="dossier_list"),
    path("<int:pk>/dossier/<str:kind>/add/", views.add_fact, name="dossier_add"),
    path("<int:pk>/dossier/<str:kind>/<int:row_id>/edit/", views.edit_fact, name="dossier_edit"),
    path("<int:pk>/dossier/<str:kind>/<int:row_id>/delete/", views.delete_fact, name="dossier_delete"),
]
