from django.urls import path

from noivu.core import views

app_name = "core"
urlpatterns: list = []
