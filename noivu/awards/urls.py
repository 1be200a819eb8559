from django.urls import path

from noivu.awards import views

app_name = "awards"
urlpatterns = [
    path("", views.index, name="index"),
    path("units/<int:pk>/eligibility/", views.eligibility, name="eligibility"),
    path("initiatives/", views.initiatives, name="initiatives"),
    path("persons/<int:pk>/initiatives/", views.person_initiatives, name="person_initiatives"),
]
