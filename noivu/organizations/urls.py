from django.urls import path

from noivu.organizations import views

app_name = "organizations"
urlpatterns: list = []
