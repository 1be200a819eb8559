from django.urls import path

from noivu.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.index, name="index"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path("conflicts/<int:pk>/", views.conflict, name="conflict"),
    path("receiver/", views.receiver, name="receiver"),
]
