from django.urls import path

from noivu.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("statistics/", views.statistic_list, name="statistics"),
    path("statistics/<slug:key>/", views.statistic, name="statistic"),
    path("statistics/<slug:key>/persons/", views.statistic_persons, name="statistic_persons"),
    path("statistics/<slug:key>/export.xlsx", views.statistic_excel, name="statistic_excel"),
    path("statistics/<slug:key>/export.pdf", views.statistic_pdf, name="statistic_pdf"),
]
