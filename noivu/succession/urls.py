from django.urls import path

from noivu.succession import views

app_name = "succession"
urlpatterns = [
    path("", views.index, name="index"),
    path("pools/<int:pk>/", views.pool, name="pool"),
    path("pools/export.xlsx", views.pools_export, name="pools_export"),
    path("training/", views.training, name="training"),
    path("courses/", views.courses, name="courses"),
    path("courses/<int:pk>/", views.course, name="course"),
    path("mentoring/", views.mentoring, name="mentoring"),
    path("mentoring/<int:pk>/", views.pair, name="pair"),
    path("handovers/", views.handovers, name="handovers"),
    path("handovers/<int:pk>/", views.handover, name="handover"),
]
