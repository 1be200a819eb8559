from django.urls import path

from noivu.personnel import views

app_name = "personnel"
urlpatterns: list = []
