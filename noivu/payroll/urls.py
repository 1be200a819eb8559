from django.urls import path

from noivu.payroll import views

app_name = "payroll"
urlpatterns = [
    path("", views.runs, name="runs"),
    path("runs/<int:pk>/", views.run, name="run"),
    path("runs/<int:pk>/review/", views.run_review, name="run_review"),
    path("runs/<int:pk>/lock/", views.run_lock, name="run_lock"),
    path("runs/<int:pk>/sheet.xlsx", views.run_sheet, name="run_sheet"),
    path("runs/<int:pk>/bank.xlsx", views.run_bank, name="run_bank"),
    path("persons/<int:pk>/", views.person, name="person"),
    path("raises/", views.raises, name="raises"),
    path("raises/approve/", views.raises_approve, name="raises_approve"),
    path("scenarios/", views.scenarios, name="scenarios"),
    path("scenarios/<int:pk>/", views.scenario, name="scenario"),
    path("scenarios/<int:pk>/export.xlsx", views.scenario_export, name="scenario_export"),
]
