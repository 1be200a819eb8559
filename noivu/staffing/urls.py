from django.urls import path

from noivu.staffing import views

app_name = "staffing"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("export.xlsx", views.overview_export, name="overview_export"),
    path("units/<int:pk>/assigned/", views.assigned, name="assigned"),
    path("units/<int:pk>/", views.organization, name="organization"),
    path("quotas/", views.quotas, name="quotas"),
    path("quotas/<int:pk>/", views.quota, name="quota"),
    path("quotas/<int:pk>/appraise/", views.quota_appraise, name="quota_appraise"),
    path("quotas/<int:pk>/decide/", views.quota_decide, name="quota_decide"),
    path("restructuring/", views.events, name="events"),
    path("restructuring/<int:pk>/", views.event, name="event"),
    path("restructuring/<int:pk>/decide/", views.event_decide, name="event_decide"),
    path("restructuring/<int:pk>/apply/", views.event_apply, name="event_apply"),
    path("targets/", views.targets, name="targets"),
    path("targets/export.xlsx", views.targets_export, name="targets_export"),
    path("cases/", views.cases, name="cases"),
    path("cases/export.xlsx", views.cases_export, name="cases_export"),
    path("cases/<int:pk>/", views.case, name="case"),
    path("cases/<int:pk>/decide/", views.case_decide, name="case_decide"),
    path("cases/<int:pk>/execute/", views.case_execute, name="case_execute"),
]
