from django.urls import path

from noivu.legislation import views

app_name = "legislation"
urlpatterns = [
    path("", views.programmes, name="programmes"),
    path("new/", views.programme_create, name="programme_create"),
    path("<int:pk>/", views.programme, name="programme"),
    path("<int:pk>/documents/new/", views.document_add, name="document_add"),
    path("documents/", views.documents, name="documents"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/steps/", views.step_complete, name="step_complete"),
    path("documents/<int:pk>/amendments/", views.amendment_add, name="amendment_add"),
    path("documents/<int:pk>/legal-bases/", views.basis_link, name="basis_link"),
]
