from django.urls import path

from noivu.personnel.records import views

urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.create, name="create"),
    path("export.xlsx", views.export, name="export"),
    path("selected/export.xlsx", views.export_selected, name="export_selected"),
    path("selected/cv/", views.print_cvs, name="print_cvs"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/assignments/<int:assignment_id>/edit/", views.edit_assignment, name="assignment_edit"),
    path(
        "<int:pk>/assignments/<int:assignment_id>/delete/", views.delete_assignment, name="assignment_delete"
    ),
]
