from django.urls import path

from noivu.accounts import views

app_name = "accounts"
urlpatterns: list = []
